import type { ContractPeriodState } from '../../gql/graphql';

export interface PlanPart {
  year: number;
  state: ContractPeriodState;
  certificateAmount: number;
}

/** What today's period holds on the certificate for an unsigned offer: only its own months are blocked. */
export function blockedNow(plan: readonly PlanPart[]): number {
  return plan.filter((p) => p.state === 'BLOCKED').reduce((s, p) => s + p.certificateAmount, 0);
}

/** What the periods that already paid their nominal have set aside for the contract. */
export function fundedSoFar(plan: readonly PlanPart[]): number {
  return plan.filter((p) => p.state === 'FUNDED').reduce((s, p) => s + p.certificateAmount, 0);
}

/** One period's months as the parent reads them, e.g. «будет оплачено из номинала 2027 года». */
export function periodStateText(part: Pick<PlanPart, 'state' | 'year'>): string {
  switch (part.state) {
    case 'BLOCKED':
      return 'заблокировано на сертификате до подписания';
    case 'FUNDED':
      return `оплачено из номинала ${part.year} года`;
    case 'PLANNED':
      return `будет оплачено из номинала ${part.year} года`;
    case 'AWAITING_FUNDING':
      return `номинала ${part.year} года не хватило — нужно ваше решение`;
    case 'PARENT_PAYS':
      return 'оплачиваете вы';
    case 'NOT_FUNDED':
      return 'не оплачено';
  }
}
