import { CombinedGraphQLErrors, ServerError } from '@apollo/client/errors';

export interface ReadableError {
  message: string;
  code?: string;
}

/** What went wrong, in the server's own Russian words when it gave any, plus its `extensions.code`. */
export function readError(error: unknown): ReadableError {
  if (CombinedGraphQLErrors.is(error)) {
    const first = error.errors[0];
    const code = typeof first?.extensions?.code === 'string' ? first.extensions.code : undefined;
    if (code === 'INTERNAL_SERVER_ERROR') return { message: 'Ошибка на сервере. Попробуйте ещё раз через минуту.', code };
    return { message: first?.message ?? 'Сервер отклонил запрос.', code };
  }
  if (ServerError.is(error)) return { message: `Сервер ответил ошибкой ${error.statusCode}. Попробуйте ещё раз.`, code: 'SERVER_ERROR' };
  if (error instanceof TypeError) return { message: 'Нет связи с сервером. Проверьте подключение к интернету.', code: 'NETWORK' };
  if (error instanceof Error) return { message: error.message };
  return { message: 'Неизвестная ошибка.' };
}

export function errorCode(error: unknown): string | undefined {
  return readError(error).code;
}
