import { IsOptional, IsUUID, Length } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { IDEMPOTENCY_KEY_DESCRIPTION, IDEMPOTENCY_KEY_LENGTH, IDEMPOTENCY_KEY_MESSAGE } from '../../../common/idempotency-key';

@InputType({ description: 'Заявка ребёнка в группу' })
export class SubmitApplicationInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'Выберите ребёнка' })
  childId: string;

  @Field(() => ID)
  @IsUUID('all', { message: 'Выберите группу' })
  groupId: string;

  @Field(() => String, { nullable: true, description: IDEMPOTENCY_KEY_DESCRIPTION })
  @IsOptional()
  @Length(IDEMPOTENCY_KEY_LENGTH.min, IDEMPOTENCY_KEY_LENGTH.max, { message: IDEMPOTENCY_KEY_MESSAGE })
  idempotencyKey?: string;
}
