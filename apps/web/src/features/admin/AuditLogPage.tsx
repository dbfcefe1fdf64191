import type { TAuditEntry } from '@huifang/contracts';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Card, Input, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageTitle } from '../../components/PageTitle';
import { formatDateTime } from '../../lib/format';
import { auditQuery } from './api';

function Json({ value }: { value: unknown }) {
  if (value === null || value === undefined) return <span>--</span>;
  return (
    <Typography.Paragraph code style={{ whiteSpace: 'pre-wrap', fontSize: 12, margin: 0 }}>
      {JSON.stringify(value, null, 2)}
    </Typography.Paragraph>
  );
}

export function AuditLogPage() {
  const { t } = useTranslation('admin');
  const [page, setPage] = useState(1);
  const [size, setSize] = useState(20);
  const [entity, setEntity] = useState<string>();
  const [action, setAction] = useState<string>();
  const log = useQuery({ ...auditQuery({ page, size, entity, action }), placeholderData: keepPreviousData });
  return (
    <Card title={<PageTitle title={t('audit.title')} />}>
      <Space style={{ marginBottom: 16 }}>
        <Input.Search
          allowClear
          placeholder={t('audit.filterEntity')}
          aria-label={t('audit.filterEntity')}
          onSearch={(v) => {
            setEntity(v || undefined);
            setPage(1);
          }}
        />
        <Input.Search
          allowClear
          placeholder={t('audit.filterAction')}
          aria-label={t('audit.filterAction')}
          onSearch={(v) => {
            setAction(v || undefined);
            setPage(1);
          }}
        />
      </Space>
      <Table<TAuditEntry>
        rowKey="id"
        size="small"
        loading={log.isFetching}
        dataSource={log.data?.items}
        expandable={{
          rowExpandable: (r) => r.before !== null || r.after !== null,
          expandedRowRender: (r) => (
            <Space align="start" size="large">
              <div>
                <Typography.Text type="secondary">{t('audit.before')}</Typography.Text>
                <Json value={r.before} />
              </div>
              <div>
                <Typography.Text type="secondary">{t('audit.after')}</Typography.Text>
                <Json value={r.after} />
              </div>
            </Space>
          ),
        }}
        pagination={{
          current: page,
          pageSize: size,
          total: log.data?.total,
          showTotal: (n) => t('common:total', { count: n }),
          onChange: (p, s) => {
            setPage(p);
            setSize(s);
          },
        }}
        columns={[
          { title: t('audit.time'), dataIndex: 'createdAt', render: formatDateTime, width: 160 },
          { title: t('audit.actor'), dataIndex: 'actorName', render: (v) => v ?? '--' },
          { title: t('audit.action'), dataIndex: 'action' },
          { title: t('audit.entity'), dataIndex: 'entity' },
          {
            title: t('audit.entityId'),
            dataIndex: 'entityId',
            render: (v) => <Typography.Text code>{v ?? '--'}</Typography.Text>,
          },
          { title: t('audit.ip'), dataIndex: 'ip', render: (v) => v ?? '--' },
        ]}
      />
    </Card>
  );
}
