import { IsInt, IsISO8601, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import { AMOUNT_TOO_LARGE, formatRub, KopecksScalar, MAX_AMOUNT_KOPECKS } from '../../../common/money';
import { LocalDateScalar } from '../../../common/scalars';

@InputType({ description: 'Номинал и лимит сертификатов финансирования муниципалитета на период (год)' })
export class SetCertificatePeriodInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'Выберите муниципалитет' })
  municipalityId: string;

  @Field(() => Int)
  @IsInt()
  @Min(2000, { message: 'Укажите год периода' })
  @Max(2100, { message: 'Укажите год периода' })
  year: number;

  @Field(() => KopecksScalar, {
    description:
      'Nominal of a financing certificate, kopecks. A change applies to certificates financed afterwards; accounts already credited keep their nominal. ' +
      `0 to ${MAX_AMOUNT_KOPECKS} (${formatRub(MAX_AMOUNT_KOPECKS)}).`,
  })
  @IsInt({ message: 'Номинал — целое число копеек' })
  @Min(0, { message: 'Номинал не может быть отрицательным' })
  @Max(MAX_AMOUNT_KOPECKS, { message: AMOUNT_TOO_LARGE })
  nominal: number;

  @Field(() => Int, { description: 'How many certificates may have FINANCING status in the period; not below those already issued' })
  @IsInt()
  @Min(0, { message: 'Лимит не может быть отрицательным' })
  financingLimit: number;

  @Field(() => LocalDateScalar)
  @IsISO8601({ strict: true }, { message: 'Укажите дату начала периода' })
  startsOn: string;

  @Field(() => LocalDateScalar)
  @IsISO8601({ strict: true }, { message: 'Укажите дату окончания периода' })
  endsOn: string;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Optional year-end freeze: first day (with freezeEndsOn), e.g. 14 December; announced to parents in advance' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'Укажите дату начала заморозки' })
  freezeStartsOn?: string | null;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Last day of the freeze' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'Укажите дату окончания заморозки' })
  freezeEndsOn?: string | null;
}
