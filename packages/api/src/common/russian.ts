/**
 * Russian plural forms: 1 месяц, 2 месяца, 5 месяцев, 11 месяцев, 21 месяц.
 * Every count shown to a person goes through here rather than «месяц(ев)».
 */
export function pluralRu(n: number, one: string, few: string, many: string): string {
  const mod100 = Math.abs(n) % 100;
  const mod10 = mod100 % 10;
  if (mod100 >= 11 && mod100 <= 14) return many;
  if (mod10 === 1) return one;
  if (mod10 >= 2 && mod10 <= 4) return few;
  return many;
}
