import { CombinedGraphQLErrors, ServerError } from '@apollo/client/errors';

/** What a person sees about a failed request: the server's own message and, when it names one, the form field at fault. */
export interface ApiProblem {
  /** The server's `extensions.code`, or NETWORK / SERVER when no GraphQL answer came. */
  code: string;
  message: string;
  /** Form fields the server blamed, field name → message. */
  fields: Record<string, string>;
}

const NETWORK_MESSAGE = 'Нет связи с сервером. Проверьте подключение к интернету и повторите.';
const SERVER_MESSAGE = 'Сервер временно недоступен. Повторите через минуту.';

type Extensions = { code?: string; field?: string; fields?: { field: string; message: string }[] };

export function describeError(error: unknown): ApiProblem {
  if (CombinedGraphQLErrors.is(error)) {
    const first = error.errors[0];
    const ext = (first?.extensions ?? {}) as Extensions;
    const code = ext.code ?? 'UNKNOWN';
    // An internal error's message is not written for people; the server hides details, the client says it plainly.
    if (code === 'INTERNAL_SERVER_ERROR') return { code, message: SERVER_MESSAGE, fields: {} };
    const fields: Record<string, string> = {};
    for (const e of error.errors) {
      const x = (e.extensions ?? {}) as Extensions;
      if (typeof x.field === 'string') fields[lastSegment(x.field)] = e.message;
      for (const f of x.fields ?? []) fields[lastSegment(f.field)] ??= f.message;
    }
    return { code, message: first?.message ?? 'Сервер отклонил запрос.', fields };
  }
  if (ServerError.is(error)) {
    if (error.statusCode >= 500) return { code: 'SERVER', message: SERVER_MESSAGE, fields: {} };
    return { code: 'SERVER', message: `Сервер ответил ошибкой ${error.statusCode}. Повторите ещё раз.`, fields: {} };
  }
  return { code: 'NETWORK', message: NETWORK_MESSAGE, fields: {} };
}

// Validation reports paths like `input.email`; forms know the field as `email`.
function lastSegment(path: string): string {
  return path.split('.').pop() ?? path;
}
