import { GraphQLScalarType, Kind } from 'graphql';
import type { ValueTransformer } from 'typeorm';
import { BadInputError } from './errors';

/** Converts a pg bigint/numeric string to a JS integer, refusing anything that would lose precision. */
export function toSafeInteger(value: unknown): number {
  const n = typeof value === 'number' ? value : Number(value);
  if (!Number.isSafeInteger(n)) {
    throw new RangeError(`Not a safe integer amount: ${String(value)}`);
  }
  return n;
}

/** TypeORM transformer for `bigint` money columns (integer kopecks). */
export const kopecksTransformer: ValueTransformer = {
  to: (value: number | null | undefined) => (value == null ? value : toSafeInteger(value)),
  from: (value: string | null) => (value == null ? null : toSafeInteger(value)),
};

/** TypeORM transformer for `bigint` counters and ids that fit a JS number. */
export const bigintTransformer = kopecksTransformer;

/**
 * 1 000 000 ₽: the upper bound of every amount a person types (price, nominal,
 * charge): far above any real one, low enough to catch a typo in kopecks.
 */
export const MAX_AMOUNT_KOPECKS = 100_000_000;
export const AMOUNT_TOO_LARGE = 'Сумма слишком велика: проверьте, что она указана в копейках (не больше 1 000 000 ₽)';

function parseKopecks(value: unknown): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) throw new BadInputError('Сумма должна быть целым числом копеек');
  return value;
}

/**
 * Money on the wire: integer kopecks. GraphQL `Int` is 32-bit, which a
 * municipality's yearly total easily exceeds, hence a dedicated scalar.
 */
export const KopecksScalar = new GraphQLScalarType({
  name: 'Kopecks',
  description: 'Amount of money in integer kopecks (1 ₽ = 100 kopecks). Never fractional.',
  serialize: (value) => toSafeInteger(value),
  parseValue: parseKopecks,
  parseLiteral: (ast) => parseKopecks(ast.kind === Kind.INT ? Number(ast.value) : undefined),
});

const rub = new Intl.NumberFormat('ru-RU', { style: 'currency', currency: 'RUB', minimumFractionDigits: 2 });

/** `1347000` → `13 470,00 ₽` (for texts the server renders: contracts, ledger lines, CSV). */
export function formatRub(kopecks: number): string {
  return rub.format(kopecks / 100);
}
