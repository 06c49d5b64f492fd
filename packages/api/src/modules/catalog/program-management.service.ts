import { DataSource, type EntityManager } from 'typeorm';
import { Clock } from '../../common/clock';
import { Service } from '../../common/container';
import { BadInputError, InvalidTransitionError } from '../../common/errors';
import { type Actor, requireRole } from '../../common/actor';
import { Role } from '../../common/role';
import { Municipality } from '../municipalities/municipality.entity';
import { assertConnected, findOwnProgram, lockOwnProgram } from './catalog-access';
import { AuditEntityType, auditCatalog, changedFields } from './catalog-audit';
import { CertificationStatus, FundingType, ProgramStatus } from './catalog.enums';
import type { CreateProgramInput, MyProgramsFilter, UpdateProgramInput } from './inputs/program.input';
import { Organization } from './organization.entity';
import { checkCertifiedTermsUnchanged, checkProgramTerms } from './program-rules';
import { Program } from './program.entity';

/**
 * Programs as their organization's staff maintain them. The organization is
 * always the actor's own, taken from the session and put in every query, so
 * another organization's program is never even loaded. The search document
 * is a generated column, so every change here is searchable on commit.
 */
@Service()
export class ProgramManagementService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  /** Every program of the staff member's organization, in every status, most recently changed first. */
  async myOrganizationPrograms(actor: Actor | undefined, filterOrNull?: MyProgramsFilter | null): Promise<Program[]> {
    const staff = requireRole(actor, Role.PROVIDER_STAFF);
    // GraphQL passes an explicit `filter: null` through as null, not as a missing argument.
    const filter = filterOrNull ?? {};
    return this.dataSource.getRepository(Program).find({
      where: {
        organizationId: staff.organizationId!,
        ...(filter.status ? { status: filter.status } : {}),
        ...(filter.certificationStatus ? { certificationStatus: filter.certificationStatus } : {}),
        ...(filter.fundingType ? { fundingType: filter.fundingType } : {}),
      },
      order: { updatedAt: 'DESC', id: 'ASC' },
    });
  }

  async createProgram(actor: Actor | undefined, input: CreateProgramInput): Promise<Program> {
    const staff = requireRole(actor, Role.PROVIDER_STAFF);
    checkProgramTerms(input);
    return this.dataSource.transaction(async (manager) => {
      const organization = await manager.findOneOrFail(Organization, { where: { id: staff.organizationId! } });
      if (input.fundingType === FundingType.CERTIFICATE) assertConnected(organization);
      const municipalityId = input.municipalityId ?? organization.municipalityId;
      if (input.municipalityId) await assertMunicipalityExists(manager, input.municipalityId);
      const program = await manager.save(
        manager.create(Program, {
          organizationId: organization.id,
          municipalityId,
          title: input.title.trim(),
          description: input.description.trim(),
          direction: input.direction,
          ageFrom: input.ageFrom,
          ageTo: input.ageTo,
          durationMonths: input.durationMonths,
          academicHours: input.academicHours,
          format: input.format,
          fundingType: input.fundingType,
          monthlyPrice: input.monthlyPrice,
          address: input.address.trim(),
          latitude: input.latitude ?? null,
          longitude: input.longitude ?? null,
          teacher: input.teacher?.trim() || null,
          tags: input.tags ?? [],
          status: ProgramStatus.DRAFT,
          certificationStatus: CertificationStatus.NOT_SUBMITTED,
        }),
      );
      const created = await manager.findOneOrFail(Program, { where: { id: program.id } });
      await auditCatalog(manager, staff, AuditEntityType.PROGRAM, created.id, 'program.created', null, created);
      return created;
    });
  }

  /**
   * Edits keep existing contracts as they are: a contract copies its price and
   * certificate share when it is made, and nothing here recomputes them. A
   * certified program stays certified when its price changes; its certified
   * terms (CERTIFIED_TERMS) cannot change while submitted or certified.
   */
  async updateProgram(actor: Actor | undefined, input: UpdateProgramInput): Promise<Program> {
    const staff = requireRole(actor, Role.PROVIDER_STAFF);
    const { programId, ...fields } = input;
    return this.dataSource.transaction(async (manager) => {
      const program = await lockOwnProgram(manager, staff, programId);
      const changes: Partial<Program> = {
        ...fields,
        title: fields.title?.trim(),
        description: fields.description?.trim(),
        address: fields.address?.trim(),
        teacher: fields.teacher === undefined ? undefined : fields.teacher?.trim() || null,
      };
      checkCertifiedTermsUnchanged(program, changes);
      const merged = { ...program, ...withoutUndefined(changes) };
      checkProgramTerms(merged);
      if (merged.fundingType === FundingType.CERTIFICATE) {
        assertConnected(await manager.findOneOrFail(Organization, { where: { id: program.organizationId } }));
      }
      if (changes.municipalityId) await assertMunicipalityExists(manager, changes.municipalityId);
      // Certification belongs to CERTIFICATE programs only; leaving that funding type clears a rejection.
      if (merged.fundingType !== FundingType.CERTIFICATE && program.certificationStatus !== CertificationStatus.NOT_SUBMITTED) {
        Object.assign(changes, { certificationStatus: CertificationStatus.NOT_SUBMITTED, certificationRejectReason: null, normativeMonthlyCost: null });
      }
      const { before, after } = changedFields(program, changes);
      if (Object.keys(after).length === 0) return program;
      await manager.update(Program, { id: program.id }, after);
      await auditCatalog(manager, staff, AuditEntityType.PROGRAM, program.id, 'program.updated', before, after);
      return manager.findOneOrFail(Program, { where: { id: program.id } });
    });
  }

  /** Makes a draft (or an archived program) visible in the public catalog. */
  publishProgram(actor: Actor | undefined, programId: string): Promise<Program> {
    return this.changeStatus(actor, programId, ProgramStatus.PUBLISHED, 'program.published');
  }

  /** Takes a program out of the catalog; existing contracts run on. */
  archiveProgram(actor: Actor | undefined, programId: string): Promise<Program> {
    return this.changeStatus(actor, programId, ProgramStatus.ARCHIVED, 'program.archived');
  }

  private async changeStatus(actor: Actor | undefined, programId: string, to: ProgramStatus.PUBLISHED | ProgramStatus.ARCHIVED, action: string): Promise<Program> {
    const staff = requireRole(actor, Role.PROVIDER_STAFF);
    return this.dataSource.transaction(async (manager) => {
      const program = await findOwnProgram(manager, staff, programId);
      if (program.status === to) throw new InvalidTransitionError(ALREADY[to], { status: program.status });
      const publishedAt = to === ProgramStatus.PUBLISHED ? this.clock.now() : program.publishedAt;
      // Conditional on the state just read: a concurrent change makes this a no-op we report, not an overwrite.
      const { affected } = await manager.update(
        Program,
        { id: program.id, organizationId: staff.organizationId!, status: program.status },
        { status: to, publishedAt },
      );
      if (affected !== 1) throw new InvalidTransitionError('Программу только что изменили: обновите страницу и повторите');
      await auditCatalog(manager, staff, AuditEntityType.PROGRAM, program.id, action, { status: program.status }, { status: to });
      return manager.findOneOrFail(Program, { where: { id: program.id } });
    });
  }
}

const ALREADY = {
  [ProgramStatus.PUBLISHED]: 'Программа уже опубликована',
  [ProgramStatus.ARCHIVED]: 'Программа уже в архиве',
};

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

async function assertMunicipalityExists(manager: EntityManager, municipalityId: string): Promise<void> {
  const found = await manager.existsBy(Municipality, { id: municipalityId });
  if (!found) throw new BadInputError('Выберите муниципалитет из списка', 'municipalityId');
}
