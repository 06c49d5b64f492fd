import { DataSource, type EntityManager } from 'typeorm';
import { Clock } from '../../common/clock';
import { Service } from '../../common/container';
import { DomainError, ErrorCode, InvalidTransitionError } from '../../common/errors';
import { type Actor, requireOperatorOf, requireRole } from '../../common/actor';
import { Role } from '../../common/role';
import { assertConnected, findOwnProgram } from './catalog-access';
import { AuditEntityType, auditCatalog } from './catalog-audit';
import { CertificationStatus, FundingType, ProgramStatus } from './catalog.enums';
import type { CertifyProgramInput, RejectProgramCertificationInput } from './inputs/certification.input';
import { Organization } from './organization.entity';
import { Program } from './program.entity';

const CHANGED_MEANWHILE = 'Программу только что изменили: обновите страницу и повторите';

/**
 * Certification of CERTIFICATE programs: the organization's staff submit, an
 * operator of the ORGANIZATION's municipality (or the region admin) certifies
 * with a normative monthly cost, or rejects with a reason. Each transition is
 * a conditional update on the state just read, so two operators acting at
 * once cannot both succeed.
 */
@Service()
export class ProgramCertificationService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async submit(actor: Actor | undefined, programId: string): Promise<Program> {
    const staff = requireRole(actor, Role.PROVIDER_STAFF);
    return this.dataSource.transaction(async (manager) => {
      const program = await findOwnProgram(manager, staff, programId);
      if (program.fundingType !== FundingType.CERTIFICATE) {
        throw new InvalidTransitionError('На сертификацию отправляются только программы с оплатой сертификатом');
      }
      if (program.status === ProgramStatus.ARCHIVED) throw new InvalidTransitionError('Программа в архиве: сначала опубликуйте её снова');
      if (program.certificationStatus === CertificationStatus.SUBMITTED) throw new InvalidTransitionError('Программа уже на сертификации');
      if (program.certificationStatus === CertificationStatus.CERTIFIED) throw new InvalidTransitionError('Программа уже сертифицирована');
      assertConnected(await manager.findOneOrFail(Organization, { where: { id: program.organizationId } }));
      const { affected } = await manager.update(
        Program,
        { id: program.id, organizationId: staff.organizationId!, certificationStatus: program.certificationStatus, fundingType: FundingType.CERTIFICATE },
        { certificationStatus: CertificationStatus.SUBMITTED, certificationSubmittedAt: this.clock.now(), certificationRejectReason: null },
      );
      if (affected !== 1) throw new InvalidTransitionError(CHANGED_MEANWHILE);
      await auditCatalog(manager, staff, AuditEntityType.PROGRAM, program.id, 'program.certification_submitted',
        { certificationStatus: program.certificationStatus, certificationRejectReason: program.certificationRejectReason },
        { certificationStatus: CertificationStatus.SUBMITTED });
      return manager.findOneOrFail(Program, { where: { id: program.id } });
    });
  }

  async certify(actor: Actor | undefined, input: CertifyProgramInput): Promise<Program> {
    return this.decide(actor, input.programId, 'program.certified', {
      certificationStatus: CertificationStatus.CERTIFIED,
      normativeMonthlyCost: input.normativeMonthlyCost,
      certifiedAt: this.clock.now(),
      certificationRejectReason: null,
    });
  }

  async reject(actor: Actor | undefined, input: RejectProgramCertificationInput): Promise<Program> {
    return this.decide(actor, input.programId, 'program.certification_rejected', {
      certificationStatus: CertificationStatus.REJECTED,
      normativeMonthlyCost: null,
      certifiedAt: null,
      certificationRejectReason: input.reason.trim(),
    });
  }

  /** The МОЦ's queue: submitted programs of organizations in the operator's municipality (the region admin: all, or one municipality), oldest first. */
  async awaitingCertification(actor: Actor | undefined, municipalityId?: string | null): Promise<Program[]> {
    const operator = requireRole(actor, Role.OPERATOR, Role.REGION_ADMIN);
    if (municipalityId) requireOperatorOf(operator, municipalityId);
    const scope = operator.role === Role.OPERATOR ? operator.municipalityId : (municipalityId ?? null);
    return this.dataSource
      .getRepository(Program)
      .createQueryBuilder('p')
      .innerJoin(Organization, 'o', 'o.id = p.organization_id')
      .where('p.certification_status = :submitted', { submitted: CertificationStatus.SUBMITTED })
      .andWhere(scope ? 'o.municipality_id = :scope' : 'true', { scope })
      .orderBy('p.certification_submitted_at', 'ASC', 'NULLS FIRST')
      .addOrderBy('p.id', 'ASC')
      .getMany();
  }

  private async decide(actor: Actor | undefined, programId: string, action: string, decision: Partial<Program>): Promise<Program> {
    requireRole(actor, Role.OPERATOR, Role.REGION_ADMIN);
    return this.dataSource.transaction(async (manager) => {
      const { program, organizationMunicipalityId } = await programWithOrganizationMunicipality(manager, programId);
      const operator = requireOperatorOf(actor, organizationMunicipalityId);
      if (program.certificationStatus !== CertificationStatus.SUBMITTED) {
        throw new InvalidTransitionError(DECIDED[program.certificationStatus], { certificationStatus: program.certificationStatus });
      }
      const { affected } = await manager.update(Program, { id: program.id, certificationStatus: CertificationStatus.SUBMITTED }, decision);
      if (affected !== 1) throw new InvalidTransitionError(CHANGED_MEANWHILE);
      const before = { certificationStatus: program.certificationStatus, normativeMonthlyCost: program.normativeMonthlyCost };
      const after = { certificationStatus: decision.certificationStatus, normativeMonthlyCost: decision.normativeMonthlyCost, certificationRejectReason: decision.certificationRejectReason };
      await auditCatalog(manager, operator, AuditEntityType.PROGRAM, program.id, action, before, after);
      return manager.findOneOrFail(Program, { where: { id: program.id } });
    });
  }
}

const DECIDED: Record<Exclude<CertificationStatus, CertificationStatus.SUBMITTED>, string> = {
  [CertificationStatus.NOT_SUBMITTED]: 'Программа не отправлена на сертификацию',
  [CertificationStatus.CERTIFIED]: 'Программа уже сертифицирована',
  [CertificationStatus.REJECTED]: 'По программе уже принято решение об отказе; организация может отправить её снова',
};

async function programWithOrganizationMunicipality(manager: EntityManager, programId: string): Promise<{ program: Program; organizationMunicipalityId: string }> {
  const program = await manager.findOne(Program, { where: { id: programId } });
  if (!program) throw new DomainError(ErrorCode.NOT_FOUND, 'Программа не найдена');
  const organization = await manager.findOneOrFail(Organization, { where: { id: program.organizationId }, select: { id: true, municipalityId: true } });
  return { program, organizationMunicipalityId: organization.municipalityId };
}
