// The visit form's pickers in the organisation's timezone (Asia/Shanghai, UTC+8) while the
// process — the "browser" — runs elsewhere: New York, UTC−5 in early March.
process.env.TZ = 'America/New_York';

import dayjs from 'dayjs';
import { describe, expect, it } from 'vitest';
import {
  fromOrgWall,
  isCallBackAhead,
  orgWallAt,
  orgWallNow,
  orgWallToIso,
  quickCallBack,
  startedAtProblem,
  toOrgWall,
} from './time';

const SH = 'Asia/Shanghai';
const fmt = (d: dayjs.Dayjs) => d.format('YYYY-MM-DD HH:mm');
// 2026-03-02 09:30 in Shanghai = 2026-03-02 01:30Z = 2026-03-01 20:30 in New York
const NOW = new Date('2026-03-02T01:30:00.000Z');

describe('org wall-clock pickers', () => {
  it('runs in a process timezone other than the organisation’s', () => {
    expect(new Date('2026-03-02T12:00:00').getTimezoneOffset()).toBe(300);
    expect(dayjs(NOW).format('YYYY-MM-DD HH:mm')).toBe('2026-03-01 20:30');
  });

  it('10:00 picked means 10:00 in the organisation: the instant sent is 02:00Z', () => {
    const picked = dayjs('2026-03-02T10:00:00');
    expect(orgWallToIso(picked, SH)).toBe('2026-03-02T02:00:00.000Z');
    // computed explicitly with dayjs.tz
    expect(fromOrgWall(picked, SH).getTime()).toBe(dayjs.tz('2026-03-02 10:00', SH).valueOf());
    // what the browser's own reading would have sent (15:00Z) is not it
    expect(orgWallToIso(picked, SH)).not.toBe(picked.toISOString());
    // another organisation timezone
    expect(orgWallToIso(picked, 'Europe/London')).toBe('2026-03-02T10:00:00.000Z');
  });

  it('shows an instant as the organisation reads it, and back again', () => {
    const wall = toOrgWall('2026-03-02T02:00:00.000Z', SH);
    expect(fmt(wall)).toBe('2026-03-02 10:00');
    expect(fromOrgWall(wall, SH).toISOString()).toBe('2026-03-02T02:00:00.000Z');
    // late evening in Shanghai is already the next day there, still the day before in New York
    expect(fmt(toOrgWall('2026-03-02T15:30:00.000Z', SH))).toBe('2026-03-02 23:30');
    expect(fmt(toOrgWall('2026-03-02T16:30:00.000Z', SH))).toBe('2026-03-03 00:30');
    expect(fmt(orgWallNow(SH, NOW))).toBe('2026-03-02 09:30');
  });

  it('quick choices are organisation times', () => {
    expect(fmt(quickCallBack('tomorrow', SH, NOW))).toBe('2026-03-03 10:00');
    expect(orgWallToIso(quickCallBack('tomorrow', SH, NOW), SH)).toBe('2026-03-03T02:00:00.000Z');
    expect(orgWallToIso(quickCallBack('twoHours', SH, NOW), SH)).toBe('2026-03-02T03:30:00.000Z');
    expect(orgWallToIso(quickCallBack('threeDays', SH, NOW), SH)).toBe('2026-03-05T01:30:00.000Z');
    // tomorrow is the organisation's tomorrow: at 23:30 in Shanghai (10:30 in New York)
    const lateEvening = new Date('2026-03-02T15:30:00.000Z');
    expect(orgWallToIso(quickCallBack('tomorrow', SH, lateEvening), SH)).toBe('2026-03-03T02:00:00.000Z');
    expect(fmt(orgWallAt(0, '18:00', SH, lateEvening))).toBe('2026-03-02 18:00');
  });

  it('checks the start time as the API does', () => {
    const created = new Date('2026-03-01T00:00:00.000Z'); // 08:00 on 1 March in Shanghai
    const check = (wall: string) => startedAtProblem(dayjs(wall), SH, { now: NOW, taskCreatedAt: created });
    expect(check('2026-03-02T09:30:00')).toBeNull();
    expect(check('2026-03-02T09:31:00')).toBeNull(); // a minute of clock difference
    expect(check('2026-03-02T09:45:00')).toBe('future');
    expect(check('2026-03-01T08:00:00')).toBeNull();
    expect(check('2026-03-01T07:59:00')).toBe('beforeTask');
    expect(startedAtProblem(dayjs('2026-02-28T09:29:00'), SH, { now: NOW })).toBe('tooOld');
    expect(startedAtProblem(dayjs('2026-02-28T09:31:00'), SH, { now: NOW })).toBeNull();
  });

  it('a call-back must be ahead in organisation time', () => {
    expect(isCallBackAhead(dayjs('2026-03-02T09:31:00'), SH, NOW)).toBe(true);
    // 21:00 on 1 March is ahead in New York's reading but long past in Shanghai
    expect(isCallBackAhead(dayjs('2026-03-01T21:00:00'), SH, NOW)).toBe(false);
  });
});
