import { IsUUID } from 'class-validator';
import { TrimmedLength } from '../../../common/text-rules';
import { Field, ID, InputType } from 'type-graphql';

@InputType()
export class TerminateContractInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'Договор не найден' })
  contractId: string;

  @Field(() => String, { description: 'Why the contract ends; 3–500 characters, not blank' })
  @TrimmedLength(3, 500, 'Укажите причину расторжения (от 3 до 500 символов)')
  reason: string;
}
