import { QuestionCircleOutlined } from '@ant-design/icons';
import type {
  TCallbackOutcome,
  TCriterionScore,
  TFinding,
  TInspectionDetail,
  TInspectionMethod,
  TRubricCriterion,
} from '@huifang/contracts';
import { CALLBACK_OUTCOMES, FINDINGS, INSPECTION_METHODS } from '@huifang/contracts/values';
import { applyCallbackVerdict, isLowScore, scoreInspection } from '@huifang/domain';
import { useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Checkbox,
  Divider,
  Form,
  Input,
  InputNumber,
  Select,
  Space,
  Statistic,
  Switch,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { inspectionsQuery, useInspectionAction } from './api';
import { errorText } from './labels';

type Entry = { score?: number | null; failed?: boolean; comment?: string };

/** The right side of the workspace while inspecting: the rubric, findings, method, live total. */
export function ScoringForm({ detail }: { detail: TInspectionDetail }) {
  const { t } = useTranslation('supervision');
  const { message, modal } = App.useApp();
  const action = useInspectionAction();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [entries, setEntries] = useState<Record<string, Entry>>(() =>
    Object.fromEntries(
      detail.scores.map((s) => [
        s.criterionId,
        { score: s.score, failed: s.failed ?? false, comment: s.comment ?? '' },
      ]),
    ),
  );
  const [findings, setFindings] = useState<TFinding[]>(detail.findings);
  const [method, setMethod] = useState<TInspectionMethod>(detail.method);
  const [callbackOutcome, setCallbackOutcome] = useState<TCallbackOutcome | null>(detail.callbackOutcome);
  const [comment, setComment] = useState(detail.comment ?? '');
  const since = useRef(Date.now());

  const criteria = detail.rubricSnapshot;
  const scores: TCriterionScore[] = criteria.flatMap((c) => {
    const e = entries[c.id];
    if (e?.score === null || e?.score === undefined) return [];
    return [
      {
        criterionId: c.id,
        score: e.score,
        failed: c.critical ? (e.failed ?? false) : undefined,
        comment: e.comment || null,
      },
    ];
  });
  const verdict = applyCallbackVerdict(findings, method === 'CUSTOMER_CALLBACK' ? callbackOutcome : null);
  const fabricated = verdict.fabricated;
  const live = scoreInspection(criteria, scores, detail.passThreshold, { forceCriticalFail: fabricated });

  const set = (id: string, patch: Entry) => setEntries((all) => ({ ...all, [id]: { ...all[id], ...patch } }));
  const body = () => {
    const spent = Math.round((Date.now() - since.current) / 1000);
    return {
      scores,
      findings: verdict.findings,
      method,
      callbackOutcome: method === 'CUSTOMER_CALLBACK' ? callbackOutcome : null,
      comment: comment || null,
      timeSpentSec: spent,
      version: detail.version,
    };
  };
  const run = (kind: 'save' | 'submit', next = false) =>
    action.mutate(
      { id: detail.id, action: kind, body: body() },
      {
        onSuccess: () => {
          since.current = Date.now();
          message.success(kind === 'save' ? t('work.saved') : t('work.submitted'));
          if (next) void openNext();
        },
        onError: (e) => message.error(errorText(t, e)),
      },
    );
  /** 提交并下一条: the next inspection of my queue (in the queue's order), or back to the queue. */
  const openNext = async () => {
    const queue = await qc.fetchQuery({
      ...inspectionsQuery({ inspectorId: 'me', open: 'true', page: 1, size: 20 }),
      staleTime: 0,
    });
    const next = queue.items.find((i) => i.id !== detail.id);
    if (next) navigate(`/inspections/${next.id}`);
    else {
      message.info(t('work.queueDone'));
      navigate('/inspections');
    }
  };
  const confirmSubmit = (next: boolean) =>
    modal.confirm({
      title: t('work.submitConfirm'),
      content: t('work.submitHint'),
      okText: next ? t('work.submitNext') : t('common:actions.submit'),
      cancelText: t('common:actions.cancel'),
      onOk: () => void run('submit', next),
    });
  const cannotSubmit =
    live.missing.length > 0 || live.errors.length > 0 || (method === 'CUSTOMER_CALLBACK' && !callbackOutcome);
  const failedCritical = new Set(live.failedCritical);

  const row = (c: TRubricCriterion) => {
    const e = entries[c.id] ?? {};
    const low = e.score !== null && e.score !== undefined && isLowScore(e.score, c.weight);
    const needsComment = low && !e.comment?.trim();
    // a must-pass item that fails (marked, or scored below 60 %) shows red
    const failed = failedCritical.has(c.id);
    return (
      <div
        key={c.id}
        data-testid={`criterion-${c.id}`}
        data-failed={failed ? 'true' : undefined}
        style={{
          marginBottom: 12,
          padding: '6px 8px',
          borderRadius: 6,
          borderLeft: `3px solid ${failed ? '#ff4d4f' : 'transparent'}`,
          background: failed ? '#fff1f0' : undefined,
        }}
      >
        <Space align="center" wrap>
          <Typography.Text strong type={failed ? 'danger' : undefined}>
            {c.name}
          </Typography.Text>
          {c.critical ? (
            <Tag color={failed ? 'red' : 'volcano'}>
              {failed ? t('work.criticalFailedItem') : t('rubric.critical')}
            </Tag>
          ) : null}
          {c.guidance ? (
            <Tooltip title={c.guidance}>
              <QuestionCircleOutlined aria-label={t('work.guidance')} />
            </Tooltip>
          ) : null}
          <InputNumber
            min={0}
            max={c.weight}
            precision={0}
            value={e.score ?? null}
            onChange={(v) => set(c.id, { score: v })}
            suffix={`/ ${c.weight}`}
            aria-label={c.name}
            data-testid={`score-${c.id}`}
            style={{ width: 130 }}
          />
          {c.critical ? (
            <Switch
              checkedChildren={t('work.criticalPass')}
              unCheckedChildren={t('work.criticalFail')}
              checked={!(e.failed ?? false)}
              onChange={(ok) => set(c.id, { failed: !ok })}
              data-testid={`critical-${c.id}`}
            />
          ) : null}
          {low ? <Tag color="orange">{t('work.low')}</Tag> : null}
        </Space>
        {low || e.comment || failed ? (
          <Form.Item
            style={{ margin: '6px 0 0' }}
            validateStatus={needsComment ? 'error' : undefined}
            help={needsComment ? t('work.commentRequired') : undefined}
          >
            <Input.TextArea
              rows={2}
              placeholder={t('work.itemComment')}
              value={e.comment ?? ''}
              onChange={(ev) => set(c.id, { comment: ev.target.value })}
              aria-label={`${c.name}: ${t('work.itemComment')}`}
              data-testid={`comment-${c.id}`}
            />
          </Form.Item>
        ) : null}
      </div>
    );
  };

  return (
    <Card
      size="small"
      title={t('work.rubric', { name: detail.rubric.name, version: detail.rubric.version })}
      data-testid="scoring-form"
    >
      <Space size={32} style={{ marginBottom: 12 }}>
        <Statistic
          title={t('work.liveTotal')}
          value={live.total}
          suffix="/ 100"
          styles={{ content: { fontVariantNumeric: 'tabular-nums' } }}
          data-testid="live-total"
        />
        <div>
          <Typography.Text type="secondary">
            {t('work.liveResult', { threshold: detail.passThreshold })}
          </Typography.Text>
          <div style={{ marginTop: 6 }}>
            <Tag
              color={live.passed ? 'green' : 'red'}
              data-testid="live-result"
              style={{ fontSize: 14, padding: '2px 10px' }}
            >
              {live.passed ? t('result.pass') : t('result.fail')}
            </Tag>
            {live.criticalFailed ? <Tag color="red">{t('work.criticalFailed')}</Tag> : null}
            {live.missing.length ? <Tag>{t('work.missing', { count: live.missing.length })}</Tag> : null}
          </div>
        </div>
      </Space>
      {/* the rubric's order, as in the result */}
      <Divider titlePlacement="start" plain>
        {t('work.regularSection')}
      </Divider>
      {criteria.map(row)}
      <Divider titlePlacement="start" plain>
        {t('work.verdict')}
      </Divider>
      {/* these items have no `name`, so their labels point at nothing: each control names itself */}
      <Form layout="vertical">
        <Form.Item label={t('work.method')}>
          <Select
            value={method}
            onChange={setMethod}
            options={INSPECTION_METHODS.map((m) => ({
              value: m,
              label: t(`method.${m}`),
              // no recording: nothing to listen to
              disabled: m === 'RECORDING_REVIEW' && !detail.visit.hasRecording,
            }))}
            aria-label={t('work.method')}
            data-testid="inspection-method"
          />
        </Form.Item>
        {method === 'CUSTOMER_CALLBACK' ? (
          <Form.Item label={t('work.callbackOutcome')} required>
            <Select
              value={callbackOutcome ?? undefined}
              placeholder={t('work.callbackPlaceholder')}
              onChange={setCallbackOutcome}
              options={CALLBACK_OUTCOMES.map((o) => ({ value: o, label: t(`callback.${o}`) }))}
              aria-label={t('work.callbackOutcome')}
              data-testid="callback-outcome"
            />
          </Form.Item>
        ) : null}
        <Form.Item label={t('work.findings')}>
          <Checkbox.Group
            value={findings}
            onChange={(v) => setFindings(v as TFinding[])}
            options={FINDINGS.map((f) => ({ value: f, label: t(`finding.${f}`) }))}
            aria-label={t('work.findings')}
            data-testid="inspection-findings"
          />
        </Form.Item>
        <Form.Item label={t('work.comment')}>
          <Input.TextArea
            rows={3}
            value={comment}
            onChange={(e) => setComment(e.target.value)}
            aria-label={t('work.comment')}
            data-testid="inspection-comment"
          />
        </Form.Item>
        <Space>
          <Button
            onClick={() => run('save')}
            loading={action.isPending && action.variables?.action === 'save'}
            data-testid="inspection-save"
          >
            {t('work.saveDraft')}
          </Button>
          <Button
            onClick={() => confirmSubmit(false)}
            disabled={cannotSubmit}
            loading={action.isPending && action.variables?.action === 'submit'}
            data-testid="inspection-submit"
          >
            {t('common:actions.submit')}
          </Button>
          <Button
            type="primary"
            onClick={() => confirmSubmit(true)}
            disabled={cannotSubmit}
            loading={action.isPending && action.variables?.action === 'submit'}
            data-testid="inspection-submit-next"
          >
            {t('work.submitNext')}
          </Button>
        </Space>
      </Form>
    </Card>
  );
}
