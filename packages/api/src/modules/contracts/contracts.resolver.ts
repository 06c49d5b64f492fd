import { Arg, Args, ArgsType, Authorized, Ctx, Field, FieldResolver, ID, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { Service } from '../../common/container';
import { Connection } from '../../common/pagination';
import type { GraphQLContext } from '../../common/graphql-context';
import { Role } from '../../common/role';
import { Group } from '../catalog/group.entity';
import { Organization } from '../catalog/organization.entity';
import { Program } from '../catalog/program.entity';
import { Certificate } from '../certificates/certificate.entity';
import { Child } from '../certificates/child.entity';
import { ContractClosingService } from './contract-closing.service';
import { ContractFundingService } from './contract-funding.service';
import { ContractOffers } from './contract-offers';
import { ContractPeriodTerms } from './contract-period-terms.type';
import { ContractQueryService } from './contract-query.service';
import { Contract } from './contract.entity';
import { PayContractMyselfInput, SignContractInput } from './inputs/contract-action.input';
import { ContractFilter } from './inputs/contract-filter.input';
import { TerminateContractInput } from './inputs/terminate-contract.input';

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

@Service()
@Resolver(() => Contract)
export class ContractResolver {
  constructor(
    private readonly queries: ContractQueryService,
    private readonly offers: ContractOffers,
    private readonly funding: ContractFundingService,
    private readonly closing: ContractClosingService,
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
    return this.offers.signContract(ctx.actor, input.contractId, input.idempotencyKey);
  }

  @Authorized(Role.PARENT)
  @Mutation(() => Contract, { description: 'AWAITING_FUNDING → ACTIVE: the parent pays the unfunded period\'s months themselves (the whole price); to end the contract instead, use terminateContract' })
  payContractMyself(@Arg('input', () => PayContractMyselfInput) input: PayContractMyselfInput, @Ctx() ctx: GraphQLContext): Promise<Contract> {
    return this.funding.payContractMyself(ctx.actor, input.contractId, input.idempotencyKey);
  }

  @Authorized(Role.PARENT, Role.PROVIDER_STAFF)
  @Mutation(() => Contract, {
    description:
      'Terminates an active contract (the parent\'s own or the organization\'s) effective at the end of the current month: later months are returned to the certificate at once, ' +
      'the seat is freed now and the waitlist moves up; the current month may still be charged',
  })
  terminateContract(@Arg('input', () => TerminateContractInput) input: TerminateContractInput, @Ctx() ctx: GraphQLContext): Promise<Contract> {
    return this.closing.terminateContract(ctx.actor, input);
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
