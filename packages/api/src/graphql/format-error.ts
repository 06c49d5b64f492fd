import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { ArgumentValidationError, AuthenticationError, AuthorizationError } from 'type-graphql';
import { QueryFailedError } from 'typeorm';
import { DomainError, ErrorCode } from '../common/errors';
import { isDatabaseUnavailable, SERVICE_UNAVAILABLE_MESSAGE } from '../db/availability';
import type { Logger } from '../logger';

interface PgError {
  code?: string;
  constraint?: string;
}

/**
 * The one place where errors become what clients see: a stable
 * `extensions.code` and a message a person understands. Anything unexpected
 * is logged in full and reported as a generic internal error.
 */
export function createFormatError(logger: Logger, exposeInternals: boolean) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = domainCause(error) ?? unwrapResolverError(error);
    const base = { message: formatted.message, locations: formatted.locations, path: formatted.path };

    if (original instanceof DomainError) {
      return { ...base, message: original.message, extensions: { code: original.code, ...original.details } };
    }
    if (original instanceof ArgumentValidationError) {
      const fields = original.extensions.validationErrors as { property: string; constraints?: Record<string, string>; children?: unknown[] }[];
      const messages = flattenValidation(fields);
      return {
        ...base,
        message: messages.map((m) => m.message).join('; ') || 'Проверьте введённые данные',
        extensions: { code: ErrorCode.BAD_USER_INPUT, fields: messages },
      };
    }
    if (original instanceof AuthenticationError) {
      return { ...base, message: 'Войдите в систему, чтобы продолжить', extensions: { code: ErrorCode.UNAUTHENTICATED } };
    }
    if (original instanceof AuthorizationError) {
      return { ...base, message: 'Недостаточно прав для этого действия', extensions: { code: ErrorCode.FORBIDDEN } };
    }
    if (isDatabaseUnavailable(original)) {
      return { ...base, message: SERVICE_UNAVAILABLE_MESSAGE, extensions: { code: ErrorCode.SERVICE_UNAVAILABLE } };
    }
    if (original instanceof QueryFailedError) {
      const pg = original.driverError as PgError;
      if (pg.code === '22P02') {
        return { ...base, message: 'Неверный идентификатор или формат значения', extensions: { code: ErrorCode.BAD_USER_INPUT } };
      }
      if (pg.code === '40001' || pg.code === '40P01') {
        return { ...base, message: 'Система сейчас занята, повторите действие', extensions: { code: 'RETRY' } };
      }
    }
    // Errors raised by GraphQL itself (syntax, validation, unknown fields, bad variables) are client-safe; they get a Russian lead.
    const code = formatted.extensions?.code;
    if (typeof code === 'string' && code in GRAPHQL_FAULTS) return { ...base, message: `${GRAPHQL_FAULTS[code]}: ${formatted.message}`, extensions: { code } };
    if (typeof code === 'string' && code !== 'INTERNAL_SERVER_ERROR') return { ...base, extensions: { code } };
    logger.error({ err: original, path: formatted.path }, 'unexpected error in GraphQL operation');
    return {
      ...base,
      message: 'Внутренняя ошибка сервера. Мы уже знаем о ней; попробуйте позже.',
      extensions: {
        code: ErrorCode.INTERNAL_SERVER_ERROR,
        ...(exposeInternals && original instanceof Error ? { debug: original.message } : {}),
      },
    };
  };
}

const GRAPHQL_FAULTS: Record<string, string> = {
  GRAPHQL_PARSE_FAILED: 'Запрос записан с ошибкой',
  GRAPHQL_VALIDATION_FAILED: 'Запрос не соответствует схеме API',
  BAD_USER_INPUT: 'Неверное значение в запросе',
  BAD_REQUEST: 'Неверный запрос',
  OPERATION_RESOLUTION_FAILURE: 'Не удалось выбрать операцию запроса',
};

/**
 * A domain error that GraphQL wrapped on its way: scalars throw BadInputError
 * while parsing input, and graphql-js keeps it as the `originalError` of its
 * own validation or coercion error (sometimes twice removed).
 */
function domainCause(error: unknown): DomainError | undefined {
  let current: unknown = error;
  for (let i = 0; i < 4 && current; i++) {
    if (current instanceof DomainError) return current;
    current = current instanceof GraphQLError || current instanceof Error ? (current as GraphQLError).originalError : undefined;
  }
  return undefined;
}

function flattenValidation(
  errors: { property: string; constraints?: Record<string, string>; children?: unknown[] }[],
  prefix = '',
): { field: string; message: string }[] {
  return errors.flatMap((e) => {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    const own = Object.values(e.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...flattenValidation((e.children ?? []) as typeof errors, field)];
  });
}
