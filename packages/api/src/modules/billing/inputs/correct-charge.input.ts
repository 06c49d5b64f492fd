import { IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { TrimmedLength } from '../../../common/text-rules';
import { Field, ID, InputType, Int } from 'type-graphql';
import { AMOUNT_TOO_LARGE, formatRub, KopecksScalar, MAX_AMOUNT_KOPECKS } from '../../../common/money';

@InputType({ description: 'A corrected charge: possible while the month\'s invoice is not approved; the difference moves through the certificate ledger' })
export class CorrectChargeInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'Списание не найдено' })
  chargeId: string;

  @Field(() => KopecksScalar, { description: `The new amount, in kopecks, within the same limits as a new charge; 0 to ${MAX_AMOUNT_KOPECKS} (${formatRub(MAX_AMOUNT_KOPECKS)})` })
  @IsInt({ message: 'Сумма — целое число копеек' })
  @Min(0, { message: 'Сумма списания не может быть отрицательной' })
  @Max(MAX_AMOUNT_KOPECKS, { message: AMOUNT_TOO_LARGE })
  amount: number;

  @Field(() => Int, { nullable: true, description: 'Left as it was when absent' })
  @IsOptional()
  @IsInt({ message: 'Число занятий — целое число' })
  @Min(0, { message: 'Число занятий не может быть отрицательным' })
  lessonsPlanned?: number | null;

  @Field(() => Int, { nullable: true, description: 'Left as it was when absent' })
  @IsOptional()
  @IsInt({ message: 'Число занятий — целое число' })
  @Min(0, { message: 'Число занятий не может быть отрицательным' })
  lessonsAttended?: number | null;

  @Field(() => String, { description: 'Why the charge changes; 3–500 characters, not blank' })
  @TrimmedLength(3, 500, 'Укажите причину исправления (от 3 до 500 символов)')
  comment: string;
}
