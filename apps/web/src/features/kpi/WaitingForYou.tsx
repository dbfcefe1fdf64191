import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useCan } from '../../lib/auth';
import { plansQuery } from '../plans/api';
import { appealsQuery } from '../supervision/api';

/**
 * The manager's home (the KPI dashboard) opens with what waits for their decision: plans submitted
 * for approval and inspection appeals, each a link to its list. Nothing is shown while loading.
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
  if ((can('plan:approve') && !plans.data) || (can('appeal:decide') && !appeals.data)) return null;
  const nPlans = plans.data?.total ?? 0;
  const nAppeals = appeals.data?.total ?? 0;
  if (nPlans + nAppeals === 0)
    return <Alert type="success" showIcon title={t('waiting.none')} data-testid="waiting-for-you" />;
  return (
    <Alert
      type="warning"
      showIcon
      data-testid="waiting-for-you"
      title={t('waiting.title')}
      description={
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
