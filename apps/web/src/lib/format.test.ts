import { afterEach, describe, expect, it, vi } from 'vitest';
import { formatDateTime, formatNumber, formatTime, monthInOrg, setOrgTimezone, todayInOrg } from './format';

describe('instants in the organisation timezone (docs/api.md#time)', () => {
  afterEach(() => {
    vi.useRealTimers();
    setOrgTimezone('Asia/Shanghai');
  });

  it('formats an instant on the organisation wall clock, whatever the browser', () => {
    setOrgTimezone('Asia/Shanghai');
    expect(formatDateTime('2026-12-31T16:30:00.000Z')).toBe('2027-01-01 00:30');
    expect(formatTime('2026-12-31T16:30:00.000Z')).toBe('00:30');
    setOrgTimezone('America/New_York');
    expect(formatDateTime('2026-03-08T07:30:00.000Z')).toBe('2026-03-08 03:30'); // after the spring-forward gap
    expect(formatDateTime(new Date('2026-03-08T06:59:00.000Z'))).toBe('2026-03-08 01:59');
  });

  it('shows midnight as 00, never 24', () => {
    setOrgTimezone('UTC');
    expect(formatTime('2026-06-01T00:05:00.000Z')).toBe('00:05');
  });

  it('shows "--" for a missing or unreadable instant', () => {
    expect(formatDateTime(null)).toBe('--');
    expect(formatDateTime(undefined)).toBe('--');
    expect(formatTime('not a date')).toBe('--');
  });

  it('reads today and a month on the organisation calendar across a year boundary', () => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2026-12-31T17:00:00.000Z')); // 01:00 on 1 January in Shanghai
    setOrgTimezone('Asia/Shanghai');
    expect(todayInOrg()).toBe('2027-01-01');
    expect(monthInOrg()).toBe('2027-01');
    expect(monthInOrg(-1)).toBe('2026-12');
    expect(monthInOrg(-13)).toBe('2025-12');
    expect(monthInOrg(12)).toBe('2028-01');
    setOrgTimezone('America/Los_Angeles'); // still 31 December there
    expect(todayInOrg()).toBe('2026-12-31');
    expect(monthInOrg(1)).toBe('2027-01');
  });

  it('formats numbers with fixed decimals', () => {
    expect(formatNumber(null)).toBe('--');
    expect(formatNumber(Number.NaN)).toBe('--');
    expect(formatNumber(1.23456, 2)).toMatch(/^1[.,]23$/);
    expect(formatNumber(2, 1)).toMatch(/^2[.,]0$/);
  });
});
