import { describe, expect, it } from 'vitest';
import { readSearch, toFilter, writeSearch } from './search-params';

describe('catalog search in the address bar', () => {
  it('survives a round trip through the URL', () => {
    const search = readSearch(new URLSearchParams('q=робототехника&age=10&direction=TECHNICAL&funding=CERTIFICATE&free=1&order=TITLE&municipality=m1'));
    expect(search).toMatchObject({ text: 'робототехника', age: 10, direction: 'TECHNICAL', fundingType: 'CERTIFICATE', hasFreeSeats: true, orderBy: 'TITLE', municipalityId: 'm1' });
    expect(readSearch(writeSearch(search))).toEqual(search);
  });

  it('ignores values it does not know instead of sending them to the server', () => {
    const search = readSearch(new URLSearchParams('direction=MAGIC&age=abc&order=RANDOM&funding='));
    expect(search).toMatchObject({ direction: null, age: null, orderBy: 'RELEVANCE', fundingType: null });
    expect(writeSearch(search).toString()).toBe('');
  });

  it('sends only the filters that are set', () => {
    expect(toFilter(readSearch(new URLSearchParams('q=+шахматы+')))).toEqual({
      text: 'шахматы',
      municipalityId: null,
      direction: null,
      age: null,
      fundingType: null,
      format: null,
      hasFreeSeats: null,
    });
  });
});
