import { DataSource, type EntityManager } from 'typeorm';
import { writeAudit } from '../../common/audit';
import { Service } from '../../common/container';
import { Clock } from '../../common/clock';
import { ageOn } from '../../common/dates';
import { DomainError, ErrorCode, ForbiddenError, InvalidTransitionError, NotFoundError } from '../../common/errors';
import { decodeCursor, type Page, pageSize, toPage } from '../../common/pagination';
import { execute } from '../../common/sql';
import { type Actor, requireOperatorOf, requireRole } from '../../common/actor';
import { Role } from '../../common/role';
import { Municipality } from '../municipalities/municipality.entity';
import type { CertificateAccount } from './certificate-account.entity';
import { Certificate } from './certificate.entity';
import { CertificateStatus } from './certificates.enums';
import { changeCertificateStatus, insertCertificateWithFreshNumber, lockCertificate, lockOwnCertificate, requireCertificateStatus } from './certificate-rows';
import { Child } from './child.entity';
import { MAX_AGE, MIN_AGE } from './child.service';
import type { CertificateFilter } from './inputs/certificate-filter.input';
import type { CertificateStatusChangeInput } from './inputs/status-change.input';
import { LedgerEntry } from './ledger-entry.entity';
import { LedgerService } from './ledger.service';
import { PeriodFundingListeners } from './period-funding';
import { assertNotFrozen } from '../municipalities/financing-freeze';
import { MunicipalityService } from '../municipalities/municipality.service';

/**
 * How much of a certificate a viewer may see: its parent and the authorities
 * (operators of its municipality, the region admin) see everything; provider
 * staff, who verify documents of any certificate, see it without its money.
 */
export type CertificateAccess = 'OWNER' | 'AUTHORITY' | 'VERIFIER';

export interface CertificateStatusCount {
  status: CertificateStatus;
  count: number;
}

export interface CertificatePage extends Page<Certificate> {
  countsByStatus: CertificateStatusCount[];
}

/** The credit of a period's nominal: one per certificate and period, whoever triggers it. */
export function financingCreditKey(certificateId: string, periodId: string): string {
  return `credit:${certificateId}:${periodId}`;
}

