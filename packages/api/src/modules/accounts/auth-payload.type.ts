import { Field, ObjectType } from 'type-graphql';
import { DateTimeScalar } from '../../common/scalars';
import { User } from './user.entity';

@ObjectType({ description: 'Result of signing in: the session token (also set as an httpOnly cookie) and the user' })
export class AuthPayload {
  @Field(() => String, { description: 'Bearer token for API clients (`Authorization: Bearer <token>`)' })
  token: string;

  @Field(() => DateTimeScalar)
  expiresAt: Date;

  @Field(() => User)
  user: User;
}
