import { IsOptional, IsUUID, Length } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { IDEMPOTENCY_KEY_DESCRIPTION, IDEMPOTENCY_KEY_LENGTH, IDEMPOTENCY_KEY_MESSAGE } from '../../../common/idempotency-key';

@InputType({ description: 'An action on one application: confirm (organization) or cancel (parent)' })
export class ApplicationActionInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'Неизвестная заявка' })
  applicationId: string;

  @Field(() => String, { nullable: true, description: IDEMPOTENCY_KEY_DESCRIPTION })
  @IsOptional()
  @Length(IDEMPOTENCY_KEY_LENGTH.min, IDEMPOTENCY_KEY_LENGTH.max, { message: IDEMPOTENCY_KEY_MESSAGE })
  idempotencyKey?: string;
}
