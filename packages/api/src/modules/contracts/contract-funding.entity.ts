import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { KopecksScalar, kopecksTransformer } from '../../common/money';
import { LocalDateScalar } from '../../common/scalars';

export enum FundingSource {
  /** The certificate pays the share of these months. */
  CERTIFICATE = 'CERTIFICATE',
  /** The period could not fund the months and the parent chose to pay the whole price. */
  PARENT = 'PARENT',
}

export enum FundingStatus {
  /** Blocked on the certificate for an offer not yet signed. */
  BLOCKED = 'BLOCKED',
  /** Promised to the organization (signed, or funded at the period's start). */
  COMMITTED = 'COMMITTED',
  /** The offer did not go ahead: the block was lifted. */
  CANCELLED = 'CANCELLED',
}

registerEnumType(FundingSource, { name: 'FundingSource', description: 'Who pays a contract\'s months of one financing period' });
registerEnumType(FundingStatus, { name: 'FundingStatus' });

/**
 * What one financing period pays of one contract: its months inside the
 * period and the certificate's share of them. One row per contract and
 * period, written with the ledger movement that funds it.
 */
@ObjectType({ description: 'Финансирование договора из одного периода' })
@Entity({ name: 'contract_fundings' })
export class ContractFunding {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  contractId: string;

  @Field(() => ID)
  @Column({ type: 'uuid' })
  periodId: string;

  @Field(() => FundingSource)
  @Column({ type: 'text' })
  source: FundingSource;

  @Field(() => FundingStatus)
  @Column({ type: 'text' })
  status: FundingStatus;

  @Field(() => LocalDateScalar)
  @Column({ type: 'date' })
  startsOn: string;

  @Field(() => LocalDateScalar)
  @Column({ type: 'date' })
  endsOn: string;

  @Field(() => Int)
  @Column({ type: 'int' })
  months: number;

  @Field(() => KopecksScalar, { description: 'What the certificate pays for these months: monthly share × months (0 when the parent pays)' })
  @Column({ type: 'bigint', transformer: kopecksTransformer })
  certificateAmount: number;

  @Column({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz' })
  updatedAt: Date;
}
