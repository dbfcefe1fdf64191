import { Card, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { PageTitle } from '../../components/PageTitle';
import { ChurnDashboard } from './ChurnDashboard';

/** 流失看板: churn figures for the whole organisation, or a department head's own department. */
export function ChurnDashboardPage() {
  const { t } = useTranslation('churnWeekly');
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card>
        <PageTitle title={t('dashboard.page')} subtitle={t('dashboard.subtitle')} />
      </Card>
      <ChurnDashboard />
    </Space>
  );
}
