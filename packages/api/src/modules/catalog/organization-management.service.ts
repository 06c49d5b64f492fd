import { DataSource } from 'typeorm';
import { Service } from '../../common/container';
import { Clock } from '../../common/clock';
import { BadInputError, DomainError, ErrorCode, InvalidTransitionError } from '../../common/errors';
import { type Actor, requireOperatorOf, requireRole } from '../../common/actor';
import { Role } from '../../common/role';
import { AuditEntityType, auditCatalog, changedFields } from './catalog-audit';
import type { UpdateOrganizationInput } from './inputs/organization.input';
import { Organization } from './organization.entity';

const REQUIRED: (keyof UpdateOrganizationInput)[] = ['name', 'shortName', 'type', 'address'];

/** Organization profiles (kept by their staff) and their connection to personalized financing (by the МОЦ). */
@Service()
export class OrganizationManagementService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async myOrganization(actor: Actor | undefined): Promise<Organization> {
    const staff = requireRole(actor, Role.PROVIDER_STAFF);
    return this.dataSource.getRepository(Organization).findOneOrFail({ where: { id: staff.organizationId! } });
  }

  async updateOrganization(actor: Actor | undefined, input: UpdateOrganizationInput): Promise<Organization> {
    const staff = requireRole(actor, Role.PROVIDER_STAFF);
    for (const field of REQUIRED) {
      if (input[field] === null) throw new BadInputError('Это поле нельзя оставить пустым', field);
    }
    if (input.licenseDate && input.licenseDate > this.clock.today()) {
      throw new BadInputError('Дата лицензии не может быть в будущем', 'licenseDate');
    }
    return this.dataSource.transaction(async (manager) => {
      const organization = await manager.findOneOrFail(Organization, { where: { id: staff.organizationId! }, lock: { mode: 'pessimistic_write' } });
      const changes: Partial<Organization> = { ...input, name: input.name?.trim(), shortName: input.shortName?.trim() };
      if (organization.pfConnected && (changes.licenseNumber === null || changes.licenseDate === null)) {
        throw new BadInputError('Организация подключена к персонифицированному финансированию: сведения о лицензии нельзя удалить', 'licenseNumber');
      }
      const { before, after } = changedFields(organization, changes);
      if (Object.keys(after).length === 0) return organization;
      await manager.update(Organization, { id: organization.id }, after);
      await auditCatalog(manager, staff, AuditEntityType.ORGANIZATION, organization.id, 'organization.updated', before, after);
      return manager.findOneOrFail(Organization, { where: { id: organization.id } });
    });
  }

  /** The МОЦ connects an organization with a license on record; only connected organizations run CERTIFICATE programs. */
  async connectToFinancing(actor: Actor | undefined, organizationId: string): Promise<Organization> {
    requireRole(actor, Role.OPERATOR, Role.REGION_ADMIN);
    return this.dataSource.transaction(async (manager) => {
      const organization = await manager.findOne(Organization, { where: { id: organizationId } });
      if (!organization) throw new DomainError(ErrorCode.NOT_FOUND, 'Организация не найдена');
      const operator = requireOperatorOf(actor, organization.municipalityId);
      if (organization.pfConnected) throw new InvalidTransitionError('Организация уже подключена к персонифицированному финансированию');
      if (!organization.licenseNumber || !organization.licenseDate) {
        throw new BadInputError('Чтобы подключить организацию, в её профиле должны быть номер и дата лицензии', 'licenseNumber');
      }
      const connectedAt = this.clock.now();
      const { affected } = await manager.update(
        Organization,
        { id: organization.id, pfConnected: false },
        { pfConnected: true, pfConnectedAt: connectedAt },
      );
      if (affected !== 1) throw new InvalidTransitionError('Организация уже подключена к персонифицированному финансированию');
      await auditCatalog(manager, operator, AuditEntityType.ORGANIZATION, organization.id, 'organization.pf_connected',
        { pfConnected: false }, { pfConnected: true, licenseNumber: organization.licenseNumber, licenseDate: organization.licenseDate });
      return manager.findOneOrFail(Organization, { where: { id: organization.id } });
    });
  }
}
