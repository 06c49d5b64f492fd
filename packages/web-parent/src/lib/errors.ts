import { CombinedGraphQLErrors, ServerError } from '@apollo/client/errors';

/** What a parent sees about a failed request: the server's own message and, when it names one, the form field at fault. */
export interface ApiProblem {
  code: string;
  message: string;
  /** Form fields the server blamed, field name → message. */
  fields: Record<string, string>;
}

const NETWORK_MESSAGE = 'Нет связи с сервером. Проверьте подключение к интернету и повторите.';

export function describeError(error: unknown): ApiProblem {
  if (CombinedGraphQLErrors.is(error)) {
    const first = error.errors[0];
    const ext = (first?.extensions ?? {}) as { code?: string; field?: string; fields?: { field: string; message: string }[] };
    const fields: Record<string, string> = {};
    for (const e of error.errors) {
      const x = (e.extensions ?? {}) as typeof ext;
      if (typeof x.field === 'string') fields[lastSegment(x.field)] = e.message;
      for (const f of x.fields ?? []) fields[lastSegment(f.field)] ??= f.message;
    }
    return { code: ext.code ?? 'UNKNOWN', message: first?.message ?? 'Что-то пошло не так', fields };
  }
  if (ServerError.is(error) && error.statusCode >= 500) {
    return { code: 'SERVER', message: 'Сервер временно недоступен. Повторите через минуту.', fields: {} };
  }
  return { code: 'NETWORK', message: NETWORK_MESSAGE, fields: {} };
}

// Validation reports paths like `input.email`; forms know the field as `email`.
function lastSegment(path: string): string {
  return path.split('.').pop() ?? path;
}
