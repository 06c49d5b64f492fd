import { DataSource, type EntityManager, type FindOptionsWhere } from 'typeorm';
import { writeAudit } from '../../common/audit';
import { Service } from '../../common/container';
import { Clock } from '../../common/clock';
import type { IsoDate } from '../../common/dates';
import { DomainError, ForbiddenError, InvalidTransitionError, NotFoundError } from '../../common/errors';
import { formatRub } from '../../common/money';
import { execute } from '../../common/sql';
import { type Actor, requireOperatorOf, requireRole } from '../../common/actor';
import { Role } from '../../common/role';
import { NotificationService } from '../notifications/notification.service';
import { CLOSED_INVOICE_STATUSES, InvoiceStatus } from './billing.enums';
import { BillingErrorCode } from './billing.errors';
import { assertMonth, type Month, monthName, ruDate } from '../../common/months';
import type { InvoiceRegistry, MunicipalitySummary } from './billing.types';
import { assertMonthStarted } from './charge.service';
import { lockBillingMonth } from './billing-month-lock';
import type { RecordInvoicePaymentInput, ReturnInvoiceInput } from './inputs/invoice.input';
import { Invoice } from './invoice.entity';

const STATUS_NAMES: Record<InvoiceStatus, string> = {
  [InvoiceStatus.FORMED]: 'сформирован',
  [InvoiceStatus.APPROVED]: 'утверждён',
  [InvoiceStatus.PAID]: 'оплачен',
  [InvoiceStatus.RETURNED]: 'возвращён на исправление',
};

export function invoiceStatusName(status: InvoiceStatus): string {
  return STATUS_NAMES[status];
}

/**
 * Invoices (счета на оплату): one per organization, municipality and month,
 * built from that month's charges. The total is stored and kept equal to the
 * sum of the invoice's charges in every transaction that changes either.
 */
