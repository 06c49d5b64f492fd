import { Field, ID, Int, ObjectType } from 'type-graphql';
import { KopecksScalar } from '../../common/money';
import { LocalDateScalar } from '../../common/scalars';
import { Contract } from '../contracts/contract.entity';
import { Charge } from './charge.entity';
import { Invoice } from './invoice.entity';

@ObjectType({ description: 'The outcome of one item of `recordCharges`: the charge, or why it was refused (other items are not affected)' })
export class ChargeResult {
  @Field(() => ID)
  contractId: string;

  @Field(() => String, { nullable: true, description: 'The contract\'s number, when the contract was found' })
  contractNumber: string | null;

  @Field(() => Charge, { nullable: true })
  charge: Charge | null;

  @Field(() => String, { nullable: true, description: 'Error code, e.g. `CHARGE_OVER_SHARE`, `CHARGE_EXISTS`' })
  errorCode: string | null;

  @Field(() => String, { nullable: true })
  errorMessage: string | null;
}

@ObjectType({ description: 'A contract to charge for the month, with the prefilled amount' })
export class MonthSheetLine {
  @Field(() => Contract)
  contract: Contract;

  @Field(() => Int, { description: 'Days of the month the contract covers' })
  days: number;

  @Field(() => KopecksScalar, {
    description: 'The most the certificate pays for the month: the monthly share, prorated by days in the month a contract starts or ends (share × days / days in the month, rounded down)',
  })
  proratedShare: number;

  @Field(() => KopecksScalar, { description: 'The parent\'s co-payment for the month, prorated the same way' })
  copayment: number;

  @Field(() => Charge, { nullable: true, description: 'The month\'s charge, once recorded' })
  charge: Charge | null;

  @Field(() => Boolean, { description: 'A financing period funded the month from the certificate (false while the contract waits for funding or the parent pays)' })
  funded: boolean;

  @Field(() => Boolean, { description: 'A charge can be recorded now: the contract runs, the month is funded and has no charge yet' })
  chargeable: boolean;
}

@ObjectType({ description: 'An organization\'s month: every certificate contract that runs in it, charged or not' })
export class MonthSheet {
  @Field(() => String)
  month: string;

  @Field(() => [MonthSheetLine])
  lines: MonthSheetLine[];

  @Field(() => Int, { description: 'Lines still waiting for a charge' })
  uncharged: number;

  @Field(() => KopecksScalar)
  chargedTotal: number;

  @Field(() => [Invoice], { description: 'The month\'s invoices (one per municipality)' })
  invoices: Invoice[];
}

@ObjectType({ description: 'Реестр счетов: a municipality\'s invoices of one month, one per organization' })
export class InvoiceRegistry {
  @Field(() => String)
  month: string;

  @Field(() => [Invoice])
  invoices: Invoice[];

  @Field(() => KopecksScalar, { description: 'All invoices of the month' })
  total: number;

  @Field(() => KopecksScalar)
  approvedTotal: number;

  @Field(() => KopecksScalar)
  paidTotal: number;
}

@ObjectType({ description: 'A municipality\'s certificate money in one financing period' })
export class MunicipalitySummary {
  @Field(() => ID)
  municipalityId: string;

  @Field(() => ID)
  periodId: string;

  @Field(() => LocalDateScalar)
  periodStartsOn: string;

  @Field(() => LocalDateScalar)
  periodEndsOn: string;

  @Field(() => Int, { description: 'Financing certificates issued in the period' })
  financingIssued: number;

  @Field(() => Int)
  financingLimit: number;

  @Field(() => KopecksScalar, { description: 'Nominals credited to the period\'s accounts' })
  nominalTotal: number;

  @Field(() => KopecksScalar)
  blocked: number;

  @Field(() => KopecksScalar)
  committed: number;

  @Field(() => KopecksScalar)
  spent: number;

  @Field(() => KopecksScalar)
  expired: number;

  @Field(() => KopecksScalar)
  available: number;
}
