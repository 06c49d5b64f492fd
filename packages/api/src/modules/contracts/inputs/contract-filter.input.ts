import { IsEnum, IsOptional } from 'class-validator';
import { Field, InputType } from 'type-graphql';
import { ContractStatus } from '../contracts.enums';

@InputType({ description: 'Отбор договоров организации' })
export class ContractFilter {
  @Field(() => [ContractStatus], { nullable: true, description: 'Only these statuses, e.g. [AWAITING_FUNDING] for the contracts waiting for a new period\'s funding' })
  @IsOptional()
  @IsEnum(ContractStatus, { each: true, message: 'Неизвестный статус договора' })
  statuses?: ContractStatus[];

  @Field(() => Boolean, { nullable: true, description: 'Only contracts whose season continues into a financing period after today\'s' })
  @IsOptional()
  continuing?: boolean;
}
