import { IsDateString, IsOptional, IsUUID, MaxLength } from 'class-validator';
import { TrimmedLength } from '../../../common/text-rules';
import { Field, ID, InputType } from 'type-graphql';
import { LocalDateScalar } from '../../../common/scalars';

@InputType()
export class ReturnInvoiceInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'Счёт не найден' })
  invoiceId: string;

  @Field(() => String, { description: 'What to fix; 3–1000 characters, not blank' })
  @TrimmedLength(3, 1000, 'Укажите, что нужно исправить (от 3 до 1000 символов)')
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
