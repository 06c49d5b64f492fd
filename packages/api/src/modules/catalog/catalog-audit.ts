import { registerEnumType } from 'type-graphql';
import type { EntityManager } from 'typeorm';
import { writeAudit } from '../../common/audit';
import type { Actor } from '../../common/actor';

/** What catalog audit events are about; the values are the `entity_type` stored in `audit_events`. */
export enum AuditEntityType {
  ORGANIZATION = 'Organization',
  PROGRAM = 'Program',
  GROUP = 'Group',
}
registerEnumType(AuditEntityType, { name: 'AuditEntityType' });

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The fields of `changes` that differ from `current`, as before/after halves; empty when nothing changes. */
export function changedFields<T extends object>(current: T, changes: Partial<T>): { before: Partial<T>; after: Partial<T> } {
  const before: Partial<T> = {};
  const after: Partial<T> = {};
  for (const key of Object.keys(changes) as (keyof T)[]) {
    if (changes[key] === undefined || same(current[key], changes[key])) continue;
    before[key] = current[key];
    after[key] = changes[key];
  }
  return { before, after };
}

export function auditCatalog(
  manager: EntityManager,
  actor: Actor,
  entityType: AuditEntityType,
  entityId: string,
  action: string,
  before: unknown,
  after: unknown,
): Promise<void> {
  return writeAudit(manager, { actorUserId: actor.userId, entityType, entityId, action, before, after });
}
