export const SERVICE_UNAVAILABLE_MESSAGE = 'Сервис временно недоступен: нет связи с базой данных. Повторите через минуту.';

/** Error codes of a socket that cannot reach PostgreSQL. */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH']);
/** SQLSTATE class 08 (connection exception) and 57P0x (server shutting down, crashed, not yet accepting). */
const PG_UNAVAILABLE = /^(08...|57P0[1-4])$/;
const MESSAGES = /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Connection is not established/i;

/** True when an error means the database is out of reach, not that the request was wrong. */
export function isDatabaseUnavailable(err: unknown): boolean {
  for (let e = err as { code?: unknown; message?: unknown; driverError?: unknown; cause?: unknown } | undefined, i = 0; e && i < 4; i++) {
    if (typeof e.code === 'string' && (NETWORK_CODES.has(e.code) || PG_UNAVAILABLE.test(e.code))) return true;
    if (typeof e.message === 'string' && MESSAGES.test(e.message)) return true;
    e = (e.driverError ?? e.cause) as typeof e;
  }
  return false;
}
