import { IsEnum, IsISO8601, IsOptional, IsUUID, Length, Matches } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { LocalDateScalar } from '../../../common/scalars';
import { Gender } from '../certificates.enums';

const NAME = /^[А-ЯЁа-яёA-Za-z][А-ЯЁа-яёA-Za-z' -]*$/;
const NAME_MESSAGE = 'Имя, фамилия и отчество пишутся буквами';

@InputType({ description: 'Данные ребёнка' })
export class AddChildInput {
  @Field(() => String)
  @Length(1, 100, { message: 'Укажите фамилию ребёнка' })
  @Matches(NAME, { message: NAME_MESSAGE })
  lastName: string;

  @Field(() => String)
  @Length(1, 100, { message: 'Укажите имя ребёнка' })
  @Matches(NAME, { message: NAME_MESSAGE })
  firstName: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 100, { message: 'Отчество слишком длинное' })
  @Matches(NAME, { message: NAME_MESSAGE })
  middleName?: string;

  @Field(() => LocalDateScalar)
  @IsISO8601({ strict: true }, { message: 'Укажите дату рождения' })
  birthDate: string;

  @Field(() => Gender)
  @IsEnum(Gender, { message: 'Укажите пол ребёнка' })
  gender: Gender;

  @Field(() => ID, { description: 'Муниципалитет, где ребёнок получает сертификат' })
  @IsUUID('all', { message: 'Выберите муниципалитет' })
  municipalityId: string;

  @Field(() => String, { description: 'СНИЛС ребёнка: 11 цифр, можно с дефисами и пробелом (112-233-445 95)' })
  @Matches(/^[\d\s-]{11,14}$/, { message: 'СНИЛС — 11 цифр, например 112-233-445 95' })
  snils: string;
}

@InputType({ description: 'Изменение данных ребёнка; пустые поля не меняются. Возможно, пока сертификат не подтверждён.' })
export class UpdateChildInput {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 100, { message: 'Укажите фамилию ребёнка' })
  @Matches(NAME, { message: NAME_MESSAGE })
  lastName?: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 100, { message: 'Укажите имя ребёнка' })
  @Matches(NAME, { message: NAME_MESSAGE })
  firstName?: string;

  @Field(() => String, { nullable: true, description: 'Пустая строка убирает отчество' })
  @IsOptional()
  @Length(0, 100, { message: 'Отчество слишком длинное' })
  middleName?: string;

  @Field(() => LocalDateScalar, { nullable: true })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'Укажите дату рождения' })
  birthDate?: string;

  @Field(() => Gender, { nullable: true })
  @IsOptional()
  @IsEnum(Gender, { message: 'Укажите пол ребёнка' })
  gender?: Gender;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'Выберите муниципалитет' })
  municipalityId?: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Matches(/^[\d\s-]{11,14}$/, { message: 'СНИЛС — 11 цифр, например 112-233-445 95' })
  snils?: string;
}
