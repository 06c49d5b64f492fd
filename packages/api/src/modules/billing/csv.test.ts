import { describe, expect, it } from 'vitest';
import { rubCell, toCsv } from './csv';

describe('CSV', () => {
  it('writes CSV for Russian Excel: BOM, semicolons, quoted cells, decimal commas', () => {
    const csv = toCsv([
      ['Программа', 'Сумма, ₽'],
      ['«Шахматы; дебюты»', rubCell(180_005)],
      ['Кружок "Юный техник"', rubCell(-50)],
    ]);
    expect(csv).toBe('\uFEFFПрограмма;Сумма, ₽\r\n"«Шахматы; дебюты»";1800,05\r\n"Кружок ""Юный техник""";-0,50\r\n');
  });
});
