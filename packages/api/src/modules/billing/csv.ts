/**
 * CSV as Russian Excel opens it by double click: UTF-8 with a byte order
 * mark (otherwise Excel guesses cp1251), `;` between fields (`,` is the
 * decimal separator in the ru-RU locale), CRLF line ends.
 */
export function toCsv(rows: (string | number | null)[][]): string {
  return `\uFEFF${rows.map((row) => row.map(cell).join(';')).join('\r\n')}\r\n`;
}

function cell(value: string | number | null): string {
  const text = value == null ? '' : String(value);
  return /[";\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Kopecks as a number Excel reads in the ru-RU locale: `180000` → `1800,00`. */
export function rubCell(kopecks: number): string {
  const sign = kopecks < 0 ? '-' : '';
  const abs = Math.abs(kopecks);
  return `${sign}${Math.floor(abs / 100)},${String(abs % 100).padStart(2, '0')}`;
}
