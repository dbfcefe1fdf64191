import { PlusOutlined } from '@ant-design/icons';
import type {
  TTrainingAssignment,
  TTrainingAttendance,
  TTrainingPlan,
  TTrainingSession,
  TTrainingSessionList,
} from '@huifang/contracts';
import { TRAINING_MAX_SCORE, TRAINING_TOPICS } from '@huifang/contracts/values';
import { useQuery } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Rate,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageTitle } from '../../components/PageTitle';
import { errorKeys } from '../../lib/api';
import { useMe } from '../../lib/auth';
import { plansQuery, sessionsQuery, useAttendance, useCreatePlan, useCreateSession } from './api';

const STATUS_COLOR: Record<TTrainingAssignment['status'], string> = {
  OPEN: 'processing',
  CLOSED: 'success',
  ESCALATED: 'error',
  WITHDRAWN: 'default',
};

/** 培训: the year's plans, sessions with attendance and evaluation, and retraining assignments. */
export function TrainingPage() {
  const { t } = useTranslation('training');
  const plans = useQuery(plansQuery);
  const sessions = useQuery(sessionsQuery);
  const [newPlan, setNewPlan] = useState(false);
  const [newSession, setNewSession] = useState(false);
  const data = sessions.data;
  const canWrite = data?.can.write ?? false;

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card size="small">
        <PageTitle title={t('title')} subtitle={t('subtitle')} />
      </Card>
      <Assignments data={data} loading={sessions.isLoading} />
      <Card
        size="small"
        title={<PageTitle level={2} title={t('sessions.title')} />}
        extra={
          canWrite ? (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setNewSession(true)}
              data-testid="training-new-session"
            >
              {t('sessions.create')}
            </Button>
          ) : null
        }
      >
        <Sessions data={data} loading={sessions.isLoading} />
      </Card>
      <Card
        size="small"
        title={<PageTitle level={2} title={t('plans.title')} />}
        extra={
          plans.data?.can.write ? (
            <Button icon={<PlusOutlined />} onClick={() => setNewPlan(true)} data-testid="training-new-plan">
              {t('plans.create')}
            </Button>
          ) : null
        }
      >
        <Table<TTrainingPlan>
          rowKey="id"
          size="small"
          loading={plans.isLoading}
          dataSource={plans.data?.items ?? []}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('common:empty') }}
          columns={[
            { title: t('plans.year'), dataIndex: 'year', width: 80 },
            { title: t('plans.name'), dataIndex: 'title' },
            { title: t('plans.goals'), dataIndex: 'goals', responsive: ['md'] },
            { title: t('plans.sessions'), dataIndex: 'sessionCount', width: 90 },
          ]}
          data-testid="training-plans"
        />
      </Card>
      {newPlan ? <PlanModal onClose={() => setNewPlan(false)} /> : null}
      {newSession && data ? (
        <SessionModal data={data} plans={plans.data?.items ?? []} onClose={() => setNewSession(false)} />
      ) : null}
    </Space>
  );
}

function Assignments({ data, loading }: { data?: TTrainingSessionList; loading: boolean }) {
  const { t } = useTranslation('training');
  const sessionOf = (id: string | null) => data?.items.find((s) => s.id === id);
  const columns: ColumnsType<TTrainingAssignment> = [
    ...(data?.can.record ? [{ title: t('assignments.person'), dataIndex: 'userName' }] : []),
    { title: t('assignments.month'), dataIndex: 'month', width: 100 },
    {
      title: t('assignments.session'),
      dataIndex: 'sessionId',
      render: (id: string | null) => {
        const s = sessionOf(id);
        return s ? `${s.day} ${s.title}` : t('assignments.noSession');
      },
    },
    {
      title: t('assignments.status'),
      dataIndex: 'status',
      render: (s: TTrainingAssignment['status'], r) => (
        <Tag color={STATUS_COLOR[s]} data-testid={`assignment-status-${r.id}`} data-status={s}>
          {t(`assignmentStatus.${s}`)}
          {r.recheckMonth ? ` · ${r.recheckMonth}` : ''}
        </Tag>
      ),
    },
  ];
  return (
    <Card
      size="small"
      title={
        <PageTitle
          level={2}
          title={data?.can.record ? t('assignments.title') : t('assignments.mine')}
          subtitle={t('assignments.help')}
        />
      }
    >
      <Table<TTrainingAssignment>
        rowKey="id"
        size="small"
        loading={loading}
        dataSource={data?.assignments ?? []}
        columns={columns}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('assignments.none') }}
        data-testid="training-assignments"
      />
    </Card>
  );
}

