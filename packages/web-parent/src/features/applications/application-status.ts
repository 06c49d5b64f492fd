import type { ApplicationStatus } from '../../gql/graphql';
import { formatDateTime, formatRub } from '@navigator/web-shared/format';

export const APPLICATION_STATUS_LABELS: Record<ApplicationStatus, string> = {
  SUBMITTED: 'На рассмотрении',
  WAITLISTED: 'В листе ожидания',
  CONFIRMED: 'Подтверждена — ждёт подписи договора',
  ENROLLED: 'Зачислен(а)',
  REJECTED: 'Отклонена',
  CANCELLED: 'Отозвана',
  EXPIRED: 'Договор не подписан вовремя',
  ENDED: 'Договор завершён',
};

export const APPLICATION_STATUS_COLORS: Record<ApplicationStatus, string> = {
  SUBMITTED: 'blue',
  WAITLISTED: 'yellow',
  CONFIRMED: 'orange',
  ENROLLED: 'teal',
  REJECTED: 'red',
  CANCELLED: 'gray',
  EXPIRED: 'gray',
  ENDED: 'gray',
};

export interface NextStepInput {
  status: ApplicationStatus;
  waitlistPosition?: number | null;
  rejectReason?: string | null;
  contract?: { offerExpiresAt: string; certificateTotal: number; certificateId?: string | null } | null;
}

/** What happens next, in one or two plain sentences: the question a parent has after every step. */
export function nextStep(a: NextStepInput): string {
  switch (a.status) {
    case 'SUBMITTED':
      return 'Заявка отправлена в организацию. Она подтвердит её или откажет; мы пришлём уведомление.';
    case 'WAITLISTED':
      return `Мест в группе нет, заявка в листе ожидания${a.waitlistPosition ? `: место ${a.waitlistPosition}` : ''}. Когда место освободится, организация сможет её подтвердить.`;
    case 'CONFIRMED': {
      const blocked = a.contract?.certificateId && a.contract.certificateTotal > 0 ? ` На сертификате заблокировано ${formatRub(a.contract.certificateTotal)}.` : '';
      const until = a.contract ? ` до ${formatDateTime(a.contract.offerExpiresAt)}` : '';
      return `Организация подтвердила заявку и прислала договор.${blocked} Прочитайте и подпишите его${until} — иначе предложение истечёт, место и деньги освободятся.`;
    }
    case 'ENROLLED':
      return 'Договор подписан, ребёнок зачислен. Оплата за каждый месяц списывается с сертификата по договору.';
    case 'REJECTED':
      return `Организация отклонила заявку${a.rejectReason ? `: ${a.rejectReason}` : ''}. Можно выбрать другую группу или программу.`;
    case 'CANCELLED':
      return 'Вы отозвали заявку. Заблокированные деньги, если были, вернулись на сертификат.';
    case 'EXPIRED':
      return 'Договор не подписали вовремя. Место освобождено, заблокированная сумма вернулась на сертификат.';
    case 'ENDED':
      return 'Договор завершён.';
  }
}

export const CANCELLABLE: ApplicationStatus[] = ['SUBMITTED', 'WAITLISTED', 'CONFIRMED'];
