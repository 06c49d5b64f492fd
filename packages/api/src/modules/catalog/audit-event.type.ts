import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, ID, ObjectType } from 'type-graphql';
import { DateTimeScalar } from '../../common/scalars';

@ObjectType({ description: 'One recorded change: who did what, the changed fields before and after, and when' })
export class AuditEvent {
  @Field(() => ID)
  id: string;

  @Field(() => String, { description: 'e.g. `program.updated`, `program.certified`, `group.enrollment_closed`' })
  action: string;

  @Field(() => ID, { nullable: true })
  actorUserId: string | null;

  @Field(() => String, { nullable: true, description: 'Full name of who made the change' })
  actorName: string | null;

  @Field(() => GraphQLJSONObject, { nullable: true, description: 'The changed fields as they were (null for a creation)' })
  before: Record<string, unknown> | null;

  @Field(() => GraphQLJSONObject, { nullable: true, description: 'The changed fields as they became' })
  after: Record<string, unknown> | null;

  @Field(() => DateTimeScalar)
  at: Date;
}
