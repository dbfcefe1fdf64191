// Form controls of the visit form: a 1–5 rating that takes number keys, an NPS row, yes/no,
// and a questionnaire question rendered by its kind.

import { StarFilled } from '@ant-design/icons';
import type { TQuestion, TStoredAnswer, TTaskStatus, TVisitOutcome } from '@huifang/contracts';
import { Form, Input, Radio, Tag, Typography } from 'antd';
import { type FocusEvent, type KeyboardEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * A 1–5 rating as ONE tab stop (a slider): while focused, 1–5 set it, the arrows move it, 0 or
 * Backspace clears it. The stars are drawn, not focusable (antd's Rate makes every star a tab stop
 * whose Enter clicks it — and a click on the chosen star cleared it, so Ctrl+Enter cleared the
 * rating just given). Clicking a star sets it; clicking the chosen one keeps it.
 */
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
  const { t } = useTranslation('tasks');
  const [hover, setHover] = useState<number | null>(null);
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    if (/^[1-5]$/.test(e.key)) {
      e.preventDefault();
      onChange?.(Number(e.key));
      focusNextField(e.currentTarget);
    } else if (e.key === 'ArrowRight' || e.key === 'ArrowUp') {
      e.preventDefault();
      onChange?.(Math.min(5, (value ?? 0) + 1));
    } else if (e.key === 'ArrowLeft' || e.key === 'ArrowDown') {
      e.preventDefault();
      onChange?.(Math.max(1, (value ?? 2) - 1));
    } else if (e.key === '0' || e.key === 'Backspace' || e.key === 'Delete') {
      e.preventDefault();
      onChange?.(null);
    }
  };
  const shown = hover ?? value ?? 0;
  return (
    <div
      id={id}
      tabIndex={0}
      role="slider"
      // a slider always has a value: 0 is "not rated" (what 0 or Backspace sets)
      aria-valuemin={0}
      aria-valuemax={5}
      aria-valuenow={value ?? 0}
      aria-valuetext={value ? `${value} / 5` : t('form.notRated')}
      aria-label={label}
      onKeyDown={onKeyDown}
      data-testid={testId}
      data-value={value ?? ''}
      className="hf-rate"
      onMouseLeave={() => setHover(null)}
    >
      {[1, 2, 3, 4, 5].map((n) => (
        <StarFilled
          key={n}
          data-star={n}
          aria-hidden
          className={n <= shown ? 'hf-rate-star hf-rate-on' : 'hf-rate-star'}
          onMouseEnter={() => setHover(n)}
          onMouseDown={(e) => e.preventDefault()}
          onClick={() => {
            onChange?.(n);
            document.getElementById(id ?? '')?.focus();
          }}
        />
      ))}
      <Typography.Text type="secondary" style={{ minWidth: 32, marginLeft: 8 }}>
        {value ? `${value} / 5` : ''}
      </Typography.Text>
    </div>
  );
}

/**
 * Keys that pick an option of a radio group while it has focus: `keys[i]` picks `values[i]`
 * (YES_NO: 1/Y and 2/N; a single choice: 1–9). Returns an onKeyDown for the group's wrapper.
 */
function pickByKey<T>(keys: string[][], values: T[], onChange?: (v: T) => void) {
  return (e: KeyboardEvent<HTMLElement>) => {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    if ((e.target as HTMLElement).tagName === 'TEXTAREA') return;
    const i = keys.findIndex((ks) => ks.includes(e.key.toLowerCase()));
    if (i < 0 || i >= values.length) return;
    e.preventDefault();
    onChange?.(values[i] as T);
    focusNextField(e.currentTarget);
  };
}

/**
 * A key that answers a question also moves on to the next field of the form (as Tab would), so a
 * rating or a choice costs one keystroke; Shift+Tab goes back to change it.
 */
