/** What is wrong with a typed e-mail address, or null: an empty field and a malformed address are told apart. */
export function emailProblem(value: string): string | null {
  const email = value.trim();
  if (!email) return 'Укажите адрес электронной почты';
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) return 'Адрес почты записан неверно: нужен вид name@example.ru';
  return null;
}
