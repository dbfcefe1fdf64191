import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { safeCell, toCsv } from './csv.ts';

describe('CSV files are safe to open in a spreadsheet', () => {
  it('neutralises text a spreadsheet would run as a formula', () => {
    for (const attack of [
      '=HYPERLINK("http://x","点我")',
      '+1+2',
      "-2+3+cmd|' /C calc'!A0",
      '@SUM(A1)',
      '\t=1',
      '\r=1',
    ]) {
      expect(safeCell(attack)).toBe(`'${attack}`);
    }
  });
  it('keeps numbers, signed amounts and ordinary text as they are', () => {
    for (const plain of ['-500.00', '+12', '3.5%', '-0.5%', '王芳', 'a=b', '', 'Zhang, Wei']) {
      expect(safeCell(plain)).toBe(plain);
    }
    expect(safeCell(-500)).toBe(-500);
    expect(safeCell(null)).toBe(null);
  });
  it('writes quoted CSV with a BOM that reads back cell for cell', () => {
    const csv = toCsv([
      ['name', 'amount'],
      ['=cmd|"/C calc"!A0', '-500.00'],
      ['张, "伟"', '12.00'],
    ]);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv).toContain('\r\n');
    expect(parse(csv.slice(1))).toEqual([
      ['name', 'amount'],
      ['\'=cmd|"/C calc"!A0', '-500.00'],
      ['张, "伟"', '12.00'],
    ]);
  });
});
