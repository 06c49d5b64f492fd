import { describe, expect, it } from 'vitest';
import { assertContractTransition, canMove } from './contract-transitions';
import { ContractStatus } from './contracts.enums';

const { OFFERED, ACTIVE, AWAITING_FUNDING, TERMINATED, COMPLETED, EXPIRED, CANCELLED } = ContractStatus;

describe('contract transition table', () => {
  it('lets an offer be signed, expire or be withdrawn, and a signed contract wait for funding, end or complete', () => {
    expect([ACTIVE, EXPIRED, CANCELLED].every((to) => canMove(OFFERED, to))).toBe(true);
    expect([AWAITING_FUNDING, TERMINATED, COMPLETED].every((to) => canMove(ACTIVE, to))).toBe(true);
    expect([ACTIVE, TERMINATED, COMPLETED].every((to) => canMove(AWAITING_FUNDING, to))).toBe(true);
    expect(canMove(TERMINATED, COMPLETED)).toBe(true);
  });

  it('refuses every other move with INVALID_TRANSITION, in the words of the action when given', () => {
    expect(canMove(OFFERED, TERMINATED)).toBe(false);
    expect(canMove(TERMINATED, ACTIVE)).toBe(false);
    for (const from of [COMPLETED, EXPIRED, CANCELLED]) expect(Object.values(ContractStatus).some((to) => canMove(from, to))).toBe(false);
    expect(() => assertContractTransition({ number: '28-ZEYA-2026-000001', status: COMPLETED }, ACTIVE)).toThrow(
      expect.objectContaining({ code: 'INVALID_TRANSITION', message: 'Договор № 28-ZEYA-2026-000001 завершён: перевести его в состояние «действует» нельзя' }),
    );
    expect(() => assertContractTransition({ number: '1', status: ACTIVE }, ACTIVE, 'Этот договор уже нельзя подписать')).toThrow('Этот договор уже нельзя подписать');
  });
});
