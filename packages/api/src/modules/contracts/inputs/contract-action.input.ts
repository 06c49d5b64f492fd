import { IsOptional, IsUUID, Length } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { IDEMPOTENCY_KEY_DESCRIPTION, IDEMPOTENCY_KEY_LENGTH, IDEMPOTENCY_KEY_MESSAGE } from '../../../common/idempotency-key';

/** What every parent's decision on a contract carries: which contract, and a key that makes a retry harmless. */
@InputType()
export abstract class ContractActionInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'Неизвестный договор' })
  contractId: string;

  @Field(() => String, { nullable: true, description: IDEMPOTENCY_KEY_DESCRIPTION })
  @IsOptional()
  @Length(IDEMPOTENCY_KEY_LENGTH.min, IDEMPOTENCY_KEY_LENGTH.max, { message: IDEMPOTENCY_KEY_MESSAGE })
  idempotencyKey?: string;
}

@InputType({ description: 'Подписание договора-оферты родителем' })
export class SignContractInput extends ContractActionInput {}

@InputType({ description: 'Решение родителя по договору, который новый период не профинансировал: оплачивать обучение самостоятельно' })
export class PayContractMyselfInput extends ContractActionInput {}
