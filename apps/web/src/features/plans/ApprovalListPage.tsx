import { useQuery } from '@tanstack/react-query';
import { Card, Flex, Space, Tabs, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { plansQuery } from './api';
import { PlanFilters, PlanTable, usePlanListParams } from './PlanTable';

/** The manager's queue of submitted plans, and every plan with a status filter. */
export function ApprovalListPage() {
  const { t } = useTranslation('plans');
  const { month, status, page, size, patch, params } = usePlanListParams();
  const tab = params.get('tab') === 'all' ? 'all' : 'queue';
  const query =
    tab === 'queue' ? { status: 'SUBMITTED' as const, month, page, size } : { status, month, page, size };
  const plans = useQuery(plansQuery(query));

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card size="small">
        <Typography.Title level={1} style={{ margin: 0 }}>
          {t('approvals.title')}
        </Typography.Title>
        <Typography.Text type="secondary">{t('approvals.subtitle')}</Typography.Text>
      </Card>
      <Card size="small">
        {/* the filters beside the tabs, not in the tab list (a tablist may hold only tabs) */}
        <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 16 }}>
          <Tabs
            tabBarStyle={{ marginBottom: 0 }}
            activeKey={tab}
            onChange={(key) => patch({ tab: key === 'all' ? 'all' : undefined, status: undefined })}
            items={[
              { key: 'queue', label: t('approvals.queue') },
              { key: 'all', label: t('approvals.all') },
            ]}
          />
          <PlanFilters month={month} status={status} showStatus={tab === 'all'} onChange={patch} />
        </Flex>
        <PlanTable
          plans={plans}
          linkTo={(p) => `/approvals/${p.id}`}
          page={page}
          size={size}
          patch={patch}
          emptyText={tab === 'queue' ? t('approvals.noPending') : undefined}
          testId="approval-list"
        />
      </Card>
    </Space>
  );
}
