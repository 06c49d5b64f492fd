import type { EntityManager } from 'typeorm';

export interface AuditRecord {
  actorUserId: string | null;
  entityType: string;
  entityId: string;
  action: string;
  before?: unknown;
  after?: unknown;
}

/** Appends an audit event inside the caller's transaction, so the record exists exactly when the change does. */
export async function writeAudit(manager: EntityManager, record: AuditRecord): Promise<void> {
  await manager.query(
    `INSERT INTO audit_events (actor_user_id, entity_type, entity_id, action, before, after) VALUES ($1, $2, $3, $4, $5, $6)`,
    [
      record.actorUserId,
      record.entityType,
      record.entityId,
      record.action,
      record.before === undefined ? null : JSON.stringify(record.before),
      record.after === undefined ? null : JSON.stringify(record.after),
    ],
  );
}
