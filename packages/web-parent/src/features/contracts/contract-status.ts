import type { ContractStatus } from '../../gql/graphql';

export const CONTRACT_STATUS_LABELS: Record<ContractStatus, string> = {
  OFFERED: 'Ждёт вашей подписи',
  ACTIVE: 'Действует',
  TERMINATED: 'Расторгнут',
  COMPLETED: 'Исполнен',
  AWAITING_FUNDING: 'Ждёт финансирования',
  EXPIRED: 'Не подписан вовремя',
  CANCELLED: 'Отменён',
};

/** `2026-11` → «ноябрь 2026». */
export function monthName(yyyyMm: string): string {
  const [y, m] = yyyyMm.split('-').map(Number);
  return new Intl.DateTimeFormat('ru-RU', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(y, m - 1, 1))).replace(' г.', '');
}
