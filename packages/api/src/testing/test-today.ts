/**
 * The day the API tests live on unless a test moves its clock: fixed, so the
 * suite gives the same answers in November, on 31 December and on 1 January.
 * Mid-October: inside the school year and the 2026 financing period.
 */
export const TEST_TODAY = '2026-10-15';
