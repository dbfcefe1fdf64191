// Date/time pickers of the visit form work in the organisation's timezone, whatever the
// browser's. A picker value is an "org wall clock": a plain dayjs whose fields (day, hour,
// minute) read as the organisation's local time. What the caller picks as 10:00 is 10:00 in the
// organisation; only fromOrgWall turns it into the instant the API receives.
import dayjs, { type Dayjs } from 'dayjs';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';

dayjs.extend(utc);
dayjs.extend(timezone);

const WALL = 'YYYY-MM-DDTHH:mm:ss';
const HOUR = 3600_000;

/** How far back a visit may be dated (the API's rule). */
export const MAX_BACKDATE_HOURS = 48;

type InstantLike = Date | string | number | Dayjs;

/** The organisation's wall-clock reading of `instant`, as a picker value. */
export function toOrgWall(instant: InstantLike, tz: string): Dayjs {
  return dayjs(dayjs(instant).tz(tz).format(WALL));
}

/** The instant a picker value means: its fields read as wall-clock time in `tz`. */
export function fromOrgWall(wall: Dayjs, tz: string): Date {
  return dayjs.tz(wall.format(WALL), tz).toDate();
}

/** The ISO string of a picker value, for the API. */
export function orgWallToIso(wall: Dayjs, tz: string): string {
  return fromOrgWall(wall, tz).toISOString();
}

/** Now on the organisation's wall clock, to the minute. */
export function orgWallNow(tz: string, now: InstantLike = new Date()): Dayjs {
  return toOrgWall(now, tz).startOf('minute');
}

/** `time` (HH:mm) `daysAhead` days from today, on the organisation's calendar and clock. */
export function orgWallAt(daysAhead: number, time: string, tz: string, now: InstantLike = new Date()): Dayjs {
  const day = dayjs(now).tz(tz).add(daysAhead, 'day').format('YYYY-MM-DD');
  return dayjs(`${day}T${time}:00`);
}

export type QuickCallBack = 'twoHours' | 'tomorrow' | 'threeDays';

/** The call-back quick choices: in 2 hours, tomorrow 10:00 and in 3 days (organisation time). */
export function quickCallBack(choice: QuickCallBack, tz: string, now: InstantLike = new Date()): Dayjs {
  const t = dayjs(now);
  switch (choice) {
    case 'twoHours':
      return orgWallNow(tz, t.add(2, 'hour'));
    case 'tomorrow':
      return orgWallAt(1, '10:00', tz, t);
    case 'threeDays':
      return orgWallNow(tz, t.add(3, 'day'));
  }
}

export type StartedAtProblem = 'future' | 'tooOld' | 'beforeTask';

/**
 * Why a start time would be refused by the API, or null: not in the future (a minute of clock
 * difference allowed), at most 48 hours back, not before the task was made.
 */
export function startedAtProblem(
  wall: Dayjs,
  tz: string,
  opts: { now?: InstantLike; taskCreatedAt?: InstantLike | null } = {},
): StartedAtProblem | null {
  const at = fromOrgWall(wall, tz).getTime();
  const now = dayjs(opts.now ?? new Date()).valueOf();
  if (at > now + 60_000) return 'future';
  if (at < now - MAX_BACKDATE_HOURS * HOUR) return 'tooOld';
  if (opts.taskCreatedAt && at < dayjs(opts.taskCreatedAt).valueOf()) return 'beforeTask';
  return null;
}

/** Whether a call-back time is still ahead. */
export function isCallBackAhead(wall: Dayjs, tz: string, now: InstantLike = new Date()): boolean {
  return fromOrgWall(wall, tz).getTime() > dayjs(now).valueOf();
}
