import type { EntityManager } from 'typeorm';
import type { IsoDate } from '../../common/dates';
import { EntityRows } from '../../common/entity-rows';
import { InvalidTransitionError } from '../../common/errors';
import { execute } from '../../common/sql';
import { Contract } from './contract.entity';
import { ContractStatus } from './contracts.enums';

/**
 * Which statuses a contract may move to from each status. Every change of a
 * contract's status goes through `moveContract`, which refuses anything
 * this table does not list with INVALID_TRANSITION.
 */
const NEXT: Record<ContractStatus, readonly ContractStatus[]> = {
  // Signed, not signed in time, or withdrawn with its application.
  [ContractStatus.OFFERED]: [ContractStatus.ACTIVE, ContractStatus.EXPIRED, ContractStatus.CANCELLED],
  // A new period could not fund it; either side ends it; its end date passed.
  [ContractStatus.ACTIVE]: [ContractStatus.AWAITING_FUNDING, ContractStatus.TERMINATED, ContractStatus.COMPLETED],
  // Funded after all or paid by the parent; ended by either side or for want of a decision; its end date passed.
  [ContractStatus.AWAITING_FUNDING]: [ContractStatus.ACTIVE, ContractStatus.TERMINATED, ContractStatus.COMPLETED],
  // Runs, and may be charged, to its (earlier) end date.
  [ContractStatus.TERMINATED]: [ContractStatus.COMPLETED],
  [ContractStatus.COMPLETED]: [],
  [ContractStatus.EXPIRED]: [],
  [ContractStatus.CANCELLED]: [],
};

const STATUS_NAMES: Record<ContractStatus, string> = {
  [ContractStatus.OFFERED]: 'ждёт подписи',
  [ContractStatus.ACTIVE]: 'действует',
  [ContractStatus.AWAITING_FUNDING]: 'ждёт финансирования',
  [ContractStatus.TERMINATED]: 'расторгнут',
  [ContractStatus.COMPLETED]: 'завершён',
  [ContractStatus.EXPIRED]: 'не подписан в срок',
  [ContractStatus.CANCELLED]: 'отозван',
};

/** Statuses in which a contract no longer runs: reaching one records when it closed. */
const CLOSING = [ContractStatus.TERMINATED, ContractStatus.COMPLETED, ContractStatus.EXPIRED, ContractStatus.CANCELLED];

export function canMove(from: ContractStatus, to: ContractStatus): boolean {
  return NEXT[from].includes(to);
}

/** Refuses a move the table does not allow; `refusal` says it in the words of the action the user tried. */
export function assertContractTransition(contract: Pick<Contract, 'number' | 'status'>, to: ContractStatus, refusal?: string): void {
  if (!canMove(contract.status, to)) {
    throw new InvalidTransitionError(refusal ?? `Договор № ${contract.number} ${STATUS_NAMES[contract.status]}: перевести его в состояние «${STATUS_NAMES[to]}» нельзя`, {
      status: contract.status,
    });
  }
}

/** What a move writes beside the status. */
export interface ContractChange {
  signedAt?: Date;
  /** A termination's new end date. */
  endsOn?: IsoDate;
  closeReason?: string;
  /** Entering AWAITING_FUNDING: the unfunded period and the parent's deadline. Any other move clears them. */
  awaiting?: { periodId: string; deadline: IsoDate };
}

/**
 * The one statement that changes a contract's status (caller's transaction,
 * contract row locked). The table is checked first; `contract` is left as
 * it was read, so the caller still sees the status it moved from, and the
 * contract as moved is returned.
 */
export async function moveContract(m: EntityManager, contract: Pick<Contract, 'id' | 'number' | 'status'>, to: ContractStatus, change: ContractChange = {}, refusal?: string): Promise<Contract> {
  assertContractTransition(contract, to, refusal);
  const { rows } = await execute(
    m,
    `UPDATE contracts SET status = $2, signed_at = coalesce($3, signed_at), ends_on = coalesce($4, ends_on), close_reason = coalesce($5, close_reason),
                          funding_deadline = $6, awaiting_period_id = $7,
                          closed_at = CASE WHEN $8 THEN coalesce(closed_at, clock_timestamp()) ELSE closed_at END, updated_at = clock_timestamp()
      WHERE id = $1 RETURNING *`,
    [contract.id, to, change.signedAt ?? null, change.endsOn ?? null, change.closeReason ?? null, change.awaiting?.deadline ?? null, change.awaiting?.periodId ?? null, CLOSING.includes(to)],
  );
  return new EntityRows(m.connection, Contract).hydrate(rows[0]);
}

/** Locks a contract row, scoped to its owner in the query itself (another tenant's contract is never loaded). */
export function lockContract(m: EntityManager, id: string, scope: { organizationId?: string; parentUserId?: string } = {}): Promise<Contract | null> {
  return m.getRepository(Contract).createQueryBuilder('c').setLock('pessimistic_write').where({ id, ...scope }).getOne();
}
