import { monthInOrg } from '../../lib/format';

const MONTH_RE = /^\d{4}-(0[1-9]|1[0-2])$/;

/** A dashboard's month from its `?month=`: this month in the organisation's timezone by default. */
export function monthFromSearch(params: URLSearchParams): string {
  const raw = params.get('month') ?? '';
  return MONTH_RE.test(raw) ? raw : monthInOrg();
}
