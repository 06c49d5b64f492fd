import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, Unique, UpdateDateColumn } from 'typeorm';
import { kopecksTransformer } from '../../common/money';

/**
 * Money one financing period reserves for one application's contract: a
 * pending hold while the offer waits (blocked), posted when the parent signs
 * (committed), drawn month by month by the charges (spent), the rest released
 * when the contract ends. Its buckets are its share of the account's, so an
 * account's blocked, committed and spent are the sums over its holds. Changed
 * only by LedgerService, with the entry that explains the change.
 */
@Entity({ name: 'ledger_holds' })
@Unique(['applicationId', 'periodId'])
@Unique(['contractId', 'periodId'])
export class LedgerHold {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  accountId: string;

  @Column({ type: 'uuid' })
  certificateId: string;

  @Column({ type: 'uuid' })
  periodId: string;

  @Column({ type: 'uuid' })
  applicationId: string;

  @Column({ type: 'uuid' })
  contractId: string;

  /** What the hold opened with. */
  @Column({ type: 'bigint', transformer: kopecksTransformer })
  amount: number;

  /** Pending: reserved for an offer not yet signed. */
  @Column({ type: 'bigint', transformer: kopecksTransformer, default: 0 })
  blocked: number;

  /** Posted to the organization and not yet charged or released. */
  @Column({ type: 'bigint', transformer: kopecksTransformer, default: 0 })
  committed: number;

  @Column({ type: 'bigint', transformer: kopecksTransformer, default: 0 })
  spent: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
