import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../config';
import { FixedClock, regionDay, TravelClock } from './clock';

describe('the region\'s calendar', () => {
  it('turns the day at 15:00 UTC, midnight in Amur time', () => {
    expect(regionDay(new Date('2026-12-31T14:59:59Z'))).toBe('2026-12-31');
    expect(regionDay(new Date('2026-12-31T15:00:00Z'))).toBe('2027-01-01');
  });

  it('lets a fixed clock step over New Year and 29 February', () => {
    const clock = new FixedClock('2026-12-31');
    clock.advanceDays(1);
    expect(clock.today()).toBe('2027-01-01');
    clock.set('2028-02-28');
    clock.advanceDays(1);
    expect(clock.today()).toBe('2028-02-29');
  });
});

describe('the travel clock of demos and browser journeys', () => {
  afterEach(() => vi.useRealTimers());

  it('starts on the chosen day, keeps ticking, and moves to another day keeping the time of day', () => {
    vi.useFakeTimers({ now: new Date('2026-12-02T01:30:00Z'), toFake: ['Date'] });
    const clock = new TravelClock('2026-12-10');
    expect(clock.today()).toBe('2026-12-10');
    expect(clock.now().toISOString()).toBe('2026-12-10T01:30:00.000Z');
    vi.setSystemTime(new Date('2026-12-02T02:30:00Z'));
    expect(clock.now().toISOString()).toBe('2026-12-10T02:30:00.000Z');
    clock.travelTo('2027-01-01');
    expect(clock.today()).toBe('2027-01-01');
    expect(clock.now().toISOString()).toBe('2027-01-01T02:30:00.000Z');
  });

  it('is refused in production and must be a real calendar day', () => {
    vi.stubEnv('CLOCK_START', '2026-12-10');
    try {
      expect(() => loadConfig({ env: 'production', dataEncryptionKey: Buffer.alloc(32) })).toThrow(/refused in production/);
      vi.stubEnv('NODE_ENV', 'production');
      expect(() => loadConfig({ dataEncryptionKey: Buffer.alloc(32) })).toThrow(/refused in production/);
      vi.stubEnv('NODE_ENV', 'development');
      expect(loadConfig({ dataEncryptionKey: Buffer.alloc(32) }).clockStart).toBe('2026-12-10');
      vi.stubEnv('CLOCK_START', '2027-02-29');
      expect(() => loadConfig({ dataEncryptionKey: Buffer.alloc(32) })).toThrow(/calendar date/);
    } finally {
      vi.unstubAllEnvs();
    }
  });
});
