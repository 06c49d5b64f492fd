/** Today on the parent's calendar, `YYYY-MM-DD` (Sweden's locale writes dates in ISO order). */
export function todayLocal(): string {
  return new Date().toLocaleDateString('sv-SE');
}
