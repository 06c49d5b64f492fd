import { IsEmail, Length } from 'class-validator';
import { Field, InputType } from 'type-graphql';

@InputType()
export class LoginInput {
  @Field(() => String)
  @IsEmail({}, { message: 'Укажите корректный адрес электронной почты' })
  email: string;

  @Field(() => String)
  @Length(1, 128, { message: 'Введите пароль' })
  password: string;
}
