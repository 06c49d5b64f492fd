import { Badge } from '@mantine/core';

const colors: Record<string, string> = {
  DRAFT: 'gray',
  PUBLISHED: 'green',
  ARCHIVED: 'dark',
  NOT_SUBMITTED: 'gray',
  SUBMITTED: 'yellow',
  CERTIFIED: 'green',
  REJECTED: 'red',
  WAITLISTED: 'orange',
  CONFIRMED: 'cyan',
  ENROLLED: 'green',
  CANCELLED: 'gray',
  EXPIRED: 'gray',
  ENDED: 'dark',
  OFFERED: 'cyan',
  ACTIVE: 'green',
  TERMINATED: 'red',
  COMPLETED: 'dark',
  AWAITING_FUNDING: 'orange',
  PENDING_VERIFICATION: 'yellow',
  ACCOUNTING: 'blue',
  FINANCING: 'green',
  SUSPENDED: 'orange',
  CLOSED: 'dark',
  FORMED: 'yellow',
  APPROVED: 'teal',
  PAID: 'green',
  RETURNED: 'red',
};

/** A status in words, colored so a long table can be scanned. */
export function StatusBadge({ status, labels, color }: { status: string; labels: Record<string, string>; color?: string }) {
  return (
    <Badge variant="light" color={color ?? colors[status] ?? 'blue'} radius="sm" style={{ textTransform: 'none' }}>
      {labels[status] ?? status}
    </Badge>
  );
}
