import { IsOptional, Length, MaxLength } from 'class-validator';
import { Field, InputType } from 'type-graphql';

@InputType({ description: 'Новый пароль по ссылке из письма' })
export class ResetPasswordInput {
  @Field(() => String)
  @Length(10, 200, { message: 'Ссылка повреждена: откройте её из письма целиком' })
  token: string;

  @Field(() => String)
  @Length(8, 128, { message: 'Пароль должен быть не короче 8 символов' })
  newPassword: string;
}

@InputType({ description: 'Смена пароля в личном кабинете' })
export class ChangePasswordInput {
  @Field(() => String)
  @Length(1, 128, { message: 'Введите текущий пароль' })
  currentPassword: string;

  @Field(() => String)
  @Length(8, 128, { message: 'Пароль должен быть не короче 8 символов' })
  newPassword: string;
}

@InputType({ description: 'Исправление своих данных: ФИО и телефон' })
export class UpdateProfileInput {
  @Field(() => String, { description: 'Фамилия, имя, отчество' })
  @Length(3, 200, { message: 'Укажите фамилию, имя и отчество' })
  fullName: string;

  @Field(() => String, { nullable: true, description: 'Российский номер в любой записи; хранится как E.164 (+7…); пусто — удалить' })
  @IsOptional()
  @MaxLength(30, { message: 'Укажите российский номер телефона, например +7 914 123-45-67' })
  phone?: string | null;
}