function Sessions({ data, loading }: { data?: TTrainingSessionList; loading: boolean }) {
  const { t } = useTranslation('training');
  const columns: ColumnsType<TTrainingSession> = [
    { title: t('sessions.day'), dataIndex: 'day', width: 110 },
    {
      title: t('sessions.topic'),
      dataIndex: 'topic',
      render: (x: TTrainingSession['topic']) => <Tag>{t(`topic.${x}`)}</Tag>,
    },
    { title: t('sessions.name'), dataIndex: 'title' },
    { title: t('sessions.trainer'), dataIndex: 'trainer', responsive: ['md'] },
    { title: t('sessions.days'), dataIndex: 'durationDays', width: 70 },
    { title: t('sessions.passMark'), dataIndex: 'passMark', width: 80, responsive: ['md'] },
    {
      title: t('sessions.rating'),
      dataIndex: 'meanRatingHundredths',
      responsive: ['md'],
      render: (r: number | null) => (r === null ? '—' : (r / 100).toFixed(2)),
    },
  ];
  // An attendee sees their sessions as cards, each with their evaluation form: usable on a phone.
  if (data && !data.can.record) {
    if (!data.items.length) return <Typography.Text type="secondary">{t('sessions.none')}</Typography.Text>;
    return (
      <Space orientation="vertical" size={12} style={{ width: '100%' }}>
        {data.items.map((s) => (
          <Card
            key={s.id}
            size="small"
            type="inner"
            title={
              <Space size={8} wrap>
                <span>{s.day}</span>
                <Tag>{t(`topic.${s.topic}`)}</Tag>
                <span>{s.title}</span>
              </Space>
            }
            data-testid={`session-${s.title}`}
          >
            <Attendance session={s} data={data} />
          </Card>
        ))}
      </Space>
    );
  }
  return (
    <Table<TTrainingSession>
      rowKey="id"
      size="small"
      loading={loading}
      dataSource={data?.items ?? []}
      columns={columns}
      pagination={{ pageSize: 20, hideOnSinglePage: true }}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: t('sessions.none') }}
      expandable={{
        expandRowByClick: true,
        expandedRowRender: (s) => <Attendance session={s} data={data} />,
      }}
      onRow={(s) => ({ 'data-testid': `session-${s.title}` }) as React.HTMLAttributes<HTMLElement>}
      data-testid="training-sessions"
    />
  );
}

function Attendance({ session, data }: { session: TTrainingSession; data?: TTrainingSessionList }) {
  const { t } = useTranslation('training');
  const me = useMe();
  const { message } = App.useApp();
  const write = useAttendance(session.id);
  const staff = data?.can.record ?? false;
  const [enrol, setEnrol] = useState<string>();
  const fail = (e: unknown) => void message.error(t(errorKeys(e, 'training:error')));
  const mine = session.attendance.find((a) => a.userId === me?.id);
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size={12}>
      <Typography.Text type="secondary">
        {t('sessions.trainer')}: {session.trainer} · {t('sessions.passMark')}: {session.passMark}
      </Typography.Text>
      {staff ? (
        <Flex gap={8} wrap>
          <Select
            showSearch
            optionFilterProp="label"
            style={{ minWidth: 200 }}
            placeholder={t('attendance.enrol')}
            aria-label={t('attendance.enrol')}
            value={enrol}
            onChange={setEnrol}
            options={(data?.people ?? [])
              .filter((p) => !session.attendance.some((a) => a.userId === p.id))
              .map((p) => ({ value: p.id, label: p.name }))}
            data-testid="attendance-enrol"
          />
          <Button
            disabled={!enrol}
            loading={write.isPending}
            onClick={() =>
              write.mutate({ userId: enrol }, { onSuccess: () => setEnrol(undefined), onError: fail })
            }
          >
            {t('attendance.add')}
          </Button>
        </Flex>
      ) : null}
      {staff ? (
        <Table<TTrainingAttendance>
          rowKey="id"
          size="small"
          pagination={false}
          scroll={{ x: 'max-content' }}
          dataSource={session.attendance}
          locale={{ emptyText: t('attendance.none') }}
          columns={[
            { title: t('attendance.person'), dataIndex: 'userName' },
            {
              title: t('attendance.record'),
              key: 'record',
              render: (_, a) => <AttendanceRow session={session} row={a} />,
            },
            {
              title: t('attendance.evaluation'),
              key: 'evaluation',
              responsive: ['md'],
              render: (_, a) =>
                a.evaluationRating ? (
                  <Space size={4}>
                    <Rate disabled value={a.evaluationRating} style={{ fontSize: 12 }} />
                    <Typography.Text type="secondary">{a.evaluationComment}</Typography.Text>
                  </Space>
                ) : (
                  '—'
                ),
            },
          ]}
          data-testid="attendance-table"
        />
      ) : null}
      {mine ? <MyAttendance session={session} row={mine} /> : null}
    </Space>
  );
}

