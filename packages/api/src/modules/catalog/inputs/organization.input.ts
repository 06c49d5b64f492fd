import { IsEmail, IsEnum, IsOptional, IsUrl, Matches } from 'class-validator';
import { Field, InputType } from 'type-graphql';
import { LocalDateScalar } from '../../../common/scalars';
import { OrganizationType } from '../catalog.enums';
import { IfPresent, OptionalText, Text } from './field-rules';

@InputType({ description: 'Changes to the profile of the signed-in staff member\'s organization; omitted fields stay as they are, null clears an optional one' })
export class UpdateOrganizationInput {
  @Field(() => String, { nullable: true })
  @IfPresent()
  @Text(3, 500, 'Полное наименование — от 3 до 500 символов')
  name?: string;

  @Field(() => String, { nullable: true })
  @IfPresent()
  @Text(2, 150, 'Краткое наименование — от 2 до 150 символов')
  shortName?: string;

  @Field(() => OrganizationType, { nullable: true })
  @IfPresent()
  @IsEnum(OrganizationType, { message: 'Выберите тип организации' })
  type?: OrganizationType;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Matches(/^(\d{10}|\d{12})$/, { message: 'ИНН — 10 цифр для организации или 12 для ИП' })
  inn?: string | null;

  @Field(() => String, { nullable: true, description: 'Needed to connect to personalized financing; cannot be cleared once connected' })
  @IsOptional()
  @Text(3, 100, 'Номер лицензии — от 3 до 100 символов')
  licenseNumber?: string | null;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Needed to connect to personalized financing; cannot be cleared once connected' })
  @IsOptional()
  licenseDate?: string | null;

  @Field(() => String, { nullable: true })
  @IfPresent()
  @Text(3, 300, 'Укажите адрес организации')
  address?: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Matches(/^\+?[\d\s()-]{5,20}$/, { message: 'Укажите телефон цифрами, например +7 914 123-45-67' })
  phone?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsEmail({}, { message: 'Укажите корректный адрес электронной почты' })
  email?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsUrl({ protocols: ['http', 'https'] }, { message: 'Укажите адрес сайта, например https://rovesnik.ru' })
  website?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @OptionalText(5000, 'Описание — не длиннее 5000 символов')
  description?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsUrl({ protocols: ['https'], require_protocol: true }, { message: 'Логотип — ссылка https:// на изображение' })
  logoUrl?: string | null;
}
