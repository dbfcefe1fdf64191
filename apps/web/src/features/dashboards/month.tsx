import { DatePicker } from 'antd';
import dayjs from 'dayjs';
import { useSearchParams } from 'react-router';
import { monthFromSearch } from './month-param';

/** The dashboard's month, kept in `?month=` (this month in the organisation's timezone by default). */
export function useMonthParam(): [string, (month: string) => void] {
  const [params, setParams] = useSearchParams();
  const month = monthFromSearch(params);
  const setMonth = (m: string) => {
    const p = new URLSearchParams(params);
    p.set('month', m);
    setParams(p, { replace: true });
  };
  return [month, setMonth];
}

/** The month picker in a dashboard's header. */
export function MonthPicker({ month, onChange }: { month: string; onChange: (month: string) => void }) {
  return (
    <DatePicker
      picker="month"
      allowClear={false}
      value={dayjs(`${month}-01`)}
      onChange={(v) => {
        if (v) onChange(v.format('YYYY-MM'));
      }}
      data-testid="dashboard-month"
    />
  );
}
