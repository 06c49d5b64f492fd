import { IsDateString, IsOptional, IsUUID, MaxLength, MinLength } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { LocalDateScalar } from '../../../common/scalars';

@InputType()
export class ReturnInvoiceInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'Счёт не найден' })
  invoiceId: string;

  @Field(() => String)
  @MinLength(3, { message: 'Укажите, что нужно исправить' })
  @MaxLength(1000, { message: 'Причина — не длиннее 1000 символов' })
  reason: string;
}

@InputType()
export class RecordInvoicePaymentInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'Счёт не найден' })
  invoiceId: string;

  @Field(() => LocalDateScalar)
  @IsDateString({ strict: true }, { message: 'Укажите дату оплаты' })
  paidOn: string;

  @Field(() => String, { nullable: true, description: 'Payment order number' })
  @IsOptional()
  @MaxLength(100, { message: 'Номер платёжного поручения — не длиннее 100 символов' })
  paymentReference?: string | null;
}
