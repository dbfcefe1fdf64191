import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useCan } from '../../lib/auth';
import { plansQuery } from '../plans/api';
import { appealsQuery } from '../supervision/api';

/**
 * The manager's home (the KPI dashboard) opens with what waits for their decision: plans submitted
 * for approval and inspection appeals, each a link to its list. One line either way, and a space of
 * that line's height while loading, so that the dashboard under it does not move when it comes.
 */
export function WaitingForYou() {
  const { t } = useTranslation('kpi');
  const can = useCan();
  const navigate = useNavigate();
  const plans = useQuery({
    ...plansQuery({ status: 'SUBMITTED', page: 1, size: 1 }),
    enabled: can('plan:approve'),
  });
  const appeals = useQuery({ ...appealsQuery('PENDING', 1), enabled: can('appeal:decide') });
  if (!can('plan:approve') && !can('appeal:decide')) return null;
  if ((can('plan:approve') && !plans.data) || (can('appeal:decide') && !appeals.data))
    return <div style={{ height: 40 }} data-testid="waiting-loading" />;
  const nPlans = plans.data?.total ?? 0;
  const nAppeals = appeals.data?.total ?? 0;
  if (nPlans + nAppeals === 0)
    return <Alert type="success" showIcon title={t('waiting.none')} data-testid="waiting-for-you" />;
  return (
    <Alert
      type="warning"
      showIcon
      data-testid="waiting-for-you"
      // kept on one line: on a phone the links wrap instead of squeezing the title
      title={<span style={{ whiteSpace: 'nowrap' }}>{t('waiting.title')}</span>}
      action={
        <Space wrap>
          {nPlans > 0 && (
            <Button size="small" onClick={() => navigate('/approvals')} data-testid="waiting-plans">
              {t('waiting.plans', { count: nPlans })}
            </Button>
          )}
          {nAppeals > 0 && (
            <Button size="small" onClick={() => navigate('/appeals')} data-testid="waiting-appeals">
              {t('waiting.appeals', { count: nAppeals })}
            </Button>
          )}
        </Space>
      }
    />
  );
}
