import { ArrowLeftOutlined, PhoneOutlined, QuestionCircleOutlined } from '@ant-design/icons';
import type { TVisitCreated } from '@huifang/contracts';
import { isTaskOpen } from '@huifang/domain';
import { useQuery } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Col,
  Collapse,
  Modal,
  Result,
  Row,
  Skeleton,
  Space,
  Table,
  Typography,
} from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { ApiError } from '../../lib/api';
import { useMe } from '../../lib/auth';
import { useIsPhone } from '../../lib/media';
import { SurveyLinkCard } from '../surveys/SurveyLinkCard';
import { taskQuery } from './api';
import { CustomerPanel } from './CustomerPanel';
import { TaskStatusTag } from './inputs';
import { TaskRecords } from './TaskRecords';
import { VisitForm } from './VisitForm';

function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el) return false;
  const tag = el.tagName;
  return tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || el.isContentEditable;
}

function ShortcutsDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation('tasks');
  const rows = [
    { key: 'submit', keys: 'Ctrl + Enter', what: t('shortcuts.submit') },
    { key: 'outcome', keys: 'Alt + 1 – 5', what: t('shortcuts.outcome') },
    { key: 'rate', keys: '1 – 5', what: t('shortcuts.rate') },
    { key: 'choice', keys: '1 – 9 · Y / N · 0 – 10', what: t('shortcuts.choice') },
    { key: 'tab', keys: 'Tab / Shift + Tab', what: t('shortcuts.tab') },
    { key: 'arrows', keys: '← → ↑ ↓', what: t('shortcuts.arrows') },
    { key: 'help', keys: '?', what: t('shortcuts.help') },
  ];
  return (
    <Modal
      open={open}
      onCancel={onClose}
      footer={null}
      title={t('shortcuts.title')}
      data-testid="shortcuts-dialog"
    >
      <Table
        size="small"
        pagination={false}
        showHeader={false}
        rowKey="key"
        dataSource={rows}
        columns={[
          {
            dataIndex: 'keys',
            width: 160,
            render: (k: string) => <Typography.Text keyboard>{k}</Typography.Text>,
          },
          { dataIndex: 'what' },
        ]}
      />
    </Modal>
  );
}

/** /workbench/tasks/:id — customer and history on the left, the visit form on the right. */
export function TaskVisitPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('tasks');
  const navigate = useNavigate();
  const me = useMe();
  const task = useQuery(taskQuery(id));
  const [help, setHelp] = useState(false);
  const { message } = App.useApp();
  const phone = useIsPhone();

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === '?' && !e.ctrlKey && !e.metaKey && !isTyping(e.target)) {
        e.preventDefault();
        setHelp(true);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const back = (
    <Button
      type="link"
      icon={<ArrowLeftOutlined />}
      onClick={() => navigate('/workbench')}
      style={{ padding: 0 }}
    >
      {t('task.back')}
    </Button>
  );

  if (task.isPending) return <Skeleton active paragraph={{ rows: 12 }} />;
  if (task.isError) {
    const e = task.error;
    const status = e instanceof ApiError ? e.status : 0;
    return (
      <Result
        status={status === 403 ? '403' : status === 404 ? '404' : 'error'}
        title={status === 403 || status === 404 ? status : t('common:error.title')}
        subTitle={
          status === 403
            ? t('common:error.forbidden')
            : status === 404
              ? t('task.notFound')
              : t('common:error.generic')
        }
        extra={
          <Space>
            {back}
            {status >= 500 || status === 0 ? (
              <Button onClick={() => void task.refetch()}>{t('common:actions.retry')}</Button>
            ) : null}
          </Space>
        }
      />
    );
  }

  const data = task.data;
  const open = isTaskOpen(data.status);
  const mine = data.assignee.id === me?.id;
  // visits to a customer flagged for abusing staff wait for a manager to lift the flag (docs/rules.md#r-disc-2-customer-abuse-reports)
  const paused = open && !!data.consent.visitsPausedAt;
  // Save and go on: straight to the next task of the queue, or back to the workbench.
  const onSaved = (result: TVisitCreated) => {
    const saved = data.nextTaskId ? t('form.savedNext') : t('form.savedDone');
    const raised = result.visit.tickets[0];
    message.success(raised ? `${saved} ${t('form.ticket.raised', { number: raised.number })}` : saved);
    navigate(data.nextTaskId ? `/workbench/tasks/${data.nextTaskId}` : '/workbench');
  };

  const status = (
    <>
      {!open && (
        <Alert
          type="info"
          showIcon
          data-testid="task-closed"
          title={t('task.closed', { status: t(`common:taskStatus.${data.status}`) })}
        />
      )}
      {paused && <Alert type="warning" showIcon data-testid="task-paused" title={t('task.paused')} />}
      {open && !mine && (
        <Alert type="info" showIcon title={t('task.notAssignee', { name: data.assignee.name })} />
      )}
    </>
  );
  const form = open && mine && !paused && <VisitForm key={data.id} task={data} onSaved={onSaved} />;
  const records = <TaskRecords records={data.records} questionnaire={data.questionnaire} />;
  const surveyLinks = (
    <SurveyLinkCard taskId={data.id} canSend={open && mine && !paused} hasEmail={!!data.customer.email} />
  );
  const title = (
    <Typography.Title
      level={1}
      style={{ margin: 0 }}
      data-testid="task-title"
      data-customer={data.customer.name}
    >
      {t('task.title', { name: data.customer.name })}
    </Typography.Title>
  );

  if (phone) {
    // A phone: the call and the form first; who the customer is and their history fold away.
    const c = data.customer;
    return (
      <Space orientation="vertical" size={12} style={{ width: '100%' }}>
        {back}
        <div>
          {title}
          <Space size={8} wrap style={{ marginTop: 4 }}>
            <TaskStatusTag status={data.status} />
            <Typography.Text type="secondary">{data.purpose}</Typography.Text>
          </Space>
        </div>
        {!c.contactMasked && !paused && (
          <Button
            type="primary"
            size="large"
            block
            icon={<PhoneOutlined />}
            href={`tel:${c.phone.replace(/[^\d+]/g, '')}`}
            data-testid="call-bar"
          >
            {t('customer.call')} {c.phone}
          </Button>
        )}
        {status}
        {form}
        {surveyLinks}
        <Collapse
          data-testid="task-details"
          items={[
            {
              key: 'customer',
              label: t('task.detailsFold'),
              children: <CustomerPanel task={data} />,
              styles: { body: { padding: 8 } },
            },
          ]}
        />
        {records}
      </Space>
    );
  }

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 16 }}>
        <Space size={12} align="center" wrap>
          {back}
          {title}
          <TaskStatusTag status={data.status} />
          <Typography.Text type="secondary">{data.purpose}</Typography.Text>
        </Space>
        <Button icon={<QuestionCircleOutlined />} onClick={() => setHelp(true)}>
          {t('form.shortcuts')}
        </Button>
      </div>
      <Row gutter={16} align="top">
        <Col xs={24} lg={10} xl={9}>
          <CustomerPanel task={data} />
        </Col>
        <Col xs={24} lg={14} xl={15}>
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            {status}
            {form}
            {surveyLinks}
            {records}
          </Space>
        </Col>
      </Row>
      <ShortcutsDialog open={help} onClose={() => setHelp(false)} />
    </Space>
  );
}
