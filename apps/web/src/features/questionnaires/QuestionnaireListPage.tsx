import { PlusOutlined } from '@ant-design/icons';
import type { TQuestionnaire } from '@huifang/contracts';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Segmented, Space, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { LoadError } from '../../components/LoadError';
import { PageTitle } from '../../components/PageTitle';
import { useCan } from '../../lib/auth';
import { formatDateTime } from '../../lib/format';
import { questionnaireListQuery } from './api';

type Filter = 'all' | 'active' | 'inactive';

export function QuestionnaireListPage() {
  const { t } = useTranslation('questionnaires');
  const can = useCan();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const filter = (params.get('status') as Filter | null) ?? 'all';
  const list = useQuery(questionnaireListQuery(filter === 'all' ? undefined : filter === 'active'));
  const writable = can('questionnaire:write');

  return (
    <Card
      title={<PageTitle title={t('title')} subtitle={t('subtitle')} />}
      extra={
        writable ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/questionnaires/new')}>
            {t('new')}
          </Button>
        ) : null
      }
    >
      <Space style={{ marginBottom: 16 }}>
        <Segmented<Filter>
          value={filter}
          onChange={(v) => setParams(v === 'all' ? {} : { status: v }, { replace: true })}
          options={(['all', 'active', 'inactive'] as const).map((v) => ({
            value: v,
            label: t(`filter.${v}`),
          }))}
        />
      </Space>
      {list.isError ? (
        <LoadError error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <Table<TQuestionnaire>
          rowKey="id"
          size="middle"
          loading={list.isPending}
          dataSource={list.data?.items ?? []}
          pagination={false}
          data-testid="questionnaire-table"
          locale={{ emptyText: t('common:empty') }}
          columns={[
            {
              title: t('col.name'),
              dataIndex: 'name',
              render: (name: string, q) => <Link to={`/questionnaires/${q.id}`}>{name}</Link>,
            },
            { title: t('col.purpose'), dataIndex: 'purpose' },
            {
              title: t('col.questions'),
              key: 'questions',
              align: 'right',
              width: 100,
              render: (_, q) => q.questions.length,
            },
            {
              title: t('col.version'),
              dataIndex: 'version',
              align: 'right',
              width: 90,
              render: (v: number) => `v${v}`,
            },
            {
              title: t('col.active'),
              dataIndex: 'active',
              width: 100,
              render: (active: boolean) =>
                active ? <Tag color="green">{t('active')}</Tag> : <Tag>{t('inactive')}</Tag>,
            },
            {
              title: t('col.updatedAt'),
              dataIndex: 'updatedAt',
              width: 170,
              render: (v: string) => formatDateTime(v),
            },
            {
              title: t('col.actions'),
              key: 'actions',
              width: 100,
              render: (_, q) => (
                <Link to={`/questionnaires/${q.id}`}>
                  {writable ? t('common:actions.edit') : t('common:actions.view')}
                </Link>
              ),
            },
          ]}
        />
      )}
    </Card>
  );
}
