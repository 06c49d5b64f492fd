import { Field, Int, ObjectType } from 'type-graphql';
import { Connection } from '../../common/pagination';
import { TEXT_MATCH_CAP } from './program-search.sql';
import { Organization } from './organization.entity';
import { Program } from './program.entity';

@ObjectType({ simpleResolvers: true })
export class FacetCount {
  @Field(() => String)
  value: string;

  @Field(() => Int)
  count: number;
}

@ObjectType({ simpleResolvers: true, description: 'Counts per value of each facet, each computed with all the other filters applied' })
export class ProgramFacets {
  @Field(() => [FacetCount])
  directions: FacetCount[];

  @Field(() => [FacetCount])
  fundingTypes: FacetCount[];

  @Field(() => [FacetCount], { description: 'Values are municipality ids' })
  municipalities: FacetCount[];
}

@ObjectType({ simpleResolvers: true })
export class ProgramConnection extends Connection(Program) {
  @Field(() => ProgramFacets)
  facets: ProgramFacets;

  @Field(() => Boolean, { description: 'True when no exact match was found and results come from typo-tolerant matching' })
  fuzzy: boolean;

  @Field(() => Boolean, { description: `True when the text matched more than ${TEXT_MATCH_CAP} programs: facet counts then cover the first ${TEXT_MATCH_CAP} matches, and totalCount the first ${TEXT_MATCH_CAP} of those passing every filter (lower bounds)` })
  countsCapped: boolean;

  /** The page's organizations, read with it: the resolver primes the request's loader with them. */
  organizations?: Organization[];
}
