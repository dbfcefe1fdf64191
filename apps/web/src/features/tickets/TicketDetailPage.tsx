import { ArrowLeftOutlined } from '@ant-design/icons';
import type { TTicketDetail, TTicketEvent } from '@huifang/contracts';
import { TICKET_CATEGORIES } from '@huifang/contracts/values';
import { useQuery } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Descriptions,
  Form,
  Input,
  Modal,
  Radio,
  Select,
  Skeleton,
  Space,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { LoadError } from '../../components/LoadError';
import { errorKeys } from '../../lib/api';
import { useCan, useMe } from '../../lib/auth';
import { formatDateTime } from '../../lib/format';
import {
  type TicketAction,
  type TicketActionBody,
  ticketQuery,
  ticketRoutesQuery,
  useTicketAction,
} from './api';
import { SeverityTag, StatusTag } from './labels';
import { SlaBadge } from './SlaBadge';

type Dialog = 'respond' | 'verify' | 'reopen' | 'close' | 'route' | null;

const EVENT_COLOR: Record<string, string> = {
  CREATED: 'blue',
  ROUTED: 'blue',
  STARTED: 'blue',
  RESPONDED: 'green',
  VERIFIED: 'green',
  CLOSED: 'gray',
  REOPENED: 'red',
  ESCALATED: 'red',
};

function EventText({ e }: { e: TTicketEvent }) {
  const { t } = useTranslation('tickets');
  const b = e.body as Record<string, string | number | boolean | undefined>;
  const lines: string[] = [];
  if (e.type === 'ROUTED' && b.departmentName) lines.push(t('event.routedTo', { name: b.departmentName }));
  if (e.type === 'RESPONDED') {
    lines.push(`${t('field.action')}: ${b.action ?? ''}`, `${t('field.rootCause')}: ${b.rootCause ?? ''}`);
    if (typeof b.conductConfirmed === 'boolean')
      lines.push(
        `${t('incentives:conduct.finding')}: ${t(b.conductConfirmed ? 'incentives:conduct.confirmed' : 'incentives:conduct.notConfirmed')}`,
      );
  }
  if (e.type === 'REOPENED' && b.reason) lines.push(`${t('field.reason')}: ${b.reason}`);
  if ((e.type === 'VERIFIED' || e.type === 'CLOSED') && b.note) lines.push(`${t('field.note')}: ${b.note}`);
  if (e.type === 'ESCALATED') lines.push(t(`escalation.${b.level === 2 ? 2 : 1}`));
  return (
    <div data-testid="timeline-event" data-type={e.type}>
      <Typography.Text strong>{t(`event.${e.type}`, { defaultValue: e.type })}</Typography.Text>
      <Typography.Text type="secondary" style={{ marginLeft: 8 }}>
        {e.actor?.name ?? t('event.system')} · {formatDateTime(e.createdAt)}
      </Typography.Text>
      {lines.map((l) => (
        <div key={l} style={{ whiteSpace: 'pre-wrap' }}>
          {l}
        </div>
      ))}
    </div>
  );
}

