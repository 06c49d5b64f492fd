import type { NotificationMessage } from './notification.service';

/** A notice written by the statement that makes the change it tells of: to users by id, or to every staff member of an organization. */
export interface Notice extends NotificationMessage {
  userIds?: string[];
  organizationStaffOf?: string;
}

/**
 * CTEs, for a transition's own `WITH` clause, that write notices (in-app and
 * the e-mail outbox) from one jsonb parameter: the notices cost no statement
 * of their own, and they exist exactly when the change does. `param` is the
 * placeholder, e.g. `$11`; pass `noticeRows(...)` as its value.
 *
 * Each notice's address is a subquery by primary key, not a join with users:
 * the planner guesses a hundred rows out of jsonb_to_recordset, and the
 * prepared (generic) plan of a join hashed every user — a sequential scan of
 * all families on every transition, the cost that grew with their number.
 */
export function noticeCtes(param: string): string {
  return `notice_rows AS (
      SELECT r.user_id, m.kind, m.title, m.body, m.application_id, m.contract_id
        FROM jsonb_to_recordset(${param}::jsonb) AS m(user_ids uuid[], organization_id uuid, kind text, title text, body text, application_id uuid, contract_id uuid)
        CROSS JOIN LATERAL (SELECT unnest(m.user_ids)
                            UNION ALL SELECT u.id FROM users u WHERE u.organization_id = m.organization_id AND u.role = 'PROVIDER_STAFF') AS r(user_id)
    ), notices AS (
      INSERT INTO notifications (user_id, kind, title, body, application_id, contract_id)
      SELECT user_id, kind, title, body, application_id, contract_id FROM notice_rows
      RETURNING id, user_id, title, body
    ), notice_mail AS (
      INSERT INTO email_outbox (notification_id, to_address, subject, body)
      SELECT n.id, (SELECT u.email FROM users u WHERE u.id = n.user_id), n.title, n.body FROM notices n
    )`;
}

export function noticeRows(notices: Notice[]): string {
  return JSON.stringify(
    notices.map((n) => ({
      user_ids: n.userIds ?? [],
      organization_id: n.organizationStaffOf ?? null,
      kind: n.kind,
      title: n.title,
      body: n.body,
      application_id: n.applicationId ?? null,
      contract_id: n.contractId ?? null,
    })),
  );
}