export function focusNextField(from: HTMLElement) {
  const form = from.closest('form');
  if (!form) return;
  const next = [
    ...form.querySelectorAll<HTMLElement>(
      '[tabindex="0"], input:not([type="hidden"]):not([disabled]), textarea:not([disabled]), button:not([disabled])',
    ),
  ].find(
    (el) =>
      !from.contains(el) &&
      el.tabIndex >= 0 &&
      el.getClientRects().length > 0 &&
      from.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING,
  );
  next?.focus();
}

const NPS_OPTIONS = Array.from({ length: 11 }, (_, i) => ({ label: String(i), value: i }));

/**
 * 0–10, one tab stop (a radio group): the arrows move, a digit sets it and moves on, and 1 then 0
 * within a second makes 10.
 */
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
  const lastDigit = useRef<{ key: string; at: number } | null>(null);
  const onKeyDown = (e: KeyboardEvent<HTMLElement>) => {
    if (e.ctrlKey || e.metaKey || e.altKey || !/^[0-9]$/.test(e.key)) return;
    e.preventDefault();
    const last = lastDigit.current;
    const ten = e.key === '0' && last?.key === '1' && e.timeStamp - last.at < 1000;
    lastDigit.current = { key: e.key, at: e.timeStamp };
    onChange?.(ten ? 10 : Number(e.key));
    // a 1 may be the start of 10: wait for the next key (Tab moves on as usual)
    if (e.key !== '1') focusNextField(e.currentTarget);
  };
  return (
    <fieldset
      id={id}
      className="hf-choice"
      data-testid={testId}
      onKeyDown={onKeyDown}
      tabIndex={-1}
      onFocus={focusOption}
    >
      <Radio.Group
        optionType="button"
        size="small"
        name={id}
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
    </fieldset>
  );
}

/**
 * The form focuses a field by its id (the first error after a failed save): a group passes that on
 * to its chosen option, or its first.
 */
export function focusOption(e: FocusEvent<HTMLElement>) {
  if (e.target !== e.currentTarget) return;
  e.currentTarget.querySelector<HTMLInputElement>('input:checked, input')?.focus();
}

/** Options as one tab stop; while it has focus, `keys[i]` picks option i. */
export function ChoiceInput<T extends string | boolean>({
  value,
  onChange,
  id,
  testId,
  options,
  keys,
  buttons,
}: {
  value?: T | null;
  onChange?: (v: T) => void;
  id?: string;
  testId?: string;
  options: { label: string; value: T }[];
  keys: string[][];
  /** solid buttons instead of radio circles */
  buttons?: boolean;
}) {
  return (
    <fieldset
      id={id}
      className="hf-choice"
      tabIndex={-1}
      onFocus={focusOption}
      onKeyDown={pickByKey(
        keys,
        options.map((o) => o.value),
        onChange,
      )}
    >
      <Radio.Group
        name={id}
        data-testid={testId}
        options={options}
        value={value ?? undefined}
        onChange={(e) => onChange?.(e.target.value as T)}
        {...(buttons ? { optionType: 'button' as const, buttonStyle: 'solid' as const } : {})}
      />
    </fieldset>
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
          extra={index === 0 ? <span className="hf-keyboard-hint">{t('form.keyHint')}</span> : undefined}
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
          <ChoiceInput<boolean>
            testId={testId}
            options={[
              { label: t('form.yes'), value: true },
              { label: t('form.no'), value: false },
            ]}
            keys={[
              ['1', 'y'],
              ['2', 'n'],
            ]}
          />
        </Form.Item>
      );
    case 'SINGLE_CHOICE':
      return (
        <Form.Item name={['answers', question.id]} label={label} rules={rules}>
          <ChoiceInput<string>
            testId={testId}
            options={(question.options ?? []).map((o, i) => ({
              label: i < 9 ? `${i + 1}. ${o}` : o,
              value: o,
            }))}
            keys={(question.options ?? []).slice(0, 9).map((_, i) => [String(i + 1)])}
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
