import { ArrayMaxSize, ArrayMinSize, IsInt, IsOptional, IsUUID, Length, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import { AMOUNT_TOO_LARGE, formatRub, KopecksScalar, MAX_AMOUNT_KOPECKS } from '../../../common/money';
import { IDEMPOTENCY_KEY_DESCRIPTION, IDEMPOTENCY_KEY_LENGTH, IDEMPOTENCY_KEY_MESSAGE } from '../../../common/idempotency-key';
import { IsMonth } from './month';

@InputType({ description: 'One contract\'s charge for the month' })
export class ChargeItemInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'Договор не найден' })
  contractId: string;

  @Field(() => KopecksScalar, {
    description:
      'Paid from the certificate, in kopecks: from 0 up to the contract\'s certificate monthly share for the month. ' +
      'In the month a contract starts or ends the share is prorated by days: share × contract days in the month / days in the month, rounded down to a kopeck. ' +
      `Never above ${MAX_AMOUNT_KOPECKS} (${formatRub(MAX_AMOUNT_KOPECKS)}).`,
  })
  @IsInt({ message: 'Сумма — целое число копеек' })
  @Min(0, { message: 'Сумма списания не может быть отрицательной' })
  @Max(MAX_AMOUNT_KOPECKS, { message: AMOUNT_TOO_LARGE })
  amount: number;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt({ message: 'Число занятий — целое число' })
  @Min(0, { message: 'Число занятий не может быть отрицательным' })
  lessonsPlanned?: number | null;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt({ message: 'Число занятий — целое число' })
  @Min(0, { message: 'Число занятий не может быть отрицательным' })
  lessonsAttended?: number | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(500, { message: 'Комментарий — не длиннее 500 символов' })
  comment?: string | null;

  @Field(() => String, { nullable: true, description: IDEMPOTENCY_KEY_DESCRIPTION })
  @IsOptional()
  @Length(IDEMPOTENCY_KEY_LENGTH.min, IDEMPOTENCY_KEY_LENGTH.max, { message: IDEMPOTENCY_KEY_MESSAGE })
  idempotencyKey?: string | null;
}

@InputType()
export class RecordChargesInput {
  @Field(() => String, { description: '`YYYY-MM`: a month that has started' })
  @IsMonth()
  month: string;

  @Field(() => [ChargeItemInput])
  @ArrayMinSize(1, { message: 'Добавьте хотя бы одно списание' })
  @ArrayMaxSize(500, { message: 'Не больше 500 списаний за раз' })
  @ValidateNested({ each: true })
  items: ChargeItemInput[];
}
