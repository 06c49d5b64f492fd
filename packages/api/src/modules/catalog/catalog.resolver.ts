import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import { Service } from '../../common/container';
import { KopecksScalar } from '../../common/money';
import type { GraphQLContext } from '../../common/graphql-context';
import { Municipality } from '../municipalities/municipality.entity';
import { CatalogService } from './catalog.service';
import { acceptsCertificatePayment, certificateMonthlyShare } from './certificate-terms';
import { Group } from './group.entity';
import { freeSeats } from './group-seats';
import { ProgramFilter, ProgramOrder } from './inputs/program-filter.input';
import { Organization } from './organization.entity';
import { ProgramConnection } from './program-connection.type';
import { ProgramGroups } from './program-groups';
import { ProgramSearchService } from './program-search.service';
import { Program } from './program.entity';

@ArgsType()
class ProgramsArgs {
  @Field(() => ProgramFilter, { nullable: true })
  filter?: ProgramFilter;

  @Field(() => Int, { nullable: true, description: 'Page size, 1–100 (20 by default)' })
  first?: number;

  @Field(() => String, { nullable: true })
  after?: string;

  @Field(() => ProgramOrder, { nullable: true, defaultValue: ProgramOrder.RELEVANCE })
  orderBy: ProgramOrder;
}

@Service()
@Resolver(() => Program)
export class ProgramResolver {
  constructor(
    private readonly search: ProgramSearchService,
    private readonly catalog: CatalogService,
    private readonly programGroups: ProgramGroups,
  ) {}

  @Query(() => ProgramConnection, { description: 'Public catalog search with facet counts' })
  async programs(@Args(() => ProgramsArgs) args: ProgramsArgs, @Ctx() ctx: GraphQLContext): Promise<ProgramConnection> {
    const result = await this.search.search(args.filter, args.first, args.after, args.orderBy);
    if (ctx.catalogReads && args.filter?.hasFreeSeats) ctx.catalogReads.freeSeats = true;
    const organizations = ctx.loaders.byId(Organization);
    for (const organization of result.organizations ?? []) organizations.prime(organization.id, organization);
    return result;
  }

  @Query(() => Program, { nullable: true, description: 'A published program (staff also see their own drafts)' })
  program(@Arg('id', () => ID) id: string, @Ctx() ctx: GraphQLContext): Promise<Program | null> {
    return this.catalog.program(id, ctx.actor);
  }

  @FieldResolver(() => Organization)
  async organization(@Root() program: Program, @Ctx() ctx: GraphQLContext): Promise<Organization> {
    return (await ctx.loaders.byId(Organization).load(program.organizationId))!;
  }

  @FieldResolver(() => Municipality)
  async municipality(@Root() program: Program, @Ctx() ctx: GraphQLContext): Promise<Municipality> {
    return (await ctx.loaders.byId(Municipality).load(program.municipalityId))!;
  }

  @FieldResolver(() => [Group], { description: 'Groups of the program, earliest start first' })
  groups(@Root() program: Program, @Ctx() ctx: GraphQLContext): Promise<Group[]> {
    ctx.catalogReads?.groupsOf.add(program.id);
    return this.programGroups.of(program.id, ctx);
  }

  /** From the live groups, not the row: a cached search keeps its programs while their groups fill up. */
  @FieldResolver(() => Boolean, { description: 'Some group is open for enrollment and not full (capacity − taken − pending > 0)' })
  async hasFreeSeats(@Root() program: Program, @Ctx() ctx: GraphQLContext): Promise<boolean> {
    return (await this.groups(program, ctx)).some((group) => group.enrollmentOpen && freeSeats(group) > 0);
  }

  @FieldResolver(() => Boolean, { description: '«Доступна оплата сертификатом»: certified CERTIFICATE program of a connected organization' })
  async certificatePaymentAvailable(@Root() program: Program, @Ctx() ctx: GraphQLContext): Promise<boolean> {
    const organization = await ctx.loaders.byId(Organization).load(program.organizationId);
    return !!organization && acceptsCertificatePayment(program, organization);
  }

  @FieldResolver(() => KopecksScalar, { nullable: true, description: 'What the certificate pays per month: min(price, normative cost); null when certificate payment is not available' })
  async certificateMonthlyShare(@Root() program: Program, @Ctx() ctx: GraphQLContext): Promise<number | null> {
    return (await this.certificatePaymentAvailable(program, ctx)) ? certificateMonthlyShare(program) : null;
  }

  @FieldResolver(() => KopecksScalar, { description: 'What the parent pays per month on top of the certificate (the whole price when the certificate does not pay)' })
  async parentMonthlyCopayment(@Root() program: Program, @Ctx() ctx: GraphQLContext): Promise<number> {
    return program.monthlyPrice - ((await this.certificateMonthlyShare(program, ctx)) ?? 0);
  }
}

@Service()
@Resolver(() => Group)
export class GroupResolver {
  @FieldResolver(() => Int, { description: 'Capacity − taken seats − pending applications: what a parent applying now can get without the waitlist' })
  freeSeats(@Root() group: Group): number {
    return freeSeats(group);
  }

  @FieldResolver(() => Program)
  async program(@Root() group: Group, @Ctx() ctx: GraphQLContext): Promise<Program> {
    return (await ctx.loaders.byId(Program).load(group.programId))!;
  }
}

@Service()
@Resolver(() => Organization)
export class OrganizationResolver {
  constructor(private readonly catalog: CatalogService) {}

  @Query(() => Organization, { nullable: true })
  organization(@Arg('id', () => ID) id: string): Promise<Organization | null> {
    return this.catalog.organization(id);
  }

  @FieldResolver(() => Municipality)
  async municipality(@Root() organization: Organization, @Ctx() ctx: GraphQLContext): Promise<Municipality> {
    return (await ctx.loaders.byId(Municipality).load(organization.municipalityId))!;
  }
}