@Service()
export class InvoiceService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly notifications: NotificationService,
    private readonly clock: Clock,
  ) {}

  /**
   * Forms (or forms again, after a return) the staff member's invoices of the
   * month, one per municipality that has charges. Approved and paid invoices
   * are final and come back unchanged.
   */
  async formInvoice(actor: Actor | undefined, month: Month, today: IsoDate = this.clock.today()): Promise<Invoice[]> {
    const staff = requireRole(actor, Role.PROVIDER_STAFF);
    const organizationId = staff.organizationId!;
    assertMonthStarted(assertMonth(month), today);
    return this.dataSource.transaction(async (m) => {
      await lockBillingMonth(m, organizationId, month);
      const sums: { municipality_id: string; n: number; total: string }[] = await m.query(
        `SELECT municipality_id, count(*)::int AS n, sum(amount) AS total FROM charges WHERE organization_id = $1 AND month = $2 GROUP BY municipality_id ORDER BY municipality_id`,
        [organizationId, month],
      );
      if (sums.length === 0) {
        throw new DomainError(BillingErrorCode.NO_CHARGES, `За ${monthName(month)} нет списаний: счёт формировать не из чего`, { month });
      }
      const invoices: Invoice[] = [];
      for (const sum of sums) {
        await m.query(
          `INSERT INTO invoices (organization_id, municipality_id, month, status, formed_at, formed_by_user_id)
           VALUES ($1, $2, $3, 'FORMED', clock_timestamp(), $4) ON CONFLICT (organization_id, municipality_id, month) DO NOTHING`,
          [organizationId, sum.municipality_id, month, staff.userId],
        );
        const invoice = await m
          .getRepository(Invoice)
          .createQueryBuilder('i')
          .setLock('pessimistic_write')
          .where({ organizationId, municipalityId: sum.municipality_id, month })
          .getOneOrFail();
        if (!CLOSED_INVOICE_STATUSES.includes(invoice.status)) {
          await m.query(`UPDATE charges SET invoice_id = $1 WHERE organization_id = $2 AND municipality_id = $3 AND month = $4`, [
            invoice.id,
            organizationId,
            sum.municipality_id,
            month,
          ]);
          await m.query(
            `UPDATE invoices SET status = 'FORMED', total = $2, charge_count = $3, formed_at = clock_timestamp(), formed_by_user_id = $4, updated_at = clock_timestamp() WHERE id = $1`,
            [invoice.id, Number(sum.total), sum.n, staff.userId],
          );
          await writeAudit(m, { actorUserId: staff.userId, entityType: 'invoice', entityId: invoice.id, action: 'form', before: { status: invoice.status }, after: { total: Number(sum.total), chargeCount: sum.n } });
          await this.notifyOperators(m, sum.municipality_id, organizationId, `счёт за ${monthName(month)} на ${formatRub(Number(sum.total))}: проверьте и утвердите его.`);
        }
        invoices.push(await m.findOneByOrFail(Invoice, { id: invoice.id }));
      }
      return invoices;
    });
  }

  /** The operator accepts a formed invoice: its charges become final. */
  approveInvoice(actor: Actor | undefined, invoiceId: string): Promise<Invoice> {
    return this.transition(actor, invoiceId, InvoiceStatus.FORMED, InvoiceStatus.APPROVED, async (m, operator, invoice) => {
      await execute(m, `UPDATE invoices SET status = 'APPROVED', approved_at = clock_timestamp(), approved_by_user_id = $2, updated_at = clock_timestamp() WHERE id = $1`, [
        invoice.id,
        operator.userId,
      ]);
      return `Счёт за ${monthName(invoice.month)} на ${formatRub(invoice.total)} утверждён МОЦ.`;
    });
  }

  /** The operator sends a formed invoice back with a reason; the organization corrects charges and forms it again. */
  returnInvoice(actor: Actor | undefined, input: ReturnInvoiceInput): Promise<Invoice> {
    return this.transition(actor, input.invoiceId, InvoiceStatus.FORMED, InvoiceStatus.RETURNED, async (m, _operator, invoice) => {
      await execute(m, `UPDATE invoices SET status = 'RETURNED', returned_at = clock_timestamp(), return_reason = $2, updated_at = clock_timestamp() WHERE id = $1`, [
        invoice.id,
        input.reason,
      ]);
      return `Счёт за ${monthName(invoice.month)} возвращён МОЦ на исправление. Причина: ${input.reason}`;
    });
  }

  /** The operator records the municipality's payment of an approved invoice. */
  recordInvoicePayment(actor: Actor | undefined, input: RecordInvoicePaymentInput): Promise<Invoice> {
    return this.transition(actor, input.invoiceId, InvoiceStatus.APPROVED, InvoiceStatus.PAID, async (m, operator, invoice) => {
      await execute(m, `UPDATE invoices SET status = 'PAID', paid_on = $2, payment_reference = $3, paid_by_user_id = $4, updated_at = clock_timestamp() WHERE id = $1`, [
        invoice.id,
        input.paidOn,
        input.paymentReference ?? null,
        operator.userId,
      ]);
      return `Счёт за ${monthName(invoice.month)} на ${formatRub(invoice.total)} оплачен ${ruDate(input.paidOn)}.`;
    });
  }

  /** One invoice, for its organization's staff and its municipality's operators. */
  async invoice(actor: Actor | undefined, invoiceId: string): Promise<Invoice> {
    const user = requireRole(actor, Role.PROVIDER_STAFF, Role.OPERATOR, Role.REGION_ADMIN);
    const invoice = await this.dataSource.getRepository(Invoice).findOne({ where: { id: invoiceId, ...this.scopeOf(user) } });
    if (!invoice) throw new NotFoundError('Счёт');
    return invoice;
  }

  /** The staff member's organization's invoices, newest month first. */
  myInvoices(actor: Actor | undefined, month?: Month | null): Promise<Invoice[]> {
    const staff = requireRole(actor, Role.PROVIDER_STAFF);
    return this.dataSource.getRepository(Invoice).find({
      where: { organizationId: staff.organizationId!, ...(month ? { month: assertMonth(month) } : {}) },
      order: { month: 'DESC', municipalityId: 'ASC' },
    });
  }

  /** A municipality's invoices of the month with their totals (operators: their own; the region admin: one or all municipalities). */
  async invoiceRegistry(actor: Actor | undefined, month: Month, municipalityId?: string | null): Promise<InvoiceRegistry> {
    const user = requireRole(actor, Role.OPERATOR, Role.REGION_ADMIN);
    assertMonth(month);
    const scope = municipalityId ?? (user.role === Role.OPERATOR ? user.municipalityId! : null);
    if (scope) requireOperatorOf(user, scope);
    const query = this.dataSource
      .getRepository(Invoice)
      .createQueryBuilder('i')
      .innerJoin('organizations', 'o', 'o.id = i.organization_id')
      .where('i.month = :month', { month })
      .orderBy('o.short_name')
      .addOrderBy('i.id');
    if (scope) query.andWhere('i.municipality_id = :scope', { scope });
    const invoices = await query.getMany();
    const sum = (statuses: InvoiceStatus[]) => invoices.filter((i) => statuses.includes(i.status)).reduce((total, i) => total + i.total, 0);
    return {
      month,
      invoices,
      total: sum(Object.values(InvoiceStatus)),
      approvedTotal: sum([InvoiceStatus.APPROVED, InvoiceStatus.PAID]),
      paidTotal: sum([InvoiceStatus.PAID]),
    };
  }

  /** The municipality's certificate money in the period containing `on`: how many financing certificates, and where their money is. */
  async municipalitySummary(actor: Actor | undefined, municipalityId: string, on: IsoDate = this.clock.today()): Promise<MunicipalitySummary> {
    requireOperatorOf(actor, municipalityId);
    const [row] = await this.dataSource.query(
      `SELECT p.id, p.starts_on::text AS starts_on, p.ends_on::text AS ends_on, p.financing_issued, p.financing_limit,
              coalesce(sum(a.nominal), 0) AS nominal, coalesce(sum(a.blocked), 0) AS blocked, coalesce(sum(a.committed), 0) AS committed,
              coalesce(sum(a.spent), 0) AS spent, coalesce(sum(a.expired), 0) AS expired
         FROM certificate_periods p LEFT JOIN certificate_accounts a ON a.period_id = p.id
        WHERE p.municipality_id = $1 AND p.starts_on <= $2 AND p.ends_on >= $2
        GROUP BY p.id`,
      [municipalityId, on],
    );
    if (!row) throw new DomainError(BillingErrorCode.NO_PERIOD, `У муниципалитета нет периода финансирования на ${on}`, { municipalityId, on });
    const money = { nominalTotal: Number(row.nominal), blocked: Number(row.blocked), committed: Number(row.committed), spent: Number(row.spent), expired: Number(row.expired) };
    return {
      municipalityId,
      periodId: row.id,
      periodStartsOn: row.starts_on,
      periodEndsOn: row.ends_on,
      financingIssued: row.financing_issued,
      financingLimit: row.financing_limit,
      ...money,
      available: money.nominalTotal - money.blocked - money.committed - money.spent - money.expired,
    };
  }

  /** Rows an actor may see: staff their organization's, operators their municipality's, the region admin all. */
  private scopeOf(user: Actor): FindOptionsWhere<Invoice> {
    if (user.role === Role.PROVIDER_STAFF) return { organizationId: user.organizationId! };
    if (user.role === Role.OPERATOR) return { municipalityId: user.municipalityId! };
    if (user.role === Role.REGION_ADMIN) return {};
    throw new ForbiddenError();
  }

  /** An operator's status change: the invoice row locked, the expected status checked, the organization's staff told. */
  private async transition(
    actor: Actor | undefined,
    invoiceId: string,
    from: InvoiceStatus,
    to: InvoiceStatus,
    apply: (m: EntityManager, operator: Actor, invoice: Invoice) => Promise<string>,
  ): Promise<Invoice> {
    const operator = requireRole(actor, Role.OPERATOR, Role.REGION_ADMIN);
    return this.dataSource.transaction(async (m) => {
      const invoice = await m
        .getRepository(Invoice)
        .createQueryBuilder('i')
        .setLock('pessimistic_write')
        .where({ id: invoiceId, ...this.scopeOf(operator) })
        .getOne();
      if (!invoice) throw new NotFoundError('Счёт');
      if (invoice.status !== from) {
        throw new InvalidTransitionError(`Счёт ${STATUS_NAMES[invoice.status]}: перевести его в статус «${STATUS_NAMES[to]}» нельзя`, { from: invoice.status, to });
      }
      const body = await apply(m, operator, invoice);
      await writeAudit(m, { actorUserId: operator.userId, entityType: 'invoice', entityId: invoice.id, action: to.toLowerCase(), before: { status: from }, after: { status: to } });
      await this.notifications.notify(m, await this.notifications.staffOf(m, invoice.organizationId), {
        kind: `INVOICE_${to}`,
        title: `Счёт ${STATUS_NAMES[to]}`,
        body,
      });
      return m.findOneByOrFail(Invoice, { id: invoice.id });
    });
  }

  private async notifyOperators(m: EntityManager, municipalityId: string, organizationId: string, what: string): Promise<void> {
    const rows: { id: string }[] = await m.query(`SELECT id FROM users WHERE role = 'OPERATOR' AND municipality_id = $1`, [municipalityId]);
    if (rows.length === 0) return;
    const [{ short_name: organization }] = await m.query(`SELECT short_name FROM organizations WHERE id = $1`, [organizationId]);
    await this.notifications.notify(m, rows.map((r) => r.id), { kind: 'INVOICE_FORMED', title: 'Новый счёт на оплату', body: `${organization} сформировала ${what}` });
  }
}
