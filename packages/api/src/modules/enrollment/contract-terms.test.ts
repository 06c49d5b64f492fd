import { describe, expect, it } from 'vitest';
import { formatRub } from '../../common/money';
import { FundingType } from '../catalog/catalog.enums';
import { contractDates, contractNumber, monthsTouched, renderContractText, type ContractTextData } from './contract-terms';

describe('contract terms', () => {
  it('counts every calendar month a contract touches', () => {
    expect(monthsTouched('2026-11-23', '2026-12-31')).toBe(2);
    expect(monthsTouched('2026-09-01', '2026-09-30')).toBe(1);
    expect(monthsTouched('2026-01-31', '2026-12-01')).toBe(12);
    expect(monthsTouched('2026-12-31', '2027-01-01')).toBe(2);
  });

  it('starts a contract at the group start or the offer day, whichever is later, and ends it within the period', () => {
    const period = { endsOn: '2026-12-31' };
    expect(contractDates({ startsOn: '2026-09-01', endsOn: '2027-05-31' }, period, '2026-11-23')).toEqual({ startsOn: '2026-11-23', endsOn: '2026-12-31', months: 2 });
    expect(contractDates({ startsOn: '2026-12-01', endsOn: '2026-12-20' }, period, '2026-11-23')).toEqual({ startsOn: '2026-12-01', endsOn: '2026-12-20', months: 1 });
  });

  it('offers no contract for a group that starts after the period or has already ended', () => {
    const period = { endsOn: '2026-12-31' };
    expect(contractDates({ startsOn: '2027-01-10', endsOn: '2027-05-31' }, period, '2026-11-23')).toBeNull();
    expect(contractDates({ startsOn: '2026-02-01', endsOn: '2026-05-31' }, period, '2026-11-23')).toBeNull();
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
    endsOn: '2026-12-31',
    months: 2,
    monthlyPrice: 500_000,
    certificateMonthlyShare: 400_000,
    parentMonthlyCopayment: 100_000,
    certificateTotal: 800_000,
    offerExpiresAt: new Date('2026-11-28T09:00:00Z'),
  };

  it('renders the offer in Russian from its terms: parties, dates, certificate share, co-payment and deadline', () => {
    const text = renderContractText(data);
    expect(text).toContain('ДОГОВОР ОБ ОБРАЗОВАНИИ № 28-ZEYA-2026-000001');
    expect(text).toContain('Обучающийся: Иванов Пётр, дата рождения 08.03.2016.');
    expect(text).toContain('с 23.11.2026 по 31.12.2026 (месяцев: 2)');
    expect(text).toContain(`Сертификат дополнительного образования № 2800000001 оплачивает ${formatRub(400_000)} в месяц`);
    expect(text).toContain(`резервируется ${formatRub(800_000)}`);
    expect(text).toContain(`Доплата Заказчика: ${formatRub(100_000)} в месяц.`);
    expect(text).toContain('Оферта действительна до 28.11.2026, 18:00');
  });

  it('says who pays for budget and paid programs', () => {
    expect(renderContractText({ ...data, fundingType: FundingType.BUDGET, monthlyPrice: 0, certificateMonthlyShare: 0, parentMonthlyCopayment: 0, certificateTotal: 0 })).toContain(
      'Обучение бесплатное',
    );
    expect(renderContractText({ ...data, fundingType: FundingType.PAID, certificateMonthlyShare: 0, parentMonthlyCopayment: 500_000, certificateTotal: 0 })).toContain(
      `Стоимость обучения: ${formatRub(500_000)} в месяц, оплачивает Заказчик.`,
    );
  });
});
