import { GraphQLScalarType, Kind } from 'graphql';
import { GraphQLDateTimeISO, GraphQLLocalDate } from 'graphql-scalars';
import { BadInputError } from './errors';

/** True for `YYYY-MM-DD` naming a day that exists (no 30 February, no month 13). */
export function isCalendarDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [y, m, d] = match.slice(1).map(Number);
  const date = new Date(Date.UTC(y, m - 1, d));
  return y >= 1900 && y <= 2200 && date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

function parseLocalDate(value: unknown): string {
  if (typeof value !== 'string' || !isCalendarDate(value)) {
    const shown = typeof value === 'string' ? `«${value.slice(0, 20)}»` : 'значение';
    throw new BadInputError(`Дата ${shown} не существует или записана неверно: нужен формат ГГГГ-ММ-ДД, например 2016-02-29`);
  }
  return value;
}

/**
 * `YYYY-MM-DD`, a calendar day without time zone (pg `date`). Input is
 * checked against the calendar here, with a Russian message, so an impossible
 * day never reaches the database.
 */
export const LocalDateScalar = new GraphQLScalarType({
  name: GraphQLLocalDate.name,
  description: GraphQLLocalDate.description,
  serialize: (value) => GraphQLLocalDate.serialize(value),
  parseValue: parseLocalDate,
  parseLiteral: (ast) => parseLocalDate(ast.kind === Kind.STRING ? ast.value : undefined),
});

/** ISO-8601 timestamp with offset (pg `timestamptz`). */
export const DateTimeScalar = GraphQLDateTimeISO;
