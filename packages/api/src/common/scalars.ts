import { GraphQLDateTimeISO, GraphQLLocalDate } from 'graphql-scalars';

/** `YYYY-MM-DD`, a calendar day without time zone (pg `date`). */
export const LocalDateScalar = GraphQLLocalDate;
/** ISO-8601 timestamp with offset (pg `timestamptz`). */
export const DateTimeScalar = GraphQLDateTimeISO;
