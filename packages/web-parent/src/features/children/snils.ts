/**
 * СНИЛС as a parent types it: the mask `123-456-789 01` appears while typing,
 * and the check digits are verified the way the API verifies them (each of the
 * first nine digits weighted 9…1, the sum modulo 101, 100 written as 00).
 */
export function maskSnils(input: string): string {
  const d = input.replace(/\D/g, '').slice(0, 11);
  const parts = [d.slice(0, 3), d.slice(3, 6), d.slice(6, 9)].filter(Boolean).join('-');
  return d.length > 9 ? `${parts} ${d.slice(9)}` : parts;
}

export function snilsControlSum(nineDigits: string): number {
  const sum = [...nineDigits].reduce((total, digit, i) => total + Number(digit) * (9 - i), 0);
  const rest = sum % 101;
  return rest === 100 ? 0 : rest;
}

/** null when the SNILS is fine, otherwise what is wrong with it, in words. */
export function snilsProblem(masked: string): string | null {
  const d = masked.replace(/\D/g, '');
  if (d.length === 0) return 'Укажите СНИЛС ребёнка';
  if (d.length < 11) return `Нужно 11 цифр, введено ${d.length}`;
  // Numbers up to 001-001-998 predate check digits and were never issued to today's children.
  if (Number(d.slice(0, 9)) <= 1_001_998) return 'Такого номера СНИЛС не бывает: проверьте первые цифры';
  if (snilsControlSum(d.slice(0, 9)) !== Number(d.slice(9))) return 'Контрольное число не сходится: проверьте цифры по документу';
  return null;
}
