import { inQuietHours } from '@huifang/domain';
import { useQuery } from '@tanstack/react-query';
import { Alert } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatTime } from '../../lib/format';
import { contactPolicyQuery } from '../cadence/api';

/** The organisation's wall-clock time, read again every minute. */
function useOrgTime(): string {
  const read = () => formatTime(new Date());
  const [time, setTime] = useState(read);
  useEffect(() => {
    const id = setInterval(() => setTime(read()), 60_000);
    return () => clearInterval(id);
  }, []);
  return time;
}

/**
 * During the organisation's quiet hours (docs/rules.md#r-cad-6-contact-policy) the workbench says so:
 * no customer is to be called then.
 */
export function QuietHoursNotice() {
  const { t } = useTranslation('tasks');
  const policy = useQuery(contactPolicyQuery);
  const time = useOrgTime();
  const p = policy.data;
  if (!p || !inQuietHours(p, time)) return null;
  return (
    <Alert
      type="warning"
      showIcon
      title={t('workbench.quiet', { from: p.quietFrom, to: p.quietTo })}
      data-testid="quiet-hours"
    />
  );
}
