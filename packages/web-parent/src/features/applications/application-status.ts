import type { ApplicationStatus, ContractStatus } from '../../gql/graphql';
import { type PlanPart, blockedNow } from '../contracts/funding-plan';
import { contractStatusText } from '../contracts/contract-status';
import { formatDateTime, formatRub } from '@navigator/web-shared/format';

export const APPLICATION_STATUS_LABELS: Record<ApplicationStatus, string> = {
  SUBMITTED: 'На рассмотрении',
  WAITLISTED: 'В листе ожидания',
  CONFIRMED: 'Подтверждена — ждёт подписи договора',
  ENROLLED: 'Ребёнок зачислен',
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
  contract?: { offerExpiresAt: string; certificateId?: string | null; fundingPlan: readonly PlanPart[]; status?: ContractStatus; endsOn?: string } | null;
}

/** What happens next, in one or two plain sentences: the question a parent has after every step. */
export function nextStep(a: NextStepInput): string {
  switch (a.status) {
    case 'SUBMITTED':
      return 'Заявка отправлена в организацию. Она подтвердит её или откажет; мы пришлём уведомление.';
    case 'WAITLISTED':
      return `Мест в группе нет, заявка в листе ожидания${a.waitlistPosition ? `: место ${a.waitlistPosition}` : ''}. Когда место освободится, организация сможет её подтвердить.`;
    case 'CONFIRMED': {
      const sum = a.contract?.certificateId ? blockedNow(a.contract.fundingPlan) : 0;
      const blocked = sum > 0 ? ` На сертификате заблокировано ${formatRub(sum)}.` : '';
      const until = a.contract ? ` до ${formatDateTime(a.contract.offerExpiresAt)}` : '';
      return `Организация подтвердила заявку и прислала договор.${blocked} Прочитайте и подпишите его${until} — иначе предложение истечёт, место и деньги освободятся.`;
    }
    case 'ENROLLED':
      if (a.contract?.status === 'AWAITING_FUNDING') return 'Номинала сертификата на новый год не хватило, место за ребёнком сохранено. Откройте договор и выберите: оплачивать самим или расторгнуть.';
      return 'Договор подписан, ребёнок зачислен. Оплата за каждый месяц списывается с сертификата по договору.';
    case 'REJECTED':
      return `Организация отклонила заявку${a.rejectReason ? `: ${a.rejectReason}` : ''}. Можно выбрать другую группу или программу.`;
    case 'CANCELLED':
      return 'Вы отозвали заявку. Заблокированные деньги, если были, вернулись на сертификат.';
    case 'EXPIRED':
      return 'Договор не подписали вовремя. Место освобождено, заблокированная сумма вернулась на сертификат.';
    case 'ENDED':
      return a.contract?.status && a.contract.endsOn ? `${contractStatusText({ status: a.contract.status, endsOn: a.contract.endsOn })}.` : 'Договор завершён.';
  }
}

/** The badge: once a contract exists, its status is what the parent needs, worded as on the contract page. */
export function applicationBadge(a: NextStepInput): string {
  if (a.status === 'ENDED' && a.contract?.status && a.contract.endsOn) return contractStatusText({ status: a.contract.status, endsOn: a.contract.endsOn });
  if (a.status === 'ENROLLED' && a.contract?.status === 'AWAITING_FUNDING') return contractStatusText({ status: a.contract.status, endsOn: a.contract.endsOn ?? '' });
  return APPLICATION_STATUS_LABELS[a.status];
}

export const CANCELLABLE: ApplicationStatus[] = ['SUBMITTED', 'WAITLISTED', 'CONFIRMED'];
