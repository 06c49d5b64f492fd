import { Field, ID, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, Unique, UpdateDateColumn } from 'typeorm';
import { KopecksScalar, kopecksTransformer } from '../../common/money';
import { DateTimeScalar } from '../../common/scalars';

/**
 * The money of one certificate in one period. Columns change only through
 * LedgerService, together with the ledger entry that explains the change.
 */
@ObjectType({ description: 'Счёт сертификата: the money of one certificate in one financing period, in kopecks' })
@Entity({ name: 'certificate_accounts' })
@Unique(['certificateId', 'periodId'])
export class CertificateAccount {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => ID)
  @Column({ type: 'uuid' })
  certificateId: string;

  @Field(() => ID)
  @Column({ type: 'uuid' })
  periodId: string;

  @Field(() => KopecksScalar, { description: 'Credited for the period' })
  @Column({ type: 'bigint', transformer: kopecksTransformer, default: 0 })
  nominal: number;

  @Field(() => KopecksScalar, { description: 'Reserved for confirmed applications not yet signed' })
  @Column({ type: 'bigint', transformer: kopecksTransformer, default: 0 })
  blocked: number;

  @Field(() => KopecksScalar, { description: 'Promised to organizations by signed contracts, not yet charged' })
  @Column({ type: 'bigint', transformer: kopecksTransformer, default: 0 })
  committed: number;

  @Field(() => KopecksScalar, { description: 'Paid to organizations' })
  @Column({ type: 'bigint', transformer: kopecksTransformer, default: 0 })
  spent: number;

  @Field(() => KopecksScalar, { description: 'Unspent money that expired at the end of the period' })
  @Column({ type: 'bigint', transformer: kopecksTransformer, default: 0 })
  expired: number;

  @Field(() => DateTimeScalar)
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Field(() => DateTimeScalar)
  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  @Field(() => KopecksScalar, { description: 'Free to use: nominal − blocked − committed − spent − expired' })
  get available(): number {
    return availableOf(this);
  }
}

export function availableOf(a: Pick<CertificateAccount, 'nominal' | 'blocked' | 'committed' | 'spent' | 'expired'>): number {
  return a.nominal - a.blocked - a.committed - a.spent - a.expired;
}
