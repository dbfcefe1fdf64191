import { ArrowLeftOutlined, EditOutlined } from '@ant-design/icons';
import type { TMeasureDetail } from '@huifang/contracts';
import { useQuery } from '@tanstack/react-query';
import type { ButtonProps } from 'antd';
import {
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Flex,
  Input,
  InputNumber,
  Modal,
  Progress,
  Result,
  Row,
  Space,
  Spin,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { formatDateTime } from '../../lib/format';
import {
  type MeasureStep,
  measureEffectQuery,
  measureQuery,
  useMeasureStep,
  useMilestoneProgress,
} from './api';
import { EffectCard } from './EffectCard';
import { measureError } from './errors';
import { MeasureFormModal } from './MeasureForm';
import { MeasureStatusTag, OutcomeTag } from './StatusTag';

/** A measure: what and who, the steps open to this user, milestones, the effect and the timeline. */
export function MeasurePage() {
  const { id = '' } = useParams();
  const { t } = useTranslation(['measures', 'churn']);
  const q = useQuery(measureQuery(id));
  if (q.isLoading) return <Spin />;
  if (q.isError || !q.data) return <Result status="warning" title={measureError(t, q.error)} />;
  return <MeasureView m={q.data} />;
}

function MeasureView({ m }: { m: TMeasureDetail }) {
  const { t, i18n } = useTranslation('measures');
  const en = i18n.language === 'en';
  const [editing, setEditing] = useState(false);
  const showEffect = m.status !== 'DRAFT' && m.status !== 'APPROVED';
  const effect = useQuery({ ...measureEffectQuery(m.id, m.version), enabled: showEffect });
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Link to="/improvement-measures">
        <ArrowLeftOutlined /> {t('detail.back')}
      </Link>
      <Card size="small">
        <Flex justify="space-between" align="start" wrap gap={12}>
          <div>
            <Typography.Title level={1} style={{ margin: 0, fontSize: 22 }}>
              #{m.number} {m.title}
            </Typography.Title>
            <Space wrap size={4} style={{ marginTop: 8 }}>
              <MeasureStatusTag status={m.status} testId="measure-status" />
              <OutcomeTag outcome={m.outcome} />
              {m.overdue ? <Tag color="red">{t('list.overdue')}</Tag> : null}
              {m.escalationLevel > 0 ? (
                <Tag color="volcano">{t('list.escalated', { level: m.escalationLevel })}</Tag>
              ) : null}
            </Space>
          </div>
          <Space wrap>
            {m.can.edit ? (
              <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="measure-edit">
                {t('detail.edit')}
              </Button>
            ) : null}
            <StepButtons m={m} />
          </Space>
        </Flex>
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            <Card size="small" title={t('detail.summary')}>
              <Descriptions size="small" column={{ xs: 1, sm: 2 }}>
                <Descriptions.Item label={t('list.department')}>{m.departmentName}</Descriptions.Item>
                <Descriptions.Item label={t('list.owner')}>{m.ownerName}</Descriptions.Item>
                <Descriptions.Item label={t('list.deadline')}>
                  <Typography.Text type={m.overdue ? 'danger' : undefined}>{m.deadline}</Typography.Text>
                </Descriptions.Item>
                <Descriptions.Item label={t('detail.window')}>
                  {m.startDay ?? t('detail.none')} · {t('detail.windowDays', { count: m.windowDays })}
                </Descriptions.Item>
                <Descriptions.Item label={t('detail.target')} span={2}>
                  <Space wrap size={4}>
                    {(m.target.segments ?? []).map((s) => (
                      <Tag key={s}>{t(`segment.${s}`)}</Tag>
                    ))}
                    {m.target.programme ? <Tag>{m.target.programme}</Tag> : null}
                    {(m.target.stages ?? []).map((s) => (
                      <Tag key={s}>{t(`stage.${s}`)}</Tag>
                    ))}
                    {!m.target.segments?.length && !m.target.programme && !m.target.stages?.length
                      ? t('detail.none')
                      : null}
                  </Space>
                </Descriptions.Item>
                <Descriptions.Item label={t('detail.reasons')} span={2}>
                  <Space wrap size={4}>
                    {m.reasons.length
                      ? m.reasons.map((r) => (
                          <Tag key={r.id}>
                            {t(`category.${r.category}`)} · {en ? (r.labelEn ?? r.label) : r.label}
                          </Tag>
                        ))
                      : t('detail.none')}
                  </Space>
                </Descriptions.Item>
                {m.meetingWeek ? (
                  <Descriptions.Item label={t('detail.meeting')} span={2}>
                    <Link to={`/churn/weekly?week=${m.meetingWeek}`} data-testid="measure-meeting">
                      {t('detail.meetingOf', { week: m.meetingWeek })}
                    </Link>
                  </Descriptions.Item>
                ) : null}
                <Descriptions.Item label={t('detail.cases')} span={2}>
                  {m.cases.length ? (
                    <Space wrap size={[12, 4]} data-testid="measure-cases">
                      {m.cases.map((c) => (
                        <Link key={c.id} to={`/churn/${c.id}`}>
                          {c.name ?? t(`churn:stage.${c.stage ?? 'NOT_ENROLLED'}`)}
                        </Link>
                      ))}
                    </Space>
                  ) : (
                    t('detail.none')
                  )}
                </Descriptions.Item>
                {m.description ? (
                  <Descriptions.Item label={t('form.description')} span={2}>
                    <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>
                      {m.description}
                    </Typography.Paragraph>
                  </Descriptions.Item>
                ) : null}
                {m.evaluationNote ? (
                  <Descriptions.Item label={t('detail.evaluationNote')} span={2}>
                    {m.evaluationNote}
                  </Descriptions.Item>
                ) : null}
              </Descriptions>
            </Card>
            <Milestones m={m} />
          </Space>
        </Col>
        <Col xs={24} lg={10}>
          <Card size="small" title={t('detail.timeline')}>
            <Timeline
              items={m.timeline.map((x) => ({
                key: x.id,
                color:
                  x.action === 'REJECT' || x.action === 'ESCALATE' || x.action === 'OVERDUE' ? 'red' : 'blue',
                content: (
                  <div data-testid={`timeline-${x.action}`}>
                    <Typography.Text strong>
                      {t(`timeline.${x.action}`, {
                        ...x.body,
                        outcome: x.body.outcome ? t(`outcome.${String(x.body.outcome)}`) : '',
                        defaultValue: x.action,
                      })}
                    </Typography.Text>
                    <br />
                    <Typography.Text type="secondary">
                      {x.actorName ?? t('timeline.system')} · {formatDateTime(x.createdAt)}
                    </Typography.Text>
                    {x.comment ? (
                      <Typography.Paragraph style={{ margin: 0 }}>{x.comment}</Typography.Paragraph>
                    ) : null}
                  </div>
                ),
              }))}
            />
          </Card>
        </Col>
      </Row>
      {showEffect && effect.data ? <EffectCard effect={effect.data} /> : null}
      {editing ? <MeasureFormModal measure={m} onClose={() => setEditing(false)} /> : null}
    </Space>
  );
}

