import { Arg, Authorized, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { Service } from '../../common/container';
import type { GraphQLContext } from '../../common/graphql-context';
import { Role } from '../../common/role';
import { AuditEvent } from './audit-event.type';
import { AuditTrailService } from './audit-trail.service';
import { AuditEntityType } from './catalog-audit';
import { Group } from './group.entity';
import { GroupManagementService } from './group-management.service';
import { CertifyProgramInput, RejectProgramCertificationInput } from './inputs/certification.input';
import { CreateGroupInput, UpdateGroupInput } from './inputs/group.input';
import { UpdateOrganizationInput } from './inputs/organization.input';
import { CreateProgramInput, MyProgramsFilter, UpdateProgramInput } from './inputs/program.input';
import { Organization } from './organization.entity';
import { OrganizationManagementService } from './organization-management.service';
import { ProgramCertificationService } from './program-certification.service';
import { ProgramManagementService } from './program-management.service';
import { Program } from './program.entity';

const OPERATORS = [Role.OPERATOR, Role.REGION_ADMIN];

/** The write side of the catalog: providers keep their organization, programs and groups; the МОЦ certifies and connects. */
@Service()
@Resolver()
export class CatalogManagementResolver {
  constructor(
    private readonly organizations: OrganizationManagementService,
    private readonly programs: ProgramManagementService,
    private readonly certification: ProgramCertificationService,
    private readonly groups: GroupManagementService,
    private readonly audit: AuditTrailService,
  ) {}

  @Authorized(Role.PROVIDER_STAFF)
  @Query(() => Organization, { description: 'The signed-in staff member\'s organization' })
  myOrganization(@Ctx() ctx: GraphQLContext): Promise<Organization> {
    return this.organizations.myOrganization(ctx.actor);
  }

  @Authorized(Role.PROVIDER_STAFF)
  @Query(() => [Program], { description: 'Every program of the staff member\'s organization, drafts and archived ones included, most recently changed first' })
  myOrganizationPrograms(@Arg('filter', () => MyProgramsFilter, { nullable: true }) filter: MyProgramsFilter | null | undefined, @Ctx() ctx: GraphQLContext): Promise<Program[]> {
    return this.programs.myOrganizationPrograms(ctx.actor, filter);
  }

  @Authorized(...OPERATORS)
  @Query(() => [Program], { description: 'Programs submitted for certification by organizations of the operator\'s municipality (the region admin: all, or one municipality), oldest first' })
  programsAwaitingCertification(@Arg('municipalityId', () => ID, { nullable: true }) municipalityId: string | undefined, @Ctx() ctx: GraphQLContext): Promise<Program[]> {
    return this.certification.awaitingCertification(ctx.actor, municipalityId);
  }

  @Authorized(Role.PROVIDER_STAFF, ...OPERATORS)
  @Query(() => [AuditEvent], { description: 'Change history of an organization, program or group: for its organization\'s staff and its municipality\'s МОЦ' })
  auditTrail(
    @Arg('entityType', () => AuditEntityType) entityType: AuditEntityType,
    @Arg('entityId', () => ID) entityId: string,
    @Ctx() ctx: GraphQLContext,
  ): Promise<AuditEvent[]> {
    return this.audit.auditTrail(ctx.actor, entityType, entityId);
  }

  @Authorized(Role.PROVIDER_STAFF)
  @Mutation(() => Organization, { description: 'Edits the profile of the staff member\'s own organization' })
  updateOrganization(@Arg('input', () => UpdateOrganizationInput) input: UpdateOrganizationInput, @Ctx() ctx: GraphQLContext): Promise<Organization> {
    return this.organizations.updateOrganization(ctx.actor, input);
  }

  @Authorized(...OPERATORS)
  @Mutation(() => Organization, { description: 'Connects an organization of the operator\'s municipality to personalized financing; its profile must hold a license number and date' })
  connectOrganizationToFinancing(@Arg('organizationId', () => ID) organizationId: string, @Ctx() ctx: GraphQLContext): Promise<Organization> {
    return this.organizations.connectToFinancing(ctx.actor, organizationId);
  }

  @Authorized(Role.PROVIDER_STAFF)
  @Mutation(() => Program, { description: 'Creates a draft program of the staff member\'s organization' })
  createProgram(@Arg('input', () => CreateProgramInput) input: CreateProgramInput, @Ctx() ctx: GraphQLContext): Promise<Program> {
    return this.programs.createProgram(ctx.actor, input);
  }

  @Authorized(Role.PROVIDER_STAFF)
  @Mutation(() => Program, { description: 'Edits a program; existing contracts keep their terms' })
  updateProgram(@Arg('input', () => UpdateProgramInput) input: UpdateProgramInput, @Ctx() ctx: GraphQLContext): Promise<Program> {
    return this.programs.updateProgram(ctx.actor, input);
  }

  @Authorized(Role.PROVIDER_STAFF)
  @Mutation(() => Program, { description: 'Shows a draft or archived program in the public catalog' })
  publishProgram(@Arg('programId', () => ID) programId: string, @Ctx() ctx: GraphQLContext): Promise<Program> {
    return this.programs.publishProgram(ctx.actor, programId);
  }

  @Authorized(Role.PROVIDER_STAFF)
  @Mutation(() => Program, { description: 'Removes a program from the public catalog' })
  archiveProgram(@Arg('programId', () => ID) programId: string, @Ctx() ctx: GraphQLContext): Promise<Program> {
    return this.programs.archiveProgram(ctx.actor, programId);
  }

  @Authorized(Role.PROVIDER_STAFF)
  @Mutation(() => Program, { description: 'Sends a CERTIFICATE program to the МОЦ for certification' })
  submitProgramForCertification(@Arg('programId', () => ID) programId: string, @Ctx() ctx: GraphQLContext): Promise<Program> {
    return this.certification.submit(ctx.actor, programId);
  }

  @Authorized(...OPERATORS)
  @Mutation(() => Program, { description: 'Certifies a submitted program with the normative monthly cost that caps the certificate\'s monthly share' })
  certifyProgram(@Arg('input', () => CertifyProgramInput) input: CertifyProgramInput, @Ctx() ctx: GraphQLContext): Promise<Program> {
    return this.certification.certify(ctx.actor, input);
  }

  @Authorized(...OPERATORS)
  @Mutation(() => Program, { description: 'Refuses certification of a submitted program, with the reason shown to the organization' })
  rejectProgramCertification(@Arg('input', () => RejectProgramCertificationInput) input: RejectProgramCertificationInput, @Ctx() ctx: GraphQLContext): Promise<Program> {
    return this.certification.reject(ctx.actor, input);
  }

  @Authorized(Role.PROVIDER_STAFF)
  @Mutation(() => Group, { description: 'Adds a group to a program of the staff member\'s organization; enrollment is open' })
  createGroup(@Arg('input', () => CreateGroupInput) input: CreateGroupInput, @Ctx() ctx: GraphQLContext): Promise<Group> {
    return this.groups.createGroup(ctx.actor, input);
  }

  @Authorized(Role.PROVIDER_STAFF)
  @Mutation(() => Group, { description: 'Edits a group; its capacity cannot go below the seats already taken' })
  updateGroup(@Arg('input', () => UpdateGroupInput) input: UpdateGroupInput, @Ctx() ctx: GraphQLContext): Promise<Group> {
    return this.groups.updateGroup(ctx.actor, input);
  }

  @Authorized(Role.PROVIDER_STAFF)
  @Mutation(() => Group, { description: 'Stops new applications to the group; taken seats stay taken' })
  closeGroupEnrollment(@Arg('groupId', () => ID) groupId: string, @Ctx() ctx: GraphQLContext): Promise<Group> {
    return this.groups.closeEnrollment(ctx.actor, groupId);
  }

  @Authorized(Role.PROVIDER_STAFF)
  @Mutation(() => Group, { description: 'Accepts applications to the group again' })
  openGroupEnrollment(@Arg('groupId', () => ID) groupId: string, @Ctx() ctx: GraphQLContext): Promise<Group> {
    return this.groups.openEnrollment(ctx.actor, groupId);
  }
}
