import { Arg, Args, ArgsType, Authorized, Ctx, Field, FieldResolver, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { Service } from '../../common/container';
import { Connection } from '../../common/pagination';
import type { GraphQLContext } from '../../common/graphql-context';
import { Role } from '../../common/role';
import { Group } from '../catalog/group.entity';
import { Organization } from '../catalog/organization.entity';
import { Program } from '../catalog/program.entity';
import { Child } from '../certificates/child.entity';
import { ApplicationEvent } from './application-event.entity';
import { Application } from './application.entity';
import { Contract } from '../contracts/contract.entity';
import { EnrollmentQueryService } from './enrollment-query.service';
import { EnrollmentService } from './enrollment.service';
import { ApplicationActionInput } from './inputs/application-action.input';
import { ApplicationFilter } from './inputs/application-filter.input';
import { RejectApplicationInput } from './inputs/reject-application.input';
import { SubmitApplicationInput } from './inputs/submit-application.input';

@ObjectType()
export class ApplicationConnection extends Connection(Application) {}

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