@Service()
export class CertificateService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly ledger: LedgerService,
    private readonly fundingListeners: PeriodFundingListeners,
    private readonly municipalities: MunicipalityService,
    private readonly clock: Clock,
  ) {}

  /** The parent asks for a certificate for their child: one per child, PENDING_VERIFICATION until documents are checked in person. */
  async requestCertificate(actor: Actor | undefined, childId: string): Promise<Certificate> {
    const parent = requireRole(actor, Role.PARENT);
    return this.dataSource.transaction(async (manager) => {
      // The child row lock makes two simultaneous requests for one child queue up; the second sees the first.
      const child = await manager.findOne(Child, { where: { id: childId, parentUserId: parent.userId }, lock: { mode: 'pessimistic_write' } });
      if (!child) throw new NotFoundError('Ребёнок');
      const existing = await manager.findOneBy(Certificate, { childId });
      if (existing) {
        throw new DomainError(ErrorCode.CONFLICT, `У ребёнка уже есть сертификат № ${existing.number}: на одного ребёнка оформляется один сертификат`, {
          certificateId: existing.id,
        });
      }
      const age = ageOn(child.birthDate, this.clock.today());
      if (age < MIN_AGE || age > MAX_AGE) {
        throw new DomainError(ErrorCode.BAD_USER_INPUT, `Сертификат оформляется на детей от ${MIN_AGE} до 18 лет, а ребёнку сейчас ${age}`);
      }
      const id = await insertCertificateWithFreshNumber(manager, child);
      await writeAudit(manager, { actorUserId: parent.userId, entityType: 'certificate', entityId: id, action: 'REQUESTED', after: { status: CertificateStatus.PENDING_VERIFICATION } });
      return manager.findOneByOrFail(Certificate, { id });
    });
  }

  /** Documents checked in person by staff of any organization, or the МОЦ of the certificate's municipality: → ACCOUNTING. */
  verifyCertificate(actor: Actor | undefined, certificateId: string): Promise<Certificate> {
    return this.dataSource.transaction(async (manager) => {
      const verifier = requireRole(actor, Role.PROVIDER_STAFF, Role.OPERATOR, Role.REGION_ADMIN);
      const certificate = await lockCertificate(manager, certificateId);
      if (verifier.role !== Role.PROVIDER_STAFF) requireOperatorOf(verifier, certificate.municipalityId);
      requireCertificateStatus(certificate, [CertificateStatus.PENDING_VERIFICATION], 'Подтвердить можно только сертификат, ожидающий проверки документов');
      assertNotFrozen(await this.municipalities.financingFreeze(certificate.municipalityId), 'Подтверждение сертификатов');
      return changeCertificateStatus(manager, certificate, verifier.userId, 'VERIFIED', {
        status: CertificateStatus.ACCOUNTING,
        verifiedAt: this.clock.now(),
        verifiedByUserId: verifier.userId,
      });
    });
  }

  /** The МОЦ gives FINANCING status and credits the period's nominal, while the period's limit allows. */
  grantFinancing(actor: Actor | undefined, certificateId: string): Promise<Certificate> {
    return this.dataSource.transaction(async (manager) => {
      const certificate = await lockCertificate(manager, certificateId);
      const operator = requireOperatorOf(actor, certificate.municipalityId);
      assertNotFrozen(await this.municipalities.financingFreeze(certificate.municipalityId), 'Выдача сертификатов финансирования');
      return this.finance(manager, certificate, operator.userId, false);
    });
  }

  /**
   * The parent asks for financing. Where the municipality finances
   * automatically, it is granted at once (while the limit allows);
   * elsewhere the request waits for the МОЦ.
   */
  async requestFinancing(actor: Actor | undefined, certificateId: string): Promise<Certificate> {
    const parent = requireRole(actor, Role.PARENT);
    return this.dataSource.transaction(async (manager) => {
      const certificate = await lockOwnCertificate(manager, certificateId, parent.userId);
      requireCertificateStatus(certificate, [CertificateStatus.ACCOUNTING], 'Запросить финансирование можно для подтверждённого сертификата учёта');
      const municipality = await manager.findOneByOrFail(Municipality, { id: certificate.municipalityId });
      // During the year-end freeze the request waits in the МОЦ's queue instead of being granted at once.
      const frozen = (await this.municipalities.financingFreeze(certificate.municipalityId))?.active ?? false;
      if (municipality.autoFinancing && !frozen) return this.finance(manager, certificate, parent.userId, true);
      if (certificate.financingRequestedAt) return certificate;
      await manager.update(Certificate, { id: certificate.id }, { financingRequestedAt: this.clock.now() });
      await writeAudit(manager, { actorUserId: parent.userId, entityType: 'certificate', entityId: certificate.id, action: 'FINANCING_REQUESTED', before: { status: certificate.status }, after: { status: certificate.status } });
      return manager.findOneByOrFail(Certificate, { id: certificate.id });
    });
  }

  /**
   * Grants the requests that waited out a freeze in municipalities that
   * finance automatically, oldest request first, while the limit allows
   * (daily, with the rollover). Each is its own transaction, re-checked under
   * the certificate lock; a refused one stays in the МОЦ's queue.
   */
  async grantQueuedRequests(): Promise<number> {
    const queued: { id: string; municipality_id: string }[] = await this.dataSource.query(
      `SELECT c.id, c.municipality_id FROM certificates c JOIN municipalities m ON m.id = c.municipality_id
        WHERE m.auto_financing AND c.status = 'ACCOUNTING' AND c.financing_requested_at IS NOT NULL
        ORDER BY c.financing_requested_at, c.id`,
    );
    let granted = 0;
    for (const row of queued) {
      if ((await this.municipalities.financingFreeze(row.municipality_id))?.active) continue;
      try {
        await this.dataSource.transaction(async (manager) => {
          const certificate = await lockCertificate(manager, row.id);
          if (certificate.status !== CertificateStatus.ACCOUNTING || !certificate.financingRequestedAt) return;
          // The parent asked; the grant is theirs, as when it is granted at once.
          const [{ parent_user_id: parentUserId }] = await manager.query(`SELECT parent_user_id FROM children WHERE id = $1`, [certificate.childId]);
          await this.finance(manager, certificate, parentUserId, true);
          granted++;
        });
      } catch (err) {
        if (!(err instanceof DomainError)) throw err;
      }
    }
    return granted;
  }

  suspendCertificate(actor: Actor | undefined, input: CertificateStatusChangeInput): Promise<Certificate> {
    return this.dataSource.transaction(async (manager) => {
      const certificate = await lockCertificate(manager, input.certificateId);
      const operator = requireOperatorOf(actor, certificate.municipalityId);
      requireCertificateStatus(certificate, [CertificateStatus.PENDING_VERIFICATION, CertificateStatus.ACCOUNTING, CertificateStatus.FINANCING], 'Приостановить можно только действующий сертификат');
      return changeCertificateStatus(manager, certificate, operator.userId, 'SUSPENDED', {
        status: CertificateStatus.SUSPENDED,
        statusBeforeSuspension: certificate.status,
        statusReason: input.reason.trim(),
      });
    });
  }

  /** A suspended certificate returns to the status it had; its money was never touched. */
  resumeCertificate(actor: Actor | undefined, certificateId: string): Promise<Certificate> {
    return this.dataSource.transaction(async (manager) => {
      const certificate = await lockCertificate(manager, certificateId);
      const operator = requireOperatorOf(actor, certificate.municipalityId);
      requireCertificateStatus(certificate, [CertificateStatus.SUSPENDED], 'Возобновить можно только приостановленный сертификат');
      const resumed = await changeCertificateStatus(manager, certificate, operator.userId, 'RESUMED', {
        status: certificate.statusBeforeSuspension!,
        statusBeforeSuspension: null,
        statusReason: null,
      });
      // Contracts that waited while the certificate was suspended take this period's money now.
      const period = await this.municipalities.currentPeriod(certificate.municipalityId, this.clock.today(), manager);
      if (period && resumed.status === CertificateStatus.FINANCING) await this.fundingListeners.settle(manager, certificate.id, period);
      return resumed;
    });
  }

  /**
   * Closing is final. Money already blocked or committed stays with its
   * applications and contracts; what is available can no longer be used and
   * expires with the period — it never moves to another certificate.
   */
  closeCertificate(actor: Actor | undefined, input: CertificateStatusChangeInput): Promise<Certificate> {
    return this.dataSource.transaction(async (manager) => {
      const certificate = await lockCertificate(manager, input.certificateId);
      const operator = requireOperatorOf(actor, certificate.municipalityId);
      if (certificate.status === CertificateStatus.CLOSED) throw new InvalidTransitionError('Сертификат уже закрыт');
      return changeCertificateStatus(manager, certificate, operator.userId, 'CLOSED', {
        status: CertificateStatus.CLOSED,
        statusBeforeSuspension: null,
        statusReason: input.reason.trim(),
      });
    });
  }

  /** A certificate with the viewer's access level; null when it does not exist or is none of the viewer's business. */
  async certificate(actor: Actor | undefined, id: string): Promise<Certificate | null> {
    const certificate = await this.dataSource.getRepository(Certificate).findOneBy({ id });
    return certificate && (await this.access(actor, certificate)) ? certificate : null;
  }

  /** Staff and the МОЦ find a certificate by the number the parent shows them. */
  async certificateByNumber(actor: Actor | undefined, number: string): Promise<Certificate | null> {
    requireRole(actor, Role.PROVIDER_STAFF, Role.OPERATOR, Role.REGION_ADMIN);
    const certificate = await this.dataSource.getRepository(Certificate).findOneBy({ number: number.replace(/\D/g, '') });
    return certificate && (await this.access(actor, certificate)) ? certificate : null;
  }

  async access(actor: Actor | undefined, certificate: Certificate): Promise<CertificateAccess | null> {
    if (!actor) return null;
    switch (actor.role) {
      case Role.PARENT:
        return (await this.dataSource.getRepository(Child).existsBy({ id: certificate.childId, parentUserId: actor.userId })) ? 'OWNER' : null;
      case Role.PROVIDER_STAFF:
        return 'VERIFIER';
      case Role.OPERATOR:
        return actor.municipalityId === certificate.municipalityId ? 'AUTHORITY' : null;
      case Role.REGION_ADMIN:
        return 'AUTHORITY';
    }
  }

  /** Balances and ledger are for the parent and the authorities only. */
  async requireMoneyAccess(actor: Actor | undefined, certificate: Certificate): Promise<void> {
    const access = await this.access(actor, certificate);
    if (access !== 'OWNER' && access !== 'AUTHORITY') throw new ForbiddenError('Движение средств по сертификату видят только родитель и МОЦ');
  }

  async currentAccount(actor: Actor | undefined, certificate: Certificate): Promise<CertificateAccount | null> {
    await this.requireMoneyAccess(actor, certificate);
    return this.ledger.accountFor(this.dataSource.manager, certificate.id, this.clock.today());
  }

  /** Newest first. */
  async ledgerPage(actor: Actor | undefined, certificate: Certificate, first?: number | null, after?: string | null): Promise<Page<LedgerEntry>> {
    await this.requireMoneyAccess(actor, certificate);
    const limit = pageSize(first);
    const offset = decodeCursor(after);
    const repo = this.dataSource.getRepository(LedgerEntry);
    const [rows, total] = await Promise.all([
      repo.find({ where: { certificateId: certificate.id }, order: { id: 'DESC' }, skip: offset, take: limit + 1 }),
      repo.countBy({ certificateId: certificate.id }),
    ]);
    return toPage(rows, offset, limit, total);
  }

  /** The МОЦ's list: own municipality for an operator, any (or all) for the region admin; counts per status ignore the status filter. */
  async list(actor: Actor | undefined, given?: CertificateFilter | null, first?: number | null, after?: string | null): Promise<CertificatePage> {
    // An explicit null filter means no filter, like an absent one.
    const filter = given ?? {};
    const viewer = requireRole(actor, Role.OPERATOR, Role.REGION_ADMIN);
    const municipalityId = viewer.role === Role.OPERATOR ? viewer.municipalityId : (filter.municipalityId ?? null);
    if (viewer.role === Role.OPERATOR && filter.municipalityId && filter.municipalityId !== viewer.municipalityId) {
      throw new ForbiddenError('Это данные другого муниципалитета');
    }
    const scoped = () => {
      const qb = this.dataSource.getRepository(Certificate).createQueryBuilder('c').innerJoin(Child, 'ch', 'ch.id = c.child_id');
      if (municipalityId) qb.andWhere('c.municipality_id = :municipalityId', { municipalityId });
      if (filter.financingRequested) qb.andWhere(`c.financing_requested_at IS NOT NULL AND c.status = 'ACCOUNTING'`);
      const search = filter.search?.trim();
      if (search) {
        qb.andWhere('(c.number LIKE :numberPrefix OR lower(ch.last_name) LIKE :namePrefix)', {
          numberPrefix: `${search.replace(/\D/g, '') || '-'}%`,
          namePrefix: `${search.toLowerCase().replace(/[%_\\]/g, '\\$&')}%`,
        });
      }
      return qb;
    };
    const limit = pageSize(first);
    const offset = decodeCursor(after);
    const listQuery = scoped();
    if (filter.status) listQuery.andWhere('c.status = :status', { status: filter.status });
    const [[rows, total], counts] = await Promise.all([
      listQuery.orderBy('c.createdAt', 'DESC').addOrderBy('c.id').offset(offset).limit(limit + 1).getManyAndCount(),
      scoped().select('c.status', 'status').addSelect('count(*)::int', 'count').groupBy('c.status').getRawMany<CertificateStatusCount>(),
    ]);
    const byStatus = new Map(counts.map((c) => [c.status, c.count]));
    return {
      ...toPage(rows, offset, limit, total),
      countsByStatus: Object.values(CertificateStatus).map((status) => ({ status, count: byStatus.get(status) ?? 0 })),
    };
  }

  /**
   * ACCOUNTING → FINANCING. The period row's conditional UPDATE is the limit:
   * concurrent grants queue on that row and the last free place goes to
   * exactly one of them; the CHECK (issued ≤ limit) backs it up.
   */
  private async finance(manager: EntityManager, certificate: Certificate, actorUserId: string, automatic: boolean): Promise<Certificate> {
    requireCertificateStatus(certificate, [CertificateStatus.ACCOUNTING], 'Сертификат финансирования выдаётся только на подтверждённый сертификат учёта');
    const today = this.clock.today();
    if (certificate.validUntil < today) throw new InvalidTransitionError('Срок действия сертификата истёк: ребёнку исполнилось 18 лет');
    const period = await this.municipalities.currentPeriod(certificate.municipalityId, today, manager);
    if (!period || period.nominal <= 0) {
      throw new DomainError('NO_PERIOD', 'Муниципалитет ещё не установил номинал сертификата на текущий период. Обратитесь в муниципальный опорный центр.');
    }
    const { count } = await execute(manager, `UPDATE certificate_periods SET financing_issued = financing_issued + 1 WHERE id = $1 AND financing_issued < financing_limit`, [period.id]);
    if (count !== 1) {
      throw new DomainError(ErrorCode.LIMIT_EXHAUSTED, `Лимит сертификатов финансирования на ${period.year} год в муниципалитете исчерпан. Сертификат учёта остаётся действующим: с ним доступны бесплатные (бюджетные) программы.`, {
        periodId: period.id,
        financingLimit: period.financingLimit,
      });
    }
    await this.ledger.credit(manager, {
      certificateId: certificate.id,
      amount: period.nominal,
      on: today,
      actorUserId,
      reason: `Зачислен номинал сертификата на ${period.year} год`,
      idempotencyKey: financingCreditKey(certificate.id, period.id),
    });
    const financed = await changeCertificateStatus(
      manager,
      certificate,
      actorUserId,
      'FINANCED',
      { status: CertificateStatus.FINANCING, financedAt: this.clock.now(), financingRequestedAt: null },
      { periodId: period.id, nominal: period.nominal, automatic },
    );
    // Contracts that waited for this period's funding are paid before anything else can use the money.
    await this.fundingListeners.settle(manager, certificate.id, period);
    return financed;
  }
}
