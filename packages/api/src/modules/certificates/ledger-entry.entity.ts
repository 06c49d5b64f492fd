import { Field, ID, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { KopecksScalar, kopecksTransformer } from '../../common/money';
import { DateTimeScalar } from '../../common/scalars';
import { LedgerEntryType } from './certificates.enums';

/** Append-only (a database trigger refuses UPDATE and DELETE): the history that explains every account balance. */
@ObjectType({ description: 'Операция по счёту сертификата' })
@Entity({ name: 'ledger_entries' })
export class LedgerEntry {
  @Field(() => ID)
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id: string;

  @Field(() => ID)
  @Column({ type: 'uuid' })
  accountId: string;

  @Field(() => ID)
  @Column({ type: 'uuid' })
  certificateId: string;

  @Field(() => LedgerEntryType)
  @Column({ type: 'text' })
  type: LedgerEntryType;

  @Field(() => KopecksScalar, { description: 'Always positive; the type says which way the money moved' })
  @Column({ type: 'bigint', transformer: kopecksTransformer })
  amount: number;

  @Field(() => String, { description: 'What happened, in words a parent understands' })
  @Column({ type: 'text' })
  reason: string;

  @Field(() => ID, { nullable: true })
  @Column({ type: 'uuid', nullable: true })
  applicationId: string | null;

  @Field(() => ID, { nullable: true })
  @Column({ type: 'uuid', nullable: true })
  contractId: string | null;

  @Field(() => ID, { nullable: true })
  @Column({ type: 'uuid', nullable: true })
  chargeId: string | null;

  /** The hold the money moved in or out of; null for the account's own money (CREDIT, EXPIRE). */
  @Column({ type: 'uuid', nullable: true })
  holdId: string | null;

  @Column({ type: 'uuid', nullable: true })
  actorUserId: string | null;

  @Column({ type: 'text', unique: true })
  idempotencyKey: string;

  @Field(() => DateTimeScalar)
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
