import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { KopecksScalar, kopecksTransformer } from '../../common/money';
import { DateTimeScalar, LocalDateScalar } from '../../common/scalars';
import { FundingType } from '../catalog/catalog.enums';
import { ContractStatus } from './contracts.enums';

@ObjectType({ description: 'Договор об образовании: made from a confirmed application; its terms are fixed at the offer' })
@Entity({ name: 'contracts' })
export class Contract {
  @Field(() => ID)
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Field(() => String, { description: 'Readable unique number: region, municipality, year, sequence, e.g. `28-ZEYA-2026-000123`' })
  @Column({ type: 'text' })
  number: string;

  @Field(() => ID)
  @Column({ type: 'uuid' })
  applicationId: string;

  @Field(() => ID)
  @Column({ type: 'uuid' })
  childId: string;

  @Column({ type: 'uuid' })
  parentUserId: string;

  @Field(() => ID)
  @Column({ type: 'uuid' })
  groupId: string;

  @Field(() => ID)
  @Column({ type: 'uuid' })
  programId: string;

  @Field(() => ID)
  @Column({ type: 'uuid' })
  organizationId: string;

  @Column({ type: 'uuid' })
  municipalityId: string;

  @Field(() => ID, { nullable: true, description: 'The certificate that pays; null when the program is not paid by certificate' })
  @Column({ type: 'uuid', nullable: true })
  certificateId: string | null;

  @Field(() => FundingType)
  @Column({ type: 'text' })
  fundingType: FundingType;

  @Field(() => ContractStatus)
  @Column({ type: 'text' })
  status: ContractStatus;

  @Field(() => LocalDateScalar)
  @Column({ type: 'date' })
  startsOn: string;

  @Field(() => LocalDateScalar, { description: "The group's end (the season), or the day a termination takes effect; financing periods fund it month by month" })
  @Column({ type: 'date' })
  endsOn: string;

  @Field(() => Int, { description: 'Calendar months the contract touches, over the whole season' })
  @Column({ type: 'int' })
  months: number;

  @Field(() => KopecksScalar)
  @Column({ type: 'bigint', transformer: kopecksTransformer })
  monthlyPrice: number;

  @Field(() => KopecksScalar, { description: 'What the certificate pays per month: min(price, normative cost)' })
  @Column({ type: 'bigint', transformer: kopecksTransformer })
  certificateMonthlyShare: number;

  @Field(() => KopecksScalar, { description: 'What the parent pays per month' })
  @Column({ type: 'bigint', transformer: kopecksTransformer })
  parentMonthlyCopayment: number;

  @Field(() => KopecksScalar, { description: 'What the certificate pays over the whole season when every period funds it: monthly share × months' })
  @Column({ type: 'bigint', transformer: kopecksTransformer })
  certificateTotal: number;

  @Field(() => String, { description: 'The offer terms as the parent reads them before signing' })
  @Column({ type: 'text' })
  text: string;

  @Field(() => DateTimeScalar)
  @Column({ type: 'timestamptz' })
  offeredAt: Date;

  @Field(() => DateTimeScalar, { description: 'An unsigned offer expires at this moment' })
  @Column({ type: 'timestamptz' })
  offerExpiresAt: Date;

  @Field(() => DateTimeScalar, { nullable: true })
  @Column({ type: 'timestamptz', nullable: true })
  signedAt: Date | null;

  @Field(() => DateTimeScalar, { nullable: true })
  @Column({ type: 'timestamptz', nullable: true })
  closedAt: Date | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  closeReason: string | null;

  @Field(() => LocalDateScalar, { nullable: true, description: 'While AWAITING_FUNDING: the last day for the parent to choose; after it the contract ends at the end of that month' })
  @Column({ type: 'date', nullable: true })
  fundingDeadline: string | null;

  @Column({ type: 'uuid', nullable: true })
  awaitingPeriodId: string | null;

  @Field(() => DateTimeScalar)
  @Column({ type: 'timestamptz' })
  updatedAt: Date;
}
