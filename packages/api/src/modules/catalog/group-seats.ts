import type { EntityManager } from 'typeorm';
import { execute } from '../../common/sql';
import type { Group } from './group.entity';

/**
 * Seats are taken and freed only here, by conditional updates: the row lock
 * the UPDATE takes serialises concurrent takers, and the database CHECK
 * (seats_taken ≤ capacity) backs it up. Callers run inside their own
 * transaction; the group row stays locked until it commits (lock order:
 * group first, then certificate account).
 */
export async function takeSeat(manager: EntityManager, groupId: string): Promise<boolean> {
  const { count } = await execute(manager, `UPDATE groups SET seats_taken = seats_taken + 1 WHERE id = $1 AND seats_taken < capacity`, [groupId]);
  return count === 1;
}

export async function releaseSeat(manager: EntityManager, groupId: string): Promise<void> {
  const { count } = await execute(manager, `UPDATE groups SET seats_taken = seats_taken - 1 WHERE id = $1 AND seats_taken > 0`, [groupId]);
  if (count !== 1) throw new Error(`releaseSeat: group ${groupId} has no taken seat to free`);
}

/** DESIGN.md's «full» read the other way: pending applications will take seats too, so they are not free. */
export function freeSeats(group: Pick<Group, 'capacity' | 'seatsTaken' | 'pendingCount'>): number {
  return Math.max(0, group.capacity - group.seatsTaken - group.pendingCount);
}
