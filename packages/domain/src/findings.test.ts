import { describe, expect, it } from 'vitest';
import {
  applyCallbackVerdict,
  CONTENT_FAULT_FINDINGS,
  isContentFault,
  RECORD_CORRECTION_FINDING,
  suggestsConductTicket,
} from './findings.ts';

describe('what findings mean', () => {
  it('a content fault is an inaccurate, off-script or fabricated record', () => {
    expect(isContentFault(['FABRICATED'])).toBe(true);
    expect(isContentFault(['INACCURATE'])).toBe(true);
    expect(isContentFault(['SCRIPT_DEVIATION'])).toBe(true);
    expect(isContentFault(['LATE', 'INCOMPLETE', 'ATTITUDE'])).toBe(false);
    expect(isContentFault([])).toBe(false);
    expect([...CONTENT_FAULT_FINDINGS].sort()).toEqual(['FABRICATED', 'INACCURATE', 'SCRIPT_DEVIATION']);
  });

  it('an incomplete record is one to correct', () => {
    expect(RECORD_CORRECTION_FINDING).toBe('INCOMPLETE');
  });

  it('attitude or fabrication suggests a conduct complaint', () => {
    expect(suggestsConductTicket(['ATTITUDE'])).toBe(true);
    expect(suggestsConductTicket(['LATE', 'FABRICATED'])).toBe(true);
    expect(suggestsConductTicket(['INACCURATE', 'LATE'])).toBe(false);
    expect(suggestsConductTicket([])).toBe(false);
  });

  it('a call-back that finds no visit adds FABRICATED once and fails the inspection', () => {
    expect(applyCallbackVerdict(['LATE'], 'NO_VISIT')).toEqual({
      findings: ['LATE', 'FABRICATED'],
      fabricated: true,
    });
    expect(applyCallbackVerdict(['FABRICATED'], 'NO_VISIT')).toEqual({
      findings: ['FABRICATED'],
      fabricated: true,
    });
    expect(applyCallbackVerdict(['LATE'], 'CONFIRMED')).toEqual({ findings: ['LATE'], fabricated: false });
    expect(applyCallbackVerdict(['LATE'], 'CONTENT_DIFFERS')).toEqual({
      findings: ['LATE'],
      fabricated: false,
    });
    expect(applyCallbackVerdict([], null)).toEqual({ findings: [], fabricated: false });
    expect(applyCallbackVerdict(['LATE', 'LATE'], undefined).findings).toEqual(['LATE']);
  });
});
