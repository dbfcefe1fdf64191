// How late something is, in the units people read it in (docs/rules.md R-TASK-3, R-TKT-5): a task
// in calendar days past its due day, a ticket in days and hours since its due time.
import type { TTaskStatus } from '@huifang/contracts';
import { daysOverdue, splitDuration } from '@huifang/domain';
import { Tag } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';

/** Calendar time since a due time: "2天4小时", "3小时20分", "5分钟" (at least a minute). */
export function elapsedText(t: TFunction, ms: number): string {
  const { days, hours, minutes } = splitDuration(ms);
  if (days > 0) return t('common:duration.dh', { d: days, h: hours });
  if (hours > 0) return t('common:duration.hm', { h: hours, m: minutes });
  return t('common:duration.m', { m: Math.max(1, minutes) });
}

export function useElapsed() {
  const { t } = useTranslation('common');
  return (ms: number) => elapsedText(t, ms);
}

/** The red 逾期 N 天 of an open task past its due day; nothing when it is not late. */
export function TaskOverdueTag({
  status,
  dueDate,
  today,
}: {
  status: TTaskStatus;
  dueDate: string;
  today: string;
}) {
  const { t } = useTranslation('common');
  const days = daysOverdue(status, dueDate, today);
  if (!days) return null;
  return (
    <Tag color="red" data-testid="overdue-tag" data-days={days}>
      {t('overdueDays', { count: days })}
    </Tag>
  );
}
