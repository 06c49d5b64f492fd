/**
 * Domain errors carry a stable machine code (exposed as `extensions.code`)
 * and a message written for the person in front of the screen (Russian UI).
 * Every module throws these; `formatError` maps them in one place.
 */
export const ErrorCode = {
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  TOO_MANY_REQUESTS: 'TOO_MANY_REQUESTS',
  INVALID_TRANSITION: 'INVALID_TRANSITION',
  INSUFFICIENT_BALANCE: 'INSUFFICIENT_BALANCE',
  GROUP_FULL: 'GROUP_FULL',
  LIMIT_EXHAUSTED: 'LIMIT_EXHAUSTED',
  IDEMPOTENCY_KEY_REUSED: 'IDEMPOTENCY_KEY_REUSED',
  SERVICE_UNAVAILABLE: 'SERVICE_UNAVAILABLE',
  /** The parent has not confirmed their e-mail yet: they may browse, not add a child or apply. */
  EMAIL_NOT_CONFIRMED: 'EMAIL_NOT_CONFIRMED',
  /** The parent has not consented to the current version of the personal-data consent. */
  CONSENT_REQUIRED: 'CONSENT_REQUIRED',
  /** A confirmation or reset link that is unknown, used or expired. */
  TOKEN_INVALID: 'TOKEN_INVALID',
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode] | (string & {});

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export class NotFoundError extends DomainError {
  constructor(what: string, details: Record<string, unknown> = {}) {
    super(ErrorCode.NOT_FOUND, `${what} не найден(а)`, details);
  }
}

export class ForbiddenError extends DomainError {
  constructor(message = 'Недостаточно прав для этого действия') {
    super(ErrorCode.FORBIDDEN, message);
  }
}

export class UnauthenticatedError extends DomainError {
  constructor(message = 'Войдите в систему, чтобы продолжить') {
    super(ErrorCode.UNAUTHENTICATED, message);
  }
}

export class BadInputError extends DomainError {
  constructor(message: string, field?: string) {
    super(ErrorCode.BAD_USER_INPUT, message, field ? { field } : {});
  }
}

export class InvalidTransitionError extends DomainError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super(ErrorCode.INVALID_TRANSITION, message, details);
  }
}
