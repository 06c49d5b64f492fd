import { DataSource } from 'typeorm';
import { Service } from '../../common/container';
import type { Actor } from '../../common/actor';
import { monthName, type Month } from '../../common/months';
import { rubCell, toCsv } from './csv';
import { InvoiceService, invoiceStatusName } from './invoice.service';

export interface CsvFile {
  filename: string;
  content: string;
}

/** CSV downloads of invoices and registries; who may read what is decided by InvoiceService. */
@Service()
export class BillingReportsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly invoices: InvoiceService,
  ) {}

  /** One invoice with a line per charge: what the municipality pays and why. */
  async invoiceCsv(actor: Actor | undefined, invoiceId: string): Promise<CsvFile> {
    const invoice = await this.invoices.invoice(actor, invoiceId);
    const [head] = await this.dataSource.query(
      `SELECT o.name AS organization, o.inn, mu.name AS municipality FROM organizations o, municipalities mu WHERE o.id = $1 AND mu.id = $2`,
      [invoice.organizationId, invoice.municipalityId],
    );
    const lines: Record<string, string | number | null>[] = await this.dataSource.query(
      `SELECT k.number AS contract, concat_ws(' ', ch.last_name, ch.first_name, ch.middle_name) AS child, ce.number AS certificate, p.title AS program,
              c.lessons_planned, c.lessons_attended, c.amount::bigint AS amount, c.copayment::bigint AS copayment, c.comment
         FROM charges c
         JOIN contracts k ON k.id = c.contract_id
         JOIN children ch ON ch.id = k.child_id
         JOIN certificates ce ON ce.id = c.certificate_id
         JOIN programs p ON p.id = k.program_id
        WHERE c.invoice_id = $1
        ORDER BY k.number`,
      [invoice.id],
    );
    const rows: (string | number | null)[][] = [
      [`Счёт на оплату за ${monthName(invoice.month)}`],
      ['Организация', head.organization, 'ИНН', head.inn],
      ['Муниципалитет', head.municipality],
      ['Статус', invoiceStatusName(invoice.status)],
      [],
      ['№', 'Договор', 'Обучающийся', 'Сертификат', 'Программа', 'Занятий по плану', 'Занятий посещено', 'Оплата сертификатом, ₽', 'Доплата родителя, ₽', 'Комментарий'],
      ...lines.map((l, i) => [
        i + 1,
        l.contract,
        l.child,
        l.certificate,
        l.program,
        l.lessons_planned,
        l.lessons_attended,
        rubCell(Number(l.amount)),
        rubCell(Number(l.copayment)),
        l.comment,
      ]),
      ['Итого', '', '', '', '', '', '', rubCell(invoice.total), rubCell(lines.reduce((sum, l) => sum + Number(l.copayment), 0)), ''],
    ];
    return { filename: `invoice-${invoice.month}-${invoice.id.slice(0, 8)}.csv`, content: toCsv(rows) };
  }

  /** The month's invoice registry: one line per organization's invoice. */
  async registryCsv(actor: Actor | undefined, month: Month, municipalityId?: string | null): Promise<CsvFile> {
    const registry = await this.invoices.invoiceRegistry(actor, month, municipalityId);
    const names: { id: string; name: string; inn: string | null; municipality: string }[] = registry.invoices.length
      ? await this.dataSource.query(
          `SELECT i.id, o.short_name AS name, o.inn, mu.name AS municipality
             FROM invoices i JOIN organizations o ON o.id = i.organization_id JOIN municipalities mu ON mu.id = i.municipality_id
            WHERE i.id = ANY($1::uuid[])`,
          [registry.invoices.map((i) => i.id)],
        )
      : [];
    const byId = new Map(names.map((n) => [n.id, n]));
    const rows: (string | number | null)[][] = [
      [`Реестр счетов за ${monthName(month)}`],
      [],
      ['№', 'Организация', 'ИНН', 'Муниципалитет', 'Статус', 'Списаний', 'Сумма, ₽', 'Дата оплаты', 'Платёжное поручение'],
      ...registry.invoices.map((invoice, i) => {
        const n = byId.get(invoice.id)!;
        return [i + 1, n.name, n.inn, n.municipality, invoiceStatusName(invoice.status), invoice.chargeCount, rubCell(invoice.total), invoice.paidOn, invoice.paymentReference];
      }),
      ['Итого', '', '', '', '', registry.invoices.reduce((sum, i) => sum + i.chargeCount, 0), rubCell(registry.total), '', ''],
      ['Утверждено', '', '', '', '', '', rubCell(registry.approvedTotal), '', ''],
      ['Оплачено', '', '', '', '', '', rubCell(registry.paidTotal), '', ''],
    ];
    return { filename: `registry-${month}.csv`, content: toCsv(rows) };
  }
}
