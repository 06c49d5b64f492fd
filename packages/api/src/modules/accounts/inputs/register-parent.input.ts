import { IsEmail, IsInt, IsOptional, IsUUID, Length, MaxLength } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';

@InputType({ description: 'Регистрация родителя (законного представителя)' })
export class RegisterParentInput {
  @Field(() => String)
  @IsEmail({}, { message: 'Укажите корректный адрес электронной почты' })
  email: string;

  @Field(() => String)
  @Length(8, 128, { message: 'Пароль должен быть не короче 8 символов' })
  password: string;

  @Field(() => Int, { description: 'Версия текста согласия на обработку персональных данных, которую родитель прочитал и принял (currentConsent.version)' })
  @IsInt({ message: 'Подтвердите согласие на обработку персональных данных' })
  consentVersion: number;

  @Field(() => String, { description: 'Фамилия, имя, отчество' })
  @Length(3, 200, { message: 'Укажите фамилию, имя и отчество' })
  fullName: string;

  @Field(() => String, { nullable: true, description: 'Российский номер в любой записи; хранится как E.164 (+7…)' })
  @IsOptional()
  @MaxLength(30, { message: 'Укажите российский номер телефона, например +7 914 123-45-67' })
  phone?: string;

  @Field(() => ID, { description: 'Муниципалитет проживания' })
  @IsUUID('all', { message: 'Выберите муниципалитет' })
  municipalityId: string;
}
