import { IsEmail, IsOptional, IsUUID, Length, Matches } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';

@InputType({ description: 'Регистрация родителя (законного представителя)' })
export class RegisterParentInput {
  @Field(() => String)
  @IsEmail({}, { message: 'Укажите корректный адрес электронной почты' })
  email: string;

  @Field(() => String)
  @Length(8, 128, { message: 'Пароль должен быть не короче 8 символов' })
  password: string;

  @Field(() => String, { description: 'Фамилия, имя, отчество' })
  @Length(3, 200, { message: 'Укажите фамилию, имя и отчество' })
  fullName: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Matches(/^\+?[\d\s()-]{5,20}$/, { message: 'Укажите телефон цифрами, например +7 914 123-45-67' })
  phone?: string;

  @Field(() => ID, { description: 'Муниципалитет проживания' })
  @IsUUID('all', { message: 'Выберите муниципалитет' })
  municipalityId: string;
}
