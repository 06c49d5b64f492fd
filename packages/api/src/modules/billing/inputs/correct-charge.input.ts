import { IsInt, IsOptional, IsUUID, MaxLength, Min, MinLength } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import { KopecksScalar } from '../../../common/money';

@InputType({ description: 'A corrected charge: possible while the month\'s invoice is not approved; the difference moves through the certificate ledger' })
export class CorrectChargeInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'Списание не найдено' })
  chargeId: string;

  @Field(() => KopecksScalar, { description: 'The new amount, in kopecks, within the same limits as a new charge' })
  @IsInt({ message: 'Сумма — целое число копеек' })
  @Min(0, { message: 'Сумма списания не может быть отрицательной' })
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

  @Field(() => String, { description: 'Why the charge changes' })
  @MinLength(3, { message: 'Укажите причину исправления' })
  @MaxLength(500, { message: 'Причина — не длиннее 500 символов' })
  comment: string;
}
