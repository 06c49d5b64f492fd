import { DataSource, type EntityManager } from 'typeorm';
import { writeAudit } from '../../common/audit';
import { Service } from '../../common/container';
import { Clock } from '../../common/clock';
import { BadInputError, DomainError, ErrorCode, NotFoundError } from '../../common/errors';
import { type Actor, requireOperatorOf } from '../../common/actor';
import { CertificatePeriod } from './certificate-period.entity';
import { Municipality } from './municipality.entity';
import type { SetCertificatePeriodInput } from './inputs/set-certificate-period.input';
import { SupportCenter } from './support-center.entity';
import { FinancingFreeze, FREEZE_NOTICE_DAYS, freezeOf } from './financing-freeze';

@Service()
export class MunicipalityService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  list(): Promise<Municipality[]> {
    return this.dataSource.getRepository(Municipality).find({ order: { name: 'ASC' } });
  }

  supportCenters(municipalityId?: string): Promise<SupportCenter[]> {
    return this.dataSource
      .getRepository(SupportCenter)
      .createQueryBuilder('sc')
      .innerJoin(Municipality, 'm', 'm.id = sc.municipality_id')
      .where(municipalityId ? 'sc.municipality_id = :municipalityId' : 'true', { municipalityId })
      .orderBy('m.name', 'ASC')
      .getMany();
  }

  /** The period that contains `on` (today by default), if the municipality has set one; inside a transition, read with its manager. */
  currentPeriod(municipalityId: string, on: string = this.clock.today(), manager: EntityManager = this.dataSource.manager): Promise<CertificatePeriod | null> {
    return manager
      .getRepository(CertificatePeriod)
      .createQueryBuilder('p')
      .where('p.municipality_id = :municipalityId AND p.starts_on <= :on AND p.ends_on >= :on', { municipalityId, on })
      .getOne();
  }

  /**
   * The freeze window in force on `on`, or the next one starting within
   * FREEZE_NOTICE_DAYS, so parents' pages can announce it in advance.
   */
  async financingFreeze(municipalityId: string, on: string = this.clock.today()): Promise<FinancingFreeze | null> {
    const [row]: { starts_on: string; ends_on: string }[] = await this.dataSource.query(
      `SELECT to_char(freeze_starts_on, 'YYYY-MM-DD') AS starts_on, to_char(freeze_ends_on, 'YYYY-MM-DD') AS ends_on
         FROM certificate_periods
        WHERE municipality_id = $1 AND freeze_ends_on >= $2 AND freeze_starts_on <= $2::date + $3::int
        ORDER BY freeze_starts_on LIMIT 1`,
      [municipalityId, on, FREEZE_NOTICE_DAYS],
    );
    return row ? freezeOf(row.starts_on, row.ends_on, on) : null;
  }

  periods(municipalityId: string): Promise<CertificatePeriod[]> {
    return this.dataSource.getRepository(CertificatePeriod).find({ where: { municipalityId }, order: { year: 'DESC' } });
  }

  /**
   * Creates or changes a municipality's period (OPERATOR of that municipality,
   * REGION_ADMIN of any). A new nominal applies to certificates financed from
   * now on: accounts already credited keep what they received. The row lock
   * serialises this with concurrent financing, so the limit never drops
   * below the certificates already issued.
   */
  async setCertificatePeriod(actor: Actor | undefined, input: SetCertificatePeriodInput): Promise<CertificatePeriod> {
    const operator = requireOperatorOf(actor, input.municipalityId);
    if (input.startsOn > input.endsOn) throw new BadInputError('Период должен заканчиваться не раньше, чем начинается', 'endsOn');
    if (!Number.isSafeInteger(input.nominal)) throw new BadInputError('Номинал — целое число копеек', 'nominal');
    const freezeStartsOn = input.freezeStartsOn ?? null;
    const freezeEndsOn = input.freezeEndsOn ?? null;
    if ((freezeStartsOn === null) !== (freezeEndsOn === null)) throw new BadInputError('Укажите обе даты заморозки или ни одной', freezeStartsOn ? 'freezeEndsOn' : 'freezeStartsOn');
    if (freezeStartsOn && freezeEndsOn && freezeStartsOn > freezeEndsOn) throw new BadInputError('Заморозка должна заканчиваться не раньше, чем начинается', 'freezeEndsOn');
    return this.dataSource.transaction(async (manager) => {
      if (!(await manager.existsBy(Municipality, { id: input.municipalityId }))) throw new NotFoundError('Муниципалитет');
      const existing = await manager.findOne(CertificatePeriod, {
        where: { municipalityId: input.municipalityId, year: input.year },
        lock: { mode: 'pessimistic_write' },
      });
      if (existing && input.financingLimit < existing.financingIssued) {
        throw new DomainError(ErrorCode.CONFLICT, `В ${input.year} году уже выдано ${existing.financingIssued} сертификатов финансирования: лимит не может быть меньше`, {
          field: 'financingLimit',
          financingIssued: existing.financingIssued,
        });
      }
      const [overlap] = await manager.query(
        `SELECT year FROM certificate_periods WHERE municipality_id = $1 AND year <> $2 AND daterange(starts_on, ends_on, '[]') && daterange($3::date, $4::date, '[]')`,
        [input.municipalityId, input.year, input.startsOn, input.endsOn],
      );
      if (overlap) throw new BadInputError(`Даты пересекаются с периодом ${overlap.year} года`, 'startsOn');
      const before = existing && { ...existing };
      const saved = await manager.save(
        Object.assign(existing ?? manager.create(CertificatePeriod, { municipalityId: input.municipalityId, year: input.year, financingIssued: 0 }), {
          nominal: input.nominal,
          financingLimit: input.financingLimit,
          startsOn: input.startsOn,
          endsOn: input.endsOn,
          freezeStartsOn,
          freezeEndsOn,
        }),
      );
      await writeAudit(manager, {
        actorUserId: operator.userId,
        entityType: 'certificate_period',
        entityId: saved.id,
        action: existing ? 'UPDATED' : 'CREATED',
        before: before ?? undefined,
        after: { ...saved },
      });
      return saved;
    });
  }
}