function Milestones({ m }: { m: TMeasureDetail }) {
  const { t } = useTranslation('measures');
  const { message } = App.useApp();
  const save = useMilestoneProgress(m.id);
  const [draft, setDraft] = useState<Record<string, number>>({});
  return (
    <Card size="small" title={t('detail.milestones')} data-testid="milestones">
      {m.milestones.length === 0 ? (
        <Empty description={t('detail.noMilestones')} image={Empty.PRESENTED_IMAGE_SIMPLE} />
      ) : (
        <Space orientation="vertical" size={12} style={{ width: '100%' }}>
          {m.milestones.map((ms) => {
            const value = draft[ms.id] ?? ms.progress;
            return (
              <div key={ms.id} data-testid={`milestone-${ms.id}`}>
                <Flex justify="space-between" wrap gap={8}>
                  <Typography.Text strong>{ms.title}</Typography.Text>
                  <Typography.Text type="secondary">{ms.dueDay}</Typography.Text>
                </Flex>
                <Progress percent={ms.progress} size="small" aria-label={ms.title} />
                {m.can.progress ? (
                  <Space.Compact>
                    <InputNumber
                      min={0}
                      max={100}
                      value={value}
                      suffix="%"
                      onChange={(v) => setDraft({ ...draft, [ms.id]: v ?? 0 })}
                      aria-label={ms.title}
                      data-testid="milestone-progress-input"
                    />
                    <Button
                      loading={save.isPending}
                      disabled={value === ms.progress}
                      onClick={() =>
                        save.mutate(
                          { milestoneId: ms.id, version: m.version, progress: value },
                          {
                            onSuccess: () => void message.success(t('detail.progressSaved')),
                            onError: (e) => void message.error(measureError(t, e)),
                          },
                        )
                      }
                      data-testid="milestone-progress-save"
                    >
                      {t('common:actions.save')}
                    </Button>
                  </Space.Compact>
                ) : null}
              </div>
            );
          })}
        </Space>
      )}
    </Card>
  );
}

const STEPS: MeasureStep[] = ['approve', 'reject', 'start', 'complete', 'evaluate'];

function StepButtons({ m }: { m: TMeasureDetail }) {
  const { t } = useTranslation('measures');
  const { message } = App.useApp();
  const run = useMeasureStep(m.id);
  const [asking, setAsking] = useState<MeasureStep | null>(null);
  const [comment, setComment] = useState('');
  const go = (step: MeasureStep, c?: string) =>
    run.mutate(
      { step, version: m.version, comment: c?.trim() || undefined },
      {
        onSuccess: () => {
          message.success(t('action.done'));
          setAsking(null);
          setComment('');
        },
        onError: (e) => void message.error(measureError(t, e)),
      },
    );
  const needsText = (s: MeasureStep) => s === 'reject' || s === 'complete' || s === 'evaluate';
  return (
    <>
      {STEPS.filter((s) => m.can[s]).map((s) => (
        <Button
          key={s}
          type={s === 'reject' ? 'default' : 'primary'}
          danger={s === 'reject'}
          loading={run.isPending && run.variables?.step === s}
          onClick={() => (needsText(s) ? setAsking(s) : go(s))}
          data-testid={`measure-${s}`}
        >
          {t(`action.${s}`)}
        </Button>
      ))}
      <Modal
        open={asking !== null}
        title={asking ? t(`action.${asking}`) : ''}
        onCancel={() => setAsking(null)}
        onOk={() => asking && go(asking, comment)}
        confirmLoading={run.isPending}
        okButtonProps={
          {
            'data-testid': 'measure-step-ok',
            disabled: asking === 'reject' && comment.trim() === '',
          } as ButtonProps
        }
      >
        <Typography.Text>
          {asking === 'reject'
            ? t('action.rejectComment')
            : asking === 'complete'
              ? t('action.completeNote')
              : t('action.evaluateNote')}
        </Typography.Text>
        <Input.TextArea
          rows={3}
          value={comment}
          maxLength={2000}
          onChange={(e) => setComment(e.target.value)}
          data-testid="measure-step-comment"
        />
      </Modal>
    </>
  );
}
