/** Accepted length of a client's idempotency key (a UUID fits; longer keys are refused, not truncated). */
export const IDEMPOTENCY_KEY_LENGTH = { min: 8, max: 100 } as const;
export const IDEMPOTENCY_KEY_MESSAGE = `Ключ повтора должен быть длиной от ${IDEMPOTENCY_KEY_LENGTH.min} до ${IDEMPOTENCY_KEY_LENGTH.max} символов`;
export const IDEMPOTENCY_KEY_DESCRIPTION = 'Optional: a retry with the same key returns the first result and changes nothing';
