import { describe, expect, it } from 'vitest';
import { ApiError } from '../../lib/api';
import { errorColumns, importErrorKeys, isAcceptedFile, reasonKeys } from './import-texts';

describe('the import screen’s choices', () => {
  it('sends only .csv and .xlsx files, whatever their case', () => {
    for (const name of ['事件.csv', 'a.CSV', 'list.xlsx', 'x.y.Xlsx'])
      expect(isAcceptedFile(name), name).toBe(true);
    for (const name of ['a.xls', 'a.txt', 'csv', 'a.csv.zip', '.csvx', ''])
      expect(isAcceptedFile(name), name).toBe(false);
  });

  it('names the columns a refused file lacks, or names twice', () => {
    expect(errorColumns({ missing: ['kind', 'day'] })).toEqual(['kind', 'day']);
    expect(errorColumns({ duplicates: ['phone'] })).toEqual(['phone']);
    expect(errorColumns(undefined)).toEqual([]);
  });

  it('looks a refusal up under the event import’s own texts first, then the customer import’s', () => {
    const error = new ApiError(422, 'RULE_VIOLATION', 'x', { reason: 'MISSING_COLUMNS' });
    const keys = importErrorKeys(error, ['customers:eventImport.error', 'customers:importError']);
    expect(keys.slice(0, 4)).toEqual([
      'customers:eventImport.error.MISSING_COLUMNS',
      'customers:eventImport.error.RULE_VIOLATION',
      'customers:importError.MISSING_COLUMNS',
      'customers:importError.RULE_VIOLATION',
    ]);
    expect(keys.at(-1)).toBe('common:error.generic');
    expect(new Set(keys).size).toBe(keys.length);
    expect(importErrorKeys(new Error('boom'), ['customers:importError'])).toEqual(['common:error.generic']);
  });

  it('looks a row’s problem up under each prefix in turn, then says it is invalid', () => {
    expect(reasonKeys('UNKNOWN_CUSTOMER', ['eventImport.reason', 'importReason'])).toEqual([
      'eventImport.reason.UNKNOWN_CUSTOMER',
      'importReason.UNKNOWN_CUSTOMER',
      'importReason.OTHER',
    ]);
  });
});
