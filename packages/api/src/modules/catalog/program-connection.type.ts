import { Field, Int, ObjectType } from 'type-graphql';
import { Connection } from '../../common/pagination';
import { Program } from './program.entity';

@ObjectType()
export class FacetCount {
  @Field(() => String)
  value: string;

  @Field(() => Int)
  count: number;
}

@ObjectType({ description: 'Counts per value of each facet, each computed with all the other filters applied' })
export class ProgramFacets {
  @Field(() => [FacetCount])
  directions: FacetCount[];

  @Field(() => [FacetCount])
  fundingTypes: FacetCount[];

  @Field(() => [FacetCount], { description: 'Values are municipality ids' })
  municipalities: FacetCount[];
}

@ObjectType()
export class ProgramConnection extends Connection(Program) {
  @Field(() => ProgramFacets)
  facets: ProgramFacets;

  @Field(() => Boolean, { description: 'True when no exact match was found and results come from typo-tolerant matching' })
  fuzzy: boolean;
}
