import { DataSource } from 'typeorm';
import { Service } from '../../common/container';
import { DomainError, ErrorCode } from '../../common/errors';
import { type Actor, requireOperatorOf, requireRole, requireStaffOf } from '../../common/actor';
import { Role } from '../../common/role';
import type { AuditEvent } from './audit-event.type';
import { AuditEntityType } from './catalog-audit';

/** How to find the organization that owns an audited catalog entity. */
const OWNER_SQL: Record<AuditEntityType, string> = {
  [AuditEntityType.ORGANIZATION]: `SELECT o.id, o.municipality_id FROM organizations o WHERE o.id = $1`,
  [AuditEntityType.PROGRAM]: `SELECT o.id, o.municipality_id FROM programs p JOIN organizations o ON o.id = p.organization_id WHERE p.id = $1`,
  [AuditEntityType.GROUP]: `SELECT o.id, o.municipality_id FROM groups g JOIN programs p ON p.id = g.program_id
                              JOIN organizations o ON o.id = p.organization_id WHERE g.id = $1`,
};

/** The history of a catalog entity, for the staff of the organization that owns it and the МОЦ of that organization's municipality. */
@Service()
export class AuditTrailService {
  constructor(private readonly dataSource: DataSource) {}

  async auditTrail(actor: Actor | undefined, entityType: AuditEntityType, entityId: string): Promise<AuditEvent[]> {
    const who = requireRole(actor, Role.PROVIDER_STAFF, Role.OPERATOR, Role.REGION_ADMIN);
    const [owner]: { id: string; municipality_id: string }[] = await this.dataSource.query(OWNER_SQL[entityType], [entityId]);
    if (!owner) throw new DomainError(ErrorCode.NOT_FOUND, 'Запись не найдена');
    if (who.role === Role.PROVIDER_STAFF) requireStaffOf(who, owner.id);
    else requireOperatorOf(who, owner.municipality_id);
    const rows: { id: string; action: string; actor_user_id: string | null; actor_name: string | null; before: Record<string, unknown> | null; after: Record<string, unknown> | null; at: Date }[] =
      await this.dataSource.query(
        `SELECT e.id::text, e.action, e.actor_user_id, u.full_name AS actor_name, e.before, e.after, e.at
           FROM audit_events e LEFT JOIN users u ON u.id = e.actor_user_id
          WHERE e.entity_type = $1 AND e.entity_id = $2 ORDER BY e.at, e.id`,
        [entityType, entityId],
      );
    return rows.map((r) => ({ id: r.id, action: r.action, actorUserId: r.actor_user_id, actorName: r.actor_name, before: r.before, after: r.after, at: r.at }));
  }
}
