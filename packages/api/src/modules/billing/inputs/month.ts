import { Matches } from 'class-validator';
import { MONTH_PATTERN } from '../../../common/months';

/** A `YYYY-MM` month argument. */
export const IsMonth = () => Matches(MONTH_PATTERN, { message: 'Месяц указывается как ГГГГ-ММ, например 2026-10' });
