// Form controls of the visit form: a 1–5 rating that takes number keys, an NPS row, yes/no,
// and a questionnaire question rendered by its kind.
import type { TQuestion, TStoredAnswer, TTaskStatus, TVisitOutcome } from '@huifang/contracts';
import { Form, Input, Radio, Rate, Tag, Typography } from 'antd';
import type { KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';

/** A 1–5 rating; while focused, the keys 1–5 set it (and 0/Backspace clears it). */
export function RateInput({
  value,
  onChange,
  id,
  testId,
  label,
}: {
  value?: number | null;
  onChange?: (v: number | null) => void;
  id?: string;
  testId?: string;
  label?: string;
}) {
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    if (/^[1-5]$/.test(e.key)) {
      e.preventDefault();
      e.stopPropagation();
      onChange?.(Number(e.key));
    } else if (e.key === 'ArrowRight' || e.key === 'ArrowUp') {
      e.preventDefault();
      onChange?.(Math.min(5, (value ?? 0) + 1));
    } else if (e.key === 'ArrowLeft' || e.key === 'ArrowDown') {
      e.preventDefault();
      onChange?.(Math.max(1, (value ?? 2) - 1));
    } else if (e.key === '0' || e.key === 'Backspace') {
      e.preventDefault();
      onChange?.(null);
    }
  };
  return (
    <div
      id={id}
      tabIndex={0}
      role="slider"
      aria-valuemin={1}
      aria-valuemax={5}
      aria-valuenow={value ?? undefined}
      aria-label={label}
      onKeyDown={onKeyDown}
      data-testid={testId}
      data-value={value ?? ''}
      className="hf-rate"
      style={{ display: 'inline-flex', alignItems: 'center', gap: 12, padding: '2px 6px', borderRadius: 6 }}
    >
      <Rate value={value ?? 0} onChange={(v) => onChange?.(v || null)} tabIndex={-1} />
      <Typography.Text type="secondary" style={{ minWidth: 24 }}>
        {value ? `${value} / 5` : ''}
      </Typography.Text>
    </div>
  );
}

const NPS_OPTIONS = Array.from({ length: 11 }, (_, i) => ({ label: String(i), value: i }));

export function NpsInput({
  value,
  onChange,
  id,
  testId,
}: {
  value?: number | null;
  onChange?: (v: number) => void;
  id?: string;
  testId?: string;
}) {
  const { t } = useTranslation('tasks');
  return (
    <div id={id} data-testid={testId}>
      <Radio.Group
        optionType="button"
        size="small"
        options={NPS_OPTIONS}
        value={value ?? undefined}
        onChange={(e) => onChange?.(e.target.value as number)}
      />
      <div style={{ display: 'flex', justifyContent: 'space-between', maxWidth: 420, marginTop: 4 }}>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('form.npsLow')}
        </Typography.Text>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('form.npsHigh')}
        </Typography.Text>
      </div>
    </div>
  );
}

/** One question of a questionnaire as a Form.Item under `answers.<id>`. */
export function QuestionField(props: { question: TQuestion; index: number }) {
  return (
    <div data-testid="question" data-kind={props.question.kind} data-question={props.question.id}>
      <QuestionItem {...props} />
    </div>
  );
}

function QuestionItem({ question, index }: { question: TQuestion; index: number }) {
  const { t } = useTranslation('tasks');
  const required = question.required !== false;
  const testId = `q-${question.id}`;
  const label = `${index + 1}. ${question.label}`;
  const rules = required ? [{ required: true, message: t('form.required') }] : [];
  switch (question.kind) {
    case 'SATISFACTION':
      return (
        <Form.Item
          name={['answers', question.id]}
          label={label}
          rules={rules}
          extra={index === 0 ? t('form.keyHint') : undefined}
        >
          <RateInput testId={testId} label={question.label} />
        </Form.Item>
      );
    case 'NPS':
      return (
        <Form.Item name={['answers', question.id]} label={label} rules={rules}>
          <NpsInput testId={testId} />
        </Form.Item>
      );
    case 'YES_NO':
      return (
        <Form.Item name={['answers', question.id]} label={label} rules={rules}>
          <Radio.Group
            data-testid={testId}
            options={[
              { label: t('form.yes'), value: true },
              { label: t('form.no'), value: false },
            ]}
          />
        </Form.Item>
      );
    case 'SINGLE_CHOICE':
      return (
        <Form.Item name={['answers', question.id]} label={label} rules={rules}>
          <Radio.Group
            data-testid={testId}
            options={(question.options ?? []).map((o) => ({ label: o, value: o }))}
          />
        </Form.Item>
      );
    case 'TEXT':
      return (
        <Form.Item name={['answers', question.id]} label={label} rules={rules}>
          <Input.TextArea
            data-testid={testId}
            autoSize={{ minRows: 2, maxRows: 6 }}
            maxLength={2000}
            showCount
          />
        </Form.Item>
      );
  }
}

/** An answer as text: stars, a score, yes/no or the words given. */
export function AnswerText({ answer }: { answer: TStoredAnswer }) {
  const { t } = useTranslation('tasks');
  if (answer.kind === 'YES_NO') return <>{answer.value ? t('form.yes') : t('form.no')}</>;
  if (answer.kind === 'SATISFACTION') return <>{`${answer.value} / 5`}</>;
  if (answer.kind === 'NPS') return <>{`${answer.value} / 10`}</>;
  return <>{String(answer.value)}</>;
}

const STATUS_COLORS: Record<TTaskStatus, string> = {
  PENDING: 'default',
  IN_PROGRESS: 'processing',
  DONE: 'success',
  UNREACHABLE: 'warning',
  CANCELLED: 'default',
};
export function TaskStatusTag({ status }: { status: TTaskStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATUS_COLORS[status]} data-testid="task-status">
      {t(`taskStatus.${status}`)}
    </Tag>
  );
}

const OUTCOME_COLORS: Record<TVisitOutcome, string> = {
  COMPLETED: 'green',
  NO_ANSWER: 'orange',
  CALL_BACK_LATER: 'blue',
  DECLINED: 'red',
  WRONG_NUMBER: 'volcano',
};
export const outcomeColor = (o: TVisitOutcome) => OUTCOME_COLORS[o];
export function OutcomeTag({ outcome }: { outcome: TVisitOutcome }) {
  const { t } = useTranslation();
  return <Tag color={OUTCOME_COLORS[outcome]}>{t(`outcome.${outcome}`)}</Tag>;
}

export function Duration({ sec }: { sec: number | null | undefined }) {
  const { t } = useTranslation('tasks');
  if (sec === null || sec === undefined) return <>{t('common:none')}</>;
  return <>{t('records.durationValue', { min: Math.floor(sec / 60), sec: sec % 60 })}</>;
}
