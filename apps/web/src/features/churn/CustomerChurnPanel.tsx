// The customer page's churn cases (docs/product.md#the-churn-register), each a link to its page.
import { useQuery } from '@tanstack/react-query';
import { Card, List, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useCan } from '../../lib/auth';
import { formatDay } from '../../lib/format';
import { churnCasesQuery } from './api';
import { ChurnStatusTag, useReasonLabel } from './labels';

export function CustomerChurnPanel({ customerId }: { customerId: string }) {
  const can = useCan();
  if (!can(['churn:read:any', 'churn:read:department', 'churn:read:own'])) return null;
  return <Panel customerId={customerId} />;
}

function Panel({ customerId }: { customerId: string }) {
  const { t } = useTranslation('churn');
  const reasonLabel = useReasonLabel();
  const q = useQuery(churnCasesQuery({ customerId, size: 50 }));
  return (
    <Card size="small" title={t('panel.title')} data-testid="customer-churn">
      <List
        size="small"
        loading={q.isLoading}
        dataSource={q.data?.items ?? []}
        locale={{ emptyText: <Typography.Text type="secondary">{t('panel.empty')}</Typography.Text> }}
        renderItem={(c) => (
          <List.Item>
            <Space wrap>
              <Link to={`/churn/${c.id}`}>{formatDay(c.day)}</Link>
              <ChurnStatusTag status={c.status} />
              <span>{c.stage ? t(`stage.${c.stage}`) : '--'}</span>
              {c.reason ? (
                <Typography.Text type="secondary">
                  {t(`category.${c.reason.category}`)} · {reasonLabel(c.reason)}
                </Typography.Text>
              ) : null}
            </Space>
          </List.Item>
        )}
      />
    </Card>
  );
}
