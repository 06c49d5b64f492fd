import { describe, expect, it } from 'vitest';
import { formatRub } from '../../common/money';
import { FundingType } from '../catalog/catalog.enums';
import { contractDates, contractNumber, monthsTouched, renderContractText, seasonSlices, type ContractTextData } from './contract-terms';

describe('contract terms', () => {
  it('counts every calendar month a contract touches', () => {
    expect(monthsTouched('2026-11-23', '2026-12-31')).toBe(2);
    expect(monthsTouched('2026-09-01', '2026-09-30')).toBe(1);
    expect(monthsTouched('2026-01-31', '2026-12-01')).toBe(12);
    expect(monthsTouched('2026-12-31', '2027-01-01')).toBe(2);
  });

  it('runs a contract from the group start or the offer day, whichever is later, to the end of the group\'s season', () => {
    expect(contractDates({ startsOn: '2026-09-01', endsOn: '2027-05-31' }, '2026-12-02')).toEqual({ startsOn: '2026-12-02', endsOn: '2027-05-31', months: 6 });
    expect(contractDates({ startsOn: '2027-01-10', endsOn: '2027-05-31' }, '2026-12-02')).toEqual({ startsOn: '2027-01-10', endsOn: '2027-05-31', months: 5 });
    expect(contractDates({ startsOn: '2026-02-02', endsOn: '2026-05-31' }, '2026-05-31')).toEqual({ startsOn: '2026-05-31', endsOn: '2026-05-31', months: 1 });
  });

  it('offers no contract for a group that has already ended', () => {
    expect(contractDates({ startsOn: '2026-02-01', endsOn: '2026-05-31' }, '2026-11-23')).toBeNull();
  });

  const p2026 = { id: 'p26', year: 2026, startsOn: '2026-01-01', endsOn: '2026-12-31' };
  const p2027 = { id: 'p27', year: 2027, startsOn: '2027-01-01', endsOn: '2027-12-31' };

  it('cuts a season at the year end into the periods that pay for it', () => {
    expect(seasonSlices({ startsOn: '2026-09-01', endsOn: '2027-05-31' }, [p2026, p2027])).toEqual([
      { period: p2026, year: 2026, startsOn: '2026-09-01', endsOn: '2026-12-31', months: 4 },
      { period: p2027, year: 2027, startsOn: '2027-01-01', endsOn: '2027-05-31', months: 5 },
    ]);
    // 31 December: one day of the old year counts as its month; January belongs to the new period.
    expect(seasonSlices({ startsOn: '2026-12-31', endsOn: '2027-05-31' }, [p2026, p2027]).map((s) => [s.year, s.months])).toEqual([
      [2026, 1],
      [2027, 5],
    ]);
  });

  it('follows the calendar year where the municipality has not set the next period yet', () => {
    expect(seasonSlices({ startsOn: '2026-09-01', endsOn: '2027-05-31' }, [p2026])).toEqual([
      { period: p2026, year: 2026, startsOn: '2026-09-01', endsOn: '2026-12-31', months: 4 },
      { period: null, year: 2027, startsOn: '2027-01-01', endsOn: '2027-05-31', months: 5 },
    ]);
  });

  it('follows periods that are not calendar years', () => {
    const schoolYear = { id: 's', year: 2026, startsOn: '2026-09-01', endsOn: '2027-08-31' };
    expect(seasonSlices({ startsOn: '2026-09-01', endsOn: '2027-05-31' }, [schoolYear])).toEqual([{ period: schoolYear, year: 2026, startsOn: '2026-09-01', endsOn: '2027-05-31', months: 9 }]);
    // Before a set period begins, the calendar-year slice stops the day before it.
    expect(seasonSlices({ startsOn: '2026-06-01', endsOn: '2026-10-31' }, [schoolYear]).map((s) => [s.period?.id ?? null, s.startsOn, s.endsOn])).toEqual([
      [null, '2026-06-01', '2026-08-31'],
      ['s', '2026-09-01', '2026-10-31'],
    ]);
  });

  it('numbers contracts by region, municipality, year and sequence', () => {
    expect(contractNumber('28', 'zeya', 2026, 123)).toBe('28-ZEYA-2026-000123');
  });

  const data: ContractTextData = {
    number: '28-ZEYA-2026-000001',
    organizationName: 'МАО ДО ДДТ «Ровесник»',
    organizationAddress: 'г. Зея, ул. Народная, 26',
    parentName: 'Иванова Мария Петровна',
    childName: 'Иванов Пётр',
    childBirthDate: '2016-03-08',
    programTitle: 'Робототехника',
    groupName: 'Группа 1',
    groupAddress: 'г. Зея, ул. Народная, 26',
    fundingType: FundingType.CERTIFICATE,
    certificateNumber: '2800000001',
    startsOn: '2026-11-23',
    endsOn: '2027-05-31',
    months: 7,
    monthlyPrice: 500_000,
    certificateMonthlyShare: 400_000,
    parentMonthlyCopayment: 100_000,
    periods: [
      { year: 2026, months: 2, certificateAmount: 800_000, blockedNow: true },
      { year: 2027, months: 5, certificateAmount: 2_000_000, blockedNow: false },
    ],
    offerExpiresAt: new Date('2026-11-28T09:00:00Z'),
  };

  it('renders the offer in Russian from its terms: parties, dates, certificate share, co-payment and deadline', () => {
    const text = renderContractText(data);
    expect(text).toContain('ДОГОВОР ОБ ОБРАЗОВАНИИ № 28-ZEYA-2026-000001');
    expect(text).toContain('Обучающийся: Иванов Пётр, дата рождения 08.03.2016.');
    expect(text).toContain('с 23.11.2026 по 31.05.2027 (месяцев: 7)');
    expect(text).toContain(`Сертификат дополнительного образования № 2800000001 оплачивает ${formatRub(400_000)} в месяц`);
    expect(text).toContain(`2026 год — 2 месяца, ${formatRub(800_000)} (резервируется на сертификате сейчас)`);
    expect(text).toContain(`2027 год — 5 месяцев, ${formatRub(2_000_000)} (будет оплачено из номинала 2027 года)`);
    expect(text).toContain(`Доплата Заказчика: ${formatRub(100_000)} в месяц.`);
    expect(text).toContain('Оферта действительна до 28.11.2026, 18:00');
  });

  it('says who pays for budget and paid programs', () => {
    expect(renderContractText({ ...data, fundingType: FundingType.BUDGET, monthlyPrice: 0, certificateMonthlyShare: 0, parentMonthlyCopayment: 0, periods: [] })).toContain(
      'Обучение бесплатное',
    );
    expect(renderContractText({ ...data, fundingType: FundingType.PAID, certificateMonthlyShare: 0, parentMonthlyCopayment: 500_000, periods: [] })).toContain(
      `Стоимость обучения: ${formatRub(500_000)} в месяц, оплачивает Заказчик.`,
    );
  });
});
