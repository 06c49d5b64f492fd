import { TrimmedLength } from '../../../common/text-rules';
import { Field, ID, InputType } from 'type-graphql';

@InputType({ description: 'Приостановка или закрытие сертификата с причиной' })
export class CertificateStatusChangeInput {
  @Field(() => ID)
  certificateId: string;

  @Field(() => String, { description: 'Причина; её увидит родитель. 3–500 characters, not blank' })
  @TrimmedLength(3, 500, 'Укажите причину (от 3 до 500 символов)')
  reason: string;
}
