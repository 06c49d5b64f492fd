import { IsUUID, MaxLength, MinLength } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';

@InputType()
export class TerminateContractInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'Договор не найден' })
  contractId: string;

  @Field(() => String)
  @MinLength(3, { message: 'Укажите причину расторжения' })
  @MaxLength(500, { message: 'Причина — не длиннее 500 символов' })
  reason: string;
}