function AttendanceRow({ session, row }: { session: TTrainingSession; row: TTrainingAttendance }) {
  const { t } = useTranslation('training');
  const { message } = App.useApp();
  const write = useAttendance(session.id);
  const [days, setDays] = useState<number | null>(row.daysAttended);
  const [score, setScore] = useState<number | null>(row.score);
  return (
    <Flex gap={8} wrap align="center" data-testid={`attendance-${row.userName}`}>
      <InputNumber
        min={0}
        max={session.durationDays}
        precision={0}
        value={days}
        onChange={setDays}
        aria-label={t('attendance.days')}
        addonAfter={t('attendance.daysUnit')}
        style={{ width: 120 }}
        data-testid="attendance-days"
      />
      <InputNumber
        min={0}
        max={TRAINING_MAX_SCORE}
        precision={0}
        value={score}
        onChange={setScore}
        aria-label={t('attendance.score')}
        placeholder={t('attendance.score')}
        style={{ width: 100 }}
        data-testid="attendance-score"
      />
      {row.passed === null ? null : (
        <Tag color={row.passed ? 'success' : 'error'}>
          {t(row.passed ? 'attendance.passed' : 'attendance.failed')}
        </Tag>
      )}
      <Button
        size="small"
        type="primary"
        loading={write.isPending}
        data-testid="attendance-save"
        onClick={() =>
          write.mutate(
            { userId: row.userId, daysAttended: days ?? 0, score, version: row.version },
            {
              onSuccess: () => void message.success(t('attendance.saved')),
              onError: (e) => void message.error(t(errorKeys(e, 'training:error'))),
            },
          )
        }
      >
        {t('attendance.save')}
      </Button>
    </Flex>
  );
}

function MyAttendance({ session, row }: { session: TTrainingSession; row: TTrainingAttendance }) {
  const { t } = useTranslation('training');
  const { message } = App.useApp();
  const write = useAttendance(session.id);
  const [rating, setRating] = useState<number>(row.evaluationRating ?? 0);
  const [comment, setComment] = useState(row.evaluationComment ?? '');
  return (
    <Card size="small" title={t('evaluation.title')} data-testid="my-evaluation">
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Typography.Text>
          {t('evaluation.mine', { days: row.daysAttended, score: row.score ?? '—' })}
        </Typography.Text>
        <Rate
          value={rating}
          onChange={setRating}
          aria-label={t('evaluation.rating')}
          data-testid="evaluation-rating"
        />
        <Input.TextArea
          rows={2}
          maxLength={2000}
          value={comment}
          onChange={(e) => setComment(e.target.value)}
          aria-label={t('evaluation.comment')}
          placeholder={t('evaluation.comment')}
          data-testid="evaluation-comment"
        />
        <Button
          type="primary"
          disabled={rating < 1}
          loading={write.isPending}
          data-testid="evaluation-submit"
          onClick={() =>
            write.mutate(
              { evaluationRating: rating, evaluationComment: comment || null },
              {
                onSuccess: () => void message.success(t('evaluation.saved')),
                onError: (e) => void message.error(t(errorKeys(e, 'training:error'))),
              },
            )
          }
        >
          {t('evaluation.submit')}
        </Button>
      </Space>
    </Card>
  );
}

function PlanModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation('training');
  const { message } = App.useApp();
  const create = useCreatePlan();
  const [form] = Form.useForm<{ year: number; title: string; goals?: string }>();
  return (
    <Modal
      open
      title={t('plans.create')}
      onCancel={onClose}
      okText={t('common:save')}
      confirmLoading={create.isPending}
      onOk={() =>
        form.validateFields().then((v) =>
          create.mutate(v, {
            onSuccess: onClose,
            onError: (e) => void message.error(t(errorKeys(e, 'training:error'))),
          }),
        )
      }
    >
      <Form form={form} layout="vertical" initialValues={{ year: new Date().getFullYear() }}>
        <Form.Item name="year" label={t('plans.year')} rules={[{ required: true }]}>
          <InputNumber min={2000} max={2199} precision={0} />
        </Form.Item>
        <Form.Item
          name="title"
          label={t('plans.name')}
          rules={[{ required: true, whitespace: true, max: 200 }]}
        >
          <Input data-testid="plan-title" />
        </Form.Item>
        <Form.Item name="goals" label={t('plans.goals')}>
          <Input.TextArea rows={3} maxLength={4000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function SessionModal({
  data,
  plans,
  onClose,
}: {
  data: TTrainingSessionList;
  plans: TTrainingPlan[];
  onClose: () => void;
}) {
  const { t } = useTranslation('training');
  const { message } = App.useApp();
  const create = useCreateSession();
  const [form] = Form.useForm();
  const open = data.assignments.filter((a) => a.status === 'OPEN' && a.sessionId === null);
  return (
    <Modal
      open
      title={t('sessions.create')}
      onCancel={onClose}
      okText={t('common:save')}
      okButtonProps={{ 'data-testid': 'session-save' } as Record<string, string>}
      confirmLoading={create.isPending}
      onOk={() =>
        form.validateFields().then((v) =>
          create.mutate(v, {
            onSuccess: onClose,
            onError: (e) => void message.error(t(errorKeys(e, 'training:error'))),
          }),
        )
      }
    >
      <Form form={form} layout="vertical" initialValues={{ topic: 'SKILLS', durationDays: 1, passMark: 60 }}>
        <Form.Item name="planId" label={t('sessions.plan')}>
          <Select
            allowClear
            aria-label={t('sessions.plan')}
            options={plans.map((p) => ({ value: p.id, label: `${p.year} ${p.title}` }))}
          />
        </Form.Item>
        <Form.Item name="topic" label={t('sessions.topic')} rules={[{ required: true }]}>
          <Select
            aria-label={t('sessions.topic')}
            options={TRAINING_TOPICS.map((x) => ({ value: x, label: t(`topic.${x}`) }))}
          />
        </Form.Item>
        <Form.Item
          name="title"
          label={t('sessions.name')}
          rules={[{ required: true, whitespace: true, max: 200 }]}
        >
          <Input data-testid="session-title" />
        </Form.Item>
        <Form.Item
          name="day"
          label={t('sessions.day')}
          rules={[{ required: true, pattern: /^\d{4}-\d{2}-\d{2}$/ }]}
        >
          <Input type="date" data-testid="session-day" />
        </Form.Item>
        <Form.Item
          name="trainer"
          label={t('sessions.trainer')}
          rules={[{ required: true, whitespace: true, max: 100 }]}
        >
          <Input data-testid="session-trainer" />
        </Form.Item>
        <Flex gap={12} wrap>
          <Form.Item name="durationDays" label={t('sessions.days')} rules={[{ required: true }]}>
            <InputNumber min={1} max={31} precision={0} data-testid="session-days" />
          </Form.Item>
          <Form.Item name="passMark" label={t('sessions.passMark')} rules={[{ required: true }]}>
            <InputNumber min={0} max={TRAINING_MAX_SCORE} precision={0} />
          </Form.Item>
        </Flex>
        <Form.Item name="assignmentIds" label={t('sessions.assign')} extra={t('sessions.assignHelp')}>
          <Select
            mode="multiple"
            aria-label={t('sessions.assign')}
            options={open.map((a) => ({ value: a.id, label: `${a.userName} · ${a.month}` }))}
            data-testid="session-assignments"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
