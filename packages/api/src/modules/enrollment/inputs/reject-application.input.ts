import { IsOptional, IsUUID, Length } from 'class-validator';
import { TrimmedLength } from '../../../common/text-rules';
import { Field, ID, InputType } from 'type-graphql';
import { IDEMPOTENCY_KEY_DESCRIPTION, IDEMPOTENCY_KEY_LENGTH, IDEMPOTENCY_KEY_MESSAGE } from '../../../common/idempotency-key';

@InputType({ description: 'Отклонение заявки организацией' })
export class RejectApplicationInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'Неизвестная заявка' })
  applicationId: string;

  @Field(() => String, { description: 'Shown to the parent. 3–1000 characters, not blank' })
  @TrimmedLength(3, 1000, 'Укажите причину отказа (от 3 до 1000 символов)')
  reason: string;

  @Field(() => String, { nullable: true, description: IDEMPOTENCY_KEY_DESCRIPTION })
  @IsOptional()
  @Length(IDEMPOTENCY_KEY_LENGTH.min, IDEMPOTENCY_KEY_LENGTH.max, { message: IDEMPOTENCY_KEY_MESSAGE })
  idempotencyKey?: string;
}
