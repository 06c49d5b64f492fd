import { IsInt, IsUUID, Max, Min } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { formatRub, KopecksScalar, MAX_AMOUNT_KOPECKS } from '../../../common/money';
import { Text } from './field-rules';

@InputType()
export class CertifyProgramInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'Программа не найдена' })
  programId: string;

  @Field(() => KopecksScalar, { description: `Normative monthly cost in kopecks: the most the certificate pays per month for this program; 1 to ${MAX_AMOUNT_KOPECKS} (${formatRub(MAX_AMOUNT_KOPECKS)})` })
  @IsInt({ message: 'Нормативная стоимость указывается целым числом копеек' })
  @Min(1, { message: 'Нормативная стоимость должна быть больше нуля' })
  @Max(MAX_AMOUNT_KOPECKS, { message: 'Нормативная стоимость слишком велика: проверьте, что она указана в копейках' })
  normativeMonthlyCost: number;
}

@InputType()
export class RejectProgramCertificationInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'Программа не найдена' })
  programId: string;

  @Field(() => String, { description: 'Shown to the organization: what to fix before submitting again. 5–2000 characters, not blank' })
  @Text(5, 2000, 'Объясните причину отказа (от 5 до 2000 символов)')
  reason: string;
}
