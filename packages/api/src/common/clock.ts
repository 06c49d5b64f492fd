import type { IsoDate } from './dates';

/**
 * The region's civil time zone: the Amur region lives at UTC+9 all year
 * (no daylight saving), so "today" for a parent in Zeya starts at 15:00 UTC.
 */
export const REGION_TIME_ZONE = 'Asia/Yakutsk';
const REGION_OFFSET_MS = 9 * 3600_000;

/** The calendar day in the region at the given instant. */
export function regionDay(instant: Date): IsoDate {
  return new Date(instant.getTime() + REGION_OFFSET_MS).toISOString().slice(0, 10);
}

/** The instant a regional calendar day starts (00:00 Amur time). */
export function regionDayStart(day: IsoDate): Date {
  return new Date(Date.parse(`${day}T00:00:00Z`) - REGION_OFFSET_MS);
}

/**
 * The only source of "now" for domain dates. Services, jobs and the seed take
 * it from the container; production uses the system clock, tests pin a date
 * (and move it) so that a suite behaves the same in November and in December.
 */
export abstract class Clock {
  abstract now(): Date;

  /** Today's date in the region (Amur time). */
  today(): IsoDate {
    return regionDay(this.now());
  }
}

export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}

/** A clock that stands still until moved: for tests, simulations and benchmarks. */
export class FixedClock extends Clock {
  private instant: Date;

  constructor(start: Date | IsoDate) {
    super();
    this.instant = typeof start === 'string' ? new Date(Date.parse(`${start}T03:00:00Z`)) : new Date(start);
  }

  now(): Date {
    return new Date(this.instant);
  }

  /** Moves to the given instant, or to noon of the given regional day. */
  set(to: Date | IsoDate): void {
    this.instant = typeof to === 'string' ? new Date(Date.parse(`${to}T03:00:00Z`)) : new Date(to);
  }

  advanceDays(days: number): void {
    this.instant = new Date(this.instant.getTime() + days * 86_400_000);
  }

  advanceMs(ms: number): void {
    this.instant = new Date(this.instant.getTime() + ms);
  }
}

/**
 * Real time shifted to another day, for demos and browser journeys: it starts
 * on a chosen regional day at the current time of day and keeps ticking, and
 * can be moved to another day (time of day kept) to live through New Year.
 */
export class TravelClock extends Clock {
  private offsetMs = 0;

  constructor(startDay: IsoDate) {
    super();
    this.travelTo(startDay);
  }

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  travelTo(day: IsoDate): void {
    const real = Date.now();
    const timeOfDay = (real + REGION_OFFSET_MS) % 86_400_000;
    this.offsetMs = regionDayStart(day).getTime() + timeOfDay - real;
  }
}
