import { describe, expect, it } from 'vitest';
import { contractStatusText, monthName } from './contract-status';

describe('charge months', () => {
  it('reads a YYYY-MM month as a Russian month and year', () => {
    expect(monthName('2026-11')).toBe('ноябрь 2026');
    expect(monthName('2027-01')).toBe('январь 2027');
  });
});

describe('contract status in one phrase', () => {
  it('says a terminated contract still runs to the end of its month', () => {
    expect(contractStatusText({ status: 'TERMINATED', endsOn: '2026-12-31' })).toBe('Расторгнут, занятия по 31.12.2026');
    expect(contractStatusText({ status: 'COMPLETED', endsOn: '2027-05-31' })).toBe('Исполнен');
  });

  it('asks for the parent\'s decision when the new year could not fund the contract', () => {
    expect(contractStatusText({ status: 'AWAITING_FUNDING', endsOn: '2027-05-31' })).toBe('Ждёт вашего решения об оплате');
  });
});
