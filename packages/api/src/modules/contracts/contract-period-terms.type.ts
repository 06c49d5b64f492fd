import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { KopecksScalar } from '../../common/money';
import { LocalDateScalar } from '../../common/scalars';

export enum ContractPeriodState {
  /** The period's nominal pays these months: committed to the organization. */
  FUNDED = 'FUNDED',
  /** Blocked on the certificate for an offer not yet signed. */
  BLOCKED = 'BLOCKED',
  /** A later period: «будет оплачено из номинала 2027 года» when that nominal is credited. */
  PLANNED = 'PLANNED',
  /** The period could not fund these months: the parent decides by the contract's deadline. */
  AWAITING_FUNDING = 'AWAITING_FUNDING',
  /** The parent pays the whole price of these months. */
  PARENT_PAYS = 'PARENT_PAYS',
  /** The contract ended before this period paid anything. */
  NOT_FUNDED = 'NOT_FUNDED',
}

registerEnumType(ContractPeriodState, { name: 'ContractPeriodState', description: 'How a financing period pays a contract\'s months' });

@ObjectType({ description: 'Месяцы договора в одном периоде финансирования: сколько платит сертификат, сколько родитель, и оплачены ли они уже' })
export class ContractPeriodTerms {
  @Field(() => Int, { description: 'The financing period (calendar year by default) whose nominal pays these months' })
  year: number;

  @Field(() => LocalDateScalar)
  startsOn: string;

  @Field(() => LocalDateScalar)
  endsOn: string;

  @Field(() => Int)
  months: number;

  @Field(() => KopecksScalar, { description: 'What the certificate pays for these months (0 when the parent pays)' })
  certificateAmount: number;

  @Field(() => KopecksScalar, { description: 'What the parent pays for these months: the co-payment, or the whole price when the parent chose to pay' })
  parentAmount: number;

  @Field(() => ContractPeriodState)
  state: ContractPeriodState;
}
