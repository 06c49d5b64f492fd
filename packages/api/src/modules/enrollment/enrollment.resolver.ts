import { Arg, Args, ArgsType, Authorized, Ctx, Field, FieldResolver, ID, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { Service } from '../../common/container';
import { Connection } from '../../common/pagination';
import type { GraphQLContext } from '../../graphql/context';
import { Role } from '../accounts/role';
import { Group } from '../catalog/group.entity';
import { Organization } from '../catalog/organization.entity';
import { Program } from '../catalog/program.entity';
import { Certificate } from '../certificates/certificate.entity';
import { Child } from '../certificates/child.entity';
import { ApplicationEvent } from './application-event.entity';
import { Application } from './application.entity';
import { Contract } from './contract.entity';
import { ContractFundingService } from './contract-funding.service';
import { ContractPeriodTerms } from './contract-period-terms.type';
import { PayContractMyselfInput, SignContractInput } from './inputs/contract-action.input';
import { ContractFilter } from './inputs/contract-filter.input';
import { EnrollmentQueryService } from './enrollment-query.service';
import { EnrollmentService } from './enrollment.service';
import { ApplicationActionInput } from './inputs/application-action.input';
import { ApplicationFilter } from './inputs/application-filter.input';
import { RejectApplicationInput } from './inputs/reject-application.input';
import { SubmitApplicationInput } from './inputs/submit-application.input';

@ObjectType()
export class ApplicationConnection extends Connection(Application) {}

@ObjectType()
export class ContractConnection extends Connection(Contract) {}

@ArgsType()
class ContractsArgs {
  @Field(() => ContractFilter, { nullable: true })
  filter?: ContractFilter;

  @Field(() => Int, { nullable: true, description: 'Page size, 1–100 (20 by default)' })
  first?: number;

  @Field(() => String, { nullable: true })
  after?: string;
}

@ArgsType()
class ApplicationsArgs {
  @Field(() => ApplicationFilter, { nullable: true })
  filter?: ApplicationFilter;

  @Field(() => Int, { nullable: true, description: 'Page size, 1–100 (20 by default)' })
  first?: number;

  @Field(() => String, { nullable: true })
  after?: string;
}

@Service()
@Resolver(() => Application)
export class ApplicationResolver {
  constructor(
    private readonly enrollment: EnrollmentService,
    private readonly queries: EnrollmentQueryService,
  ) {}

  @Authorized(Role.PARENT)
  @Query(() => [Application], { description: 'The signed-in parent\'s applications, newest first' })
  myApplications(@Ctx() ctx: GraphQLContext): Promise<Application[]> {
    return this.queries.myApplications(ctx.actor);
  }

  @Authorized(Role.PROVIDER_STAFF, Role.OPERATOR, Role.REGION_ADMIN)
  @Query(() => ApplicationConnection, { description: 'Applications to the staff member\'s organization (operators: their municipality), oldest first' })
  applications(@Args(() => ApplicationsArgs) args: ApplicationsArgs, @Ctx() ctx: GraphQLContext): Promise<ApplicationConnection> {
    return this.queries.applications(ctx.actor, args.filter, args.first, args.after);
  }

  @Authorized(Role.PARENT)
  @Mutation(() => Application, { description: 'Applies for a group; a full group puts the application on its waitlist' })
  submitApplication(@Arg('input', () => SubmitApplicationInput) input: SubmitApplicationInput, @Ctx() ctx: GraphQLContext): Promise<Application> {
    return this.enrollment.submitApplication(ctx.actor, input);
  }

  @Authorized(Role.PROVIDER_STAFF)
  @Mutation(() => Application, { description: 'Confirms: holds a seat, blocks the certificate\'s share and offers a contract' })
  confirmApplication(@Arg('input', () => ApplicationActionInput) input: ApplicationActionInput, @Ctx() ctx: GraphQLContext): Promise<Application> {
    return this.enrollment.confirmApplication(ctx.actor, input.applicationId, input.idempotencyKey);
  }

  @Authorized(Role.PROVIDER_STAFF)
  @Mutation(() => Application, { description: 'Rejects with a reason (withdrawing an unsigned offer, if any)' })
  rejectApplication(@Arg('input', () => RejectApplicationInput) input: RejectApplicationInput, @Ctx() ctx: GraphQLContext): Promise<Application> {
    return this.enrollment.rejectApplication(ctx.actor, input.applicationId, input.reason, input.idempotencyKey);
  }

  @Authorized(Role.PARENT)
  @Mutation(() => Application, { description: 'The parent withdraws an application before signing' })
  cancelApplication(@Arg('input', () => ApplicationActionInput) input: ApplicationActionInput, @Ctx() ctx: GraphQLContext): Promise<Application> {
    return this.enrollment.cancelApplication(ctx.actor, input.applicationId, input.idempotencyKey);
  }

  @FieldResolver(() => Child)
  async child(@Root() application: Application, @Ctx() ctx: GraphQLContext): Promise<Child> {
    return (await ctx.loaders.byId(Child).load(application.childId))!;
  }

  @FieldResolver(() => Group)
  async group(@Root() application: Application, @Ctx() ctx: GraphQLContext): Promise<Group> {
    return (await ctx.loaders.byId(Group).load(application.groupId))!;
  }

  @FieldResolver(() => Program)
  async program(@Root() application: Application, @Ctx() ctx: GraphQLContext): Promise<Program> {
    return (await ctx.loaders.byId(Program).load(application.programId))!;
  }

  @FieldResolver(() => Organization)
  async organization(@Root() application: Application, @Ctx() ctx: GraphQLContext): Promise<Organization> {
    return (await ctx.loaders.byId(Organization).load(application.organizationId))!;
  }

  @FieldResolver(() => [ApplicationEvent], { description: 'Every status the application has had, oldest first' })
  statusHistory(@Root() application: Application, @Ctx() ctx: GraphQLContext): Promise<ApplicationEvent[]> {
    return ctx.loaders.manyBy(ApplicationEvent, 'applicationId', { id: 'ASC' }).load(application.id);
  }

  @FieldResolver(() => Contract, { nullable: true, description: 'The contract (offer) made from this application' })
  contract(@Root() application: Application, @Ctx() ctx: GraphQLContext): Promise<Contract | null> {
    return ctx.loaders.byId(Contract, 'applicationId').load(application.id);
  }

  @FieldResolver(() => Int, { nullable: true, description: 'Place in the group\'s waitlist (1 = next), while waitlisted' })
  waitlistPosition(@Root() application: Application): Promise<number | null> {
    return this.queries.waitlistRank(application);
  }
}

@Service()
@Resolver(() => Contract)
export class ContractResolver {
  constructor(
    private readonly enrollment: EnrollmentService,
    private readonly queries: EnrollmentQueryService,
    private readonly funding: ContractFundingService,
  ) {}

  @Authorized()
  @Query(() => Contract, { nullable: true, description: 'A contract of the parent, of the staff\'s organization or of the operator\'s municipality' })
  contract(@Arg('id', () => ID) id: string, @Ctx() ctx: GraphQLContext): Promise<Contract | null> {
    return this.queries.contract(ctx.actor, id);
  }

  @Authorized(Role.PARENT)
  @Query(() => [Contract], { description: 'The signed-in parent\'s contracts and offers, newest first' })
  myContracts(@Ctx() ctx: GraphQLContext): Promise<Contract[]> {
    return this.queries.myContracts(ctx.actor);
  }

  @Authorized(Role.PROVIDER_STAFF, Role.OPERATOR, Role.REGION_ADMIN)
  @Query(() => ContractConnection, { description: 'Contracts of the staff member\'s organization (operators: their municipality), by number: e.g. those waiting for funding, or continuing into the next period' })
  organizationContracts(@Args() args: ContractsArgs, @Ctx() ctx: GraphQLContext): Promise<ContractConnection> {
    return this.queries.organizationContracts(ctx.actor, args.filter, args.first, args.after);
  }

  @Authorized(Role.PARENT)
  @Mutation(() => Contract, { description: 'Signs the offer: the blocked sum becomes committed, the child is enrolled' })
  signContract(@Arg('input', () => SignContractInput) input: SignContractInput, @Ctx() ctx: GraphQLContext): Promise<Contract> {
    return this.enrollment.signContract(ctx.actor, input.contractId, input.idempotencyKey);
  }

  @Authorized(Role.PARENT)
  @Mutation(() => Contract, { description: 'AWAITING_FUNDING → ACTIVE: the parent pays the unfunded period\'s months themselves (the whole price); to end the contract instead, use terminateContract' })
  payContractMyself(@Arg('input', () => PayContractMyselfInput) input: PayContractMyselfInput, @Ctx() ctx: GraphQLContext): Promise<Contract> {
    return this.funding.payContractMyself(ctx.actor, input.contractId, input.idempotencyKey);
  }

  @FieldResolver(() => [ContractPeriodTerms], { description: 'The season period by period: months, the certificate\'s and the parent\'s part, and whether each period has funded them' })
  fundingPlan(@Root() contract: Contract): Promise<ContractPeriodTerms[]> {
    return this.queries.fundingPlan(contract);
  }

  @FieldResolver(() => Child)
  async child(@Root() contract: Contract, @Ctx() ctx: GraphQLContext): Promise<Child> {
    return (await ctx.loaders.byId(Child).load(contract.childId))!;
  }

  @FieldResolver(() => Group)
  async group(@Root() contract: Contract, @Ctx() ctx: GraphQLContext): Promise<Group> {
    return (await ctx.loaders.byId(Group).load(contract.groupId))!;
  }

  @FieldResolver(() => Program)
  async program(@Root() contract: Contract, @Ctx() ctx: GraphQLContext): Promise<Program> {
    return (await ctx.loaders.byId(Program).load(contract.programId))!;
  }

  @FieldResolver(() => Organization)
  async organization(@Root() contract: Contract, @Ctx() ctx: GraphQLContext): Promise<Organization> {
    return (await ctx.loaders.byId(Organization).load(contract.organizationId))!;
  }

  @FieldResolver(() => Certificate, { nullable: true })
  certificate(@Root() contract: Contract, @Ctx() ctx: GraphQLContext): Promise<Certificate | null> {
    return contract.certificateId ? ctx.loaders.byId(Certificate).load(contract.certificateId) : Promise.resolve(null);
  }
}
