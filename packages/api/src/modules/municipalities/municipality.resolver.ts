import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Service } from '../../common/container';
import type { GraphQLContext } from '../../common/graphql-context';
import { Role } from '../../common/role';
import { CertificatePeriod } from './certificate-period.entity';
import { FinancingFreeze } from './financing-freeze';
import { SetCertificatePeriodInput } from './inputs/set-certificate-period.input';
import { MunicipalityService } from './municipality.service';
import { Municipality } from './municipality.entity';
import { SupportCenter } from './support-center.entity';

@Service()
@Resolver(() => Municipality)
export class MunicipalityResolver {
  constructor(private readonly service: MunicipalityService) {}

  @Query(() => [Municipality], { description: 'All municipalities of the region, by name' })
  municipalities(): Promise<Municipality[]> {
    return this.service.list();
  }

  @Query(() => [SupportCenter], { description: 'Municipal support centers (МОЦ); all of them, or the one of a municipality' })
  supportCenters(@Arg('municipalityId', () => ID, { nullable: true }) municipalityId?: string): Promise<SupportCenter[]> {
    return this.service.supportCenters(municipalityId);
  }

  @FieldResolver(() => SupportCenter, { nullable: true })
  supportCenter(@Root() municipality: Municipality, @Ctx() ctx: GraphQLContext): Promise<SupportCenter | null> {
    return ctx.loaders.byId(SupportCenter, 'municipalityId').load(municipality.id);
  }

  @FieldResolver(() => CertificatePeriod, { nullable: true, description: 'The financing period in force today' })
  currentPeriod(@Root() municipality: Municipality): Promise<CertificatePeriod | null> {
    return this.service.currentPeriod(municipality.id);
  }

  @FieldResolver(() => FinancingFreeze, { nullable: true, description: 'The year-end freeze in force, or announced for the next 30 days' })
  financingFreeze(@Root() municipality: Municipality): Promise<FinancingFreeze | null> {
    return this.service.financingFreeze(municipality.id);
  }

  @FieldResolver(() => [CertificatePeriod], { description: 'Financing periods, latest year first' })
  periods(@Root() municipality: Municipality): Promise<CertificatePeriod[]> {
    return this.service.periods(municipality.id);
  }

  @Authorized(Role.OPERATOR, Role.REGION_ADMIN)
  @Mutation(() => CertificatePeriod, {
    description: 'Sets a period\'s nominal, financing limit and dates (OPERATOR: own municipality; REGION_ADMIN: any). A changed nominal applies to certificates financed afterwards; certificates already credited keep their nominal. The limit cannot go below the certificates already financed.',
  })
  setCertificatePeriod(@Arg('input', () => SetCertificatePeriodInput) input: SetCertificatePeriodInput, @Ctx() ctx: GraphQLContext): Promise<CertificatePeriod> {
    return this.service.setCertificatePeriod(ctx.actor, input);
  }
}

@Service()
@Resolver(() => SupportCenter)
export class SupportCenterResolver {
  @FieldResolver(() => Municipality)
  async municipality(@Root() center: SupportCenter, @Ctx() ctx: GraphQLContext): Promise<Municipality> {
    return (await ctx.loaders.byId(Municipality).load(center.municipalityId))!;
  }
}
