import type { ContractStatus } from '../../gql/graphql';
import { formatDate } from '@navigator/web-shared/format';

export const CONTRACT_STATUS_LABELS: Record<ContractStatus, string> = {
  OFFERED: 'Ждёт вашей подписи',
  ACTIVE: 'Действует',
  TERMINATED: 'Расторгнут',
  COMPLETED: 'Исполнен',
  AWAITING_FUNDING: 'Ждёт вашего решения об оплате',
  EXPIRED: 'Не подписан вовремя',
  CANCELLED: 'Отменён',
};

/**
 * The contract's status in one phrase, the same on the applications list and
 * the contract page: a terminated contract runs to the end of the month it was
 * ended in, and the parent should see to which day.
 */
export function contractStatusText(contract: { status: ContractStatus; endsOn: string }): string {
  if (contract.status === 'TERMINATED') return `Расторгнут, занятия по ${formatDate(contract.endsOn)}`;
  return CONTRACT_STATUS_LABELS[contract.status];
}

/** `2026-11` → «ноябрь 2026». */
export function monthName(yyyyMm: string): string {
  const [y, m] = yyyyMm.split('-').map(Number);
  return new Intl.DateTimeFormat('ru-RU', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(y, m - 1, 1))).replace(' г.', '');
}
