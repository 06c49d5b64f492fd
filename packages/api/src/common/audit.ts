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

/** A CTE, for a transition's own `WITH` clause, that appends audit events from one jsonb parameter (`param`, e.g. `$12`; its value: `auditRows(...)`). */
export function auditCte(param: string): string {
  return `audit AS (
      INSERT INTO audit_events (actor_user_id, entity_type, entity_id, action, before, after)
      SELECT actor_user_id, entity_type, entity_id, action, before, after
        FROM jsonb_to_recordset(${param}::jsonb) AS a(actor_user_id uuid, entity_type text, entity_id uuid, action text, before jsonb, after jsonb)
    )`;
}

export function auditRows(records: AuditRecord[]): string {
  return JSON.stringify(
    records.map((r) => ({ actor_user_id: r.actorUserId, entity_type: r.entityType, entity_id: r.entityId, action: r.action, before: r.before ?? null, after: r.after ?? null })),
  );
}