export function TicketDetailPage() {
  const { t } = useTranslation('tickets');
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const ticket = useQuery(ticketQuery(id));
  const mutation = useTicketAction(id);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [form] = Form.useForm();
  const can = useCan();
  const me = useMe();

  if (ticket.isError) return <LoadError error={ticket.error} onRetry={() => ticket.refetch()} />;
  if (!ticket.data) return <Skeleton active />;
  const tk: TTicketDetail = ticket.data;
  // a complaint about a caller's conduct: the handler states whether it is confirmed (it counts in the KPI)
  const conduct = tk.category === 'CALLER_CONDUCT';

  const run = async (action: TicketAction, body: TicketActionBody = {}) => {
    try {
      await mutation.mutateAsync({ action, body: { ...body, version: tk.version } });
      message.success(t(`done.${action}`));
      setDialog(null);
      form.resetFields();
    } catch (error) {
      message.error(t(errorKeys(error, 'tickets:error')));
      if (error && typeof error === 'object' && 'status' in error && error.status === 409)
        void ticket.refetch();
    }
  };
  const submit = async () => {
    const v = await form.validateFields();
    if (dialog === 'respond')
      await run('respond', {
        action: v.action,
        rootCause: v.rootCause,
        ...(conduct ? { conductConfirmed: v.conductConfirmed as boolean } : {}),
      });
    if (dialog === 'verify') await run('verify', { satisfied: true, ...(v.note ? { note: v.note } : {}) });
    if (dialog === 'reopen') await run('reopen', { reason: v.reason });
    if (dialog === 'close') await run('close', { note: v.note });
    if (dialog === 'route') await run('route', { category: v.category, departmentId: v.departmentId });
  };

  const actions = (
    <Space wrap>
      {tk.can.start ? (
        <Button
          type="primary"
          loading={mutation.isPending}
          onClick={() => run('start')}
          data-testid="ticket-start"
        >
          {t('action.start')}
        </Button>
      ) : null}
      {tk.can.respond ? (
        <Button
          type={tk.can.start ? 'default' : 'primary'}
          onClick={() => setDialog('respond')}
          data-testid="ticket-respond"
        >
          {t('action.respond')}
        </Button>
      ) : null}
      {tk.can.verify ? (
        <>
          <Button type="primary" onClick={() => setDialog('verify')} data-testid="ticket-verify">
            {t('action.verify')}
          </Button>
          <Button danger onClick={() => setDialog('reopen')} data-testid="ticket-reopen">
            {t('action.reopen')}
          </Button>
        </>
      ) : null}
      {tk.can.route ? (
        <Button
          onClick={() => {
            form.setFieldsValue({ category: tk.category, departmentId: undefined });
            setDialog('route');
          }}
          data-testid="ticket-route"
        >
          {t('action.route')}
        </Button>
      ) : null}
      {tk.can.close ? (
        <Button onClick={() => setDialog('close')} data-testid="ticket-close">
          {t('action.close')}
        </Button>
      ) : null}
    </Space>
  );

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card
        title={
          <Space data-testid="ticket-header">
            <Button
              type="text"
              icon={<ArrowLeftOutlined />}
              onClick={() => navigate(-1)}
              aria-label={t('common:actions.back')}
            />
            <Typography.Title level={1} style={{ margin: 0 }} data-testid="ticket-heading">
              #{tk.number} {tk.title}
            </Typography.Title>
            <StatusTag status={tk.status} />
          </Space>
        }
        extra={actions}
      >
        <Descriptions size="small" column={{ xs: 1, md: 2, xl: 3 }} bordered>
          <Descriptions.Item label={t('col.category')}>{t(`category.${tk.category}`)}</Descriptions.Item>
          <Descriptions.Item label={t('col.severity')}>
            <SeverityTag severity={tk.severity} />
          </Descriptions.Item>
          <Descriptions.Item label={t('col.department')}>{tk.department.name}</Descriptions.Item>
          <Descriptions.Item label={t('col.respondBy')}>
            <Space size={4}>
              <SlaBadge ticket={tk} />
              {formatDateTime(tk.dueAt)}
            </Space>
          </Descriptions.Item>
          <Descriptions.Item label={t('col.customer')}>{tk.customer.name}</Descriptions.Item>
          <Descriptions.Item label={t('col.caller')}>{tk.caller?.name ?? '--'}</Descriptions.Item>
          <Descriptions.Item label={t('col.handler')}>{tk.handler?.name ?? '--'}</Descriptions.Item>
          <Descriptions.Item label={t('col.raisedBy')}>{tk.raisedBy.name}</Descriptions.Item>
          <Descriptions.Item label={t('col.createdAt')}>{formatDateTime(tk.createdAt)}</Descriptions.Item>
          <Descriptions.Item label={t('col.reopenCount')}>{tk.reopenCount}</Descriptions.Item>
          <Descriptions.Item label={t('col.escalation')}>
            {tk.escalationLevel > 0 ? t(`escalation.${tk.escalationLevel}`) : '--'}
          </Descriptions.Item>
          {tk.subject ? (
            <Descriptions.Item label={t('col.subject')}>{tk.subject.name}</Descriptions.Item>
          ) : null}
          {conduct ? (
            <Descriptions.Item label={t('incentives:conduct.finding')}>
              <Tag
                color={tk.conductConfirmed === null ? 'default' : tk.conductConfirmed ? 'red' : 'green'}
                data-testid="conduct-finding"
              >
                {t(
                  tk.conductConfirmed === null
                    ? 'incentives:conduct.pending'
                    : tk.conductConfirmed
                      ? 'incentives:conduct.confirmed'
                      : 'incentives:conduct.notConfirmed',
                )}
              </Tag>
            </Descriptions.Item>
          ) : null}
          {tk.sourceVisitId && tk.caller ? (
            <Descriptions.Item label={t('col.source')}>
              {tk.sourceTaskId &&
              (can('task:read:any') || (can('task:read:own') && tk.caller.id === me?.id)) ? (
                <Link to={`/workbench/tasks/${tk.sourceTaskId}`} data-testid="ticket-source-visit">
                  {t('source.openVisit')}
                </Link>
              ) : (
                t('source.visit')
              )}
            </Descriptions.Item>
          ) : null}
          <Descriptions.Item label={t('field.description')} span={3}>
            <span style={{ whiteSpace: 'pre-wrap' }}>{tk.description}</span>
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card title={t('detail.timeline')}>
        <Timeline
          data-testid="ticket-timeline"
          items={tk.events.map((e) => ({
            key: e.id,
            color: EVENT_COLOR[e.type] ?? 'gray',
            content: <EventText e={e} />,
          }))}
        />
      </Card>
      <Link to={tk.can.respond || tk.can.start ? '/tickets/inbox' : '/tickets'}>
        {t('detail.backToList')}
      </Link>
      <Modal
        open={dialog !== null}
        title={dialog ? t(`action.${dialog}`) : ''}
        onCancel={() => {
          setDialog(null);
          form.resetFields();
        }}
        onOk={submit}
        okText={t('common:actions.submit')}
        cancelText={t('common:actions.cancel')}
        confirmLoading={mutation.isPending}
        destroyOnHidden
        okButtonProps={{ 'data-testid': 'dialog-ok' } as Record<`data-${string}`, string>}
      >
        <Form form={form} layout="vertical" preserve={false}>
          {dialog === 'respond' ? (
            <>
              <Form.Item
                name="action"
                label={t('field.action')}
                rules={[{ required: true, whitespace: true, message: t('form.required') }]}
              >
                <Input.TextArea rows={3} maxLength={2000} data-testid="respond-action" />
              </Form.Item>
              <Form.Item
                name="rootCause"
                label={t('field.rootCause')}
                rules={[{ required: true, whitespace: true, message: t('form.required') }]}
              >
                <Input.TextArea rows={3} maxLength={2000} data-testid="respond-root-cause" />
              </Form.Item>
              {conduct ? (
                <Form.Item
                  name="conductConfirmed"
                  label={t('incentives:conduct.question')}
                  extra={t('incentives:conduct.hint')}
                  rules={[{ required: true, message: t('incentives:conduct.required') }]}
                >
                  <Radio.Group data-testid="respond-conduct">
                    <Radio value={true}>{t('incentives:conduct.confirmed')}</Radio>
                    <Radio value={false}>{t('incentives:conduct.notConfirmed')}</Radio>
                  </Radio.Group>
                </Form.Item>
              ) : null}
            </>
          ) : null}
          {dialog === 'verify' ? (
            <Form.Item name="note" label={t('field.verifyNote')}>
              <Input.TextArea rows={3} maxLength={2000} data-testid="verify-note" />
            </Form.Item>
          ) : null}
          {dialog === 'reopen' ? (
            <Form.Item
              name="reason"
              label={t('field.reason')}
              rules={[{ required: true, whitespace: true, message: t('form.required') }]}
            >
              <Input.TextArea rows={3} maxLength={2000} data-testid="reopen-reason" />
            </Form.Item>
          ) : null}
          {dialog === 'close' ? (
            <Form.Item
              name="note"
              label={t('field.closeNote')}
              rules={[{ required: true, whitespace: true, message: t('form.required') }]}
            >
              <Input.TextArea rows={3} maxLength={2000} data-testid="close-note" />
            </Form.Item>
          ) : null}
          {dialog === 'route' ? <RouteFields /> : null}
        </Form>
      </Modal>
    </Space>
  );
}

function RouteFields() {
  const { t } = useTranslation('tickets');
  const routes = useQuery(ticketRoutesQuery);
  return (
    <>
      <Form.Item
        name="category"
        label={t('col.category')}
        rules={[{ required: true, message: t('form.required') }]}
      >
        <Select options={TICKET_CATEGORIES.map((c) => ({ value: c, label: t(`category.${c}`) }))} />
      </Form.Item>
      <Form.Item name="departmentId" label={t('col.department')} extra={t('form.departmentHint')}>
        <Select
          allowClear
          loading={routes.isLoading}
          options={(routes.data?.departments ?? []).map((d) => ({ value: d.id, label: d.name }))}
        />
      </Form.Item>
    </>
  );
}
