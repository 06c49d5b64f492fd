import { Length } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';

@InputType({ description: 'Приостановка или закрытие сертификата с причиной' })
export class CertificateStatusChangeInput {
  @Field(() => ID)
  certificateId: string;

  @Field(() => String, { description: 'Причина; её увидит родитель' })
  @Length(3, 500, { message: 'Укажите причину (от 3 до 500 символов)' })
  reason: string;
}
