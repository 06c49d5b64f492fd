import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { Service } from '../../common/container';
import type { GraphQLContext } from '../../graphql/context';
import { CertificatePeriod } from './certificate-period.entity';
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
}

@Service()
@Resolver(() => SupportCenter)
export class SupportCenterResolver {
  @FieldResolver(() => Municipality)
  async municipality(@Root() center: SupportCenter, @Ctx() ctx: GraphQLContext): Promise<Municipality> {
    return (await ctx.loaders.byId(Municipality).load(center.municipalityId))!;
  }
}
