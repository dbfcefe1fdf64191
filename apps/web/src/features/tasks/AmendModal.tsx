import type { TAnswer, TQuestionnaire, TVisitAmendmentCreate, TVisitRecord } from '@huifang/contracts';
import { questionsAnsweredWith } from '@huifang/domain';
import { Alert, App, type ButtonProps, Form, Input, InputNumber, Modal } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../lib/api';
import { useAmendVisit } from './api';
import { apiErrorText } from './errors';
import { QuestionField, RateInput } from './inputs';

interface Values {
  reason: string;
  satisfaction?: number | null;
  answers?: Record<string, number | boolean | string | null | undefined>;
  opinions?: string;
  suggestions?: string;
  recordingRef?: string;
  durationSec?: number | null;
}

const blank = (s: string | null | undefined) => (s?.trim() ? s.trim() : null);

/** 更正: a reason and the amendable values, prefilled; only what changed is sent. */
export function AmendModal({
  record,
  questionnaire,
  onClose,
}: {
  record: TVisitRecord;
  questionnaire: TQuestionnaire | null;
  onClose: () => void;
}) {
  const { t } = useTranslation('tasks');
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const amend = useAmendVisit(record.id);
  const [error, setError] = useState<string | null>(null);
  const completed = record.outcome === 'COMPLETED';
  // Answers are corrected against the questions the record was answered with (as the API checks
  // them): the template may have changed since; only a record without answers takes it as it is.
  const template =
    completed && questionnaire && questionnaire.id === record.questionnaireId ? questionnaire.questions : [];
  const questions =
    completed && record.questionnaireId
      ? record.answers.length
        ? questionsAnsweredWith(record.answers, template)
        : template
      : [];

  const initialValues: Values = {
    reason: '',
    satisfaction: record.satisfaction,
    answers: Object.fromEntries(record.answers.map((a) => [a.questionId, a.value])),
    opinions: record.opinions ?? '',
    suggestions: record.suggestions ?? '',
    recordingRef: record.recordingRef ?? '',
    durationSec: record.durationSec,
  };

  const submit = (v: Values) => {
    setError(null);
    const changes: TVisitAmendmentCreate['changes'] = {};
    if (completed && v.satisfaction !== record.satisfaction && v.satisfaction)
      changes.satisfaction = v.satisfaction;
    if (questions.length) {
      const answers: TAnswer[] = Object.entries(v.answers ?? {})
        .filter(([, value]) => value !== undefined && value !== null && value !== '')
        .map(([questionId, value]) => ({ questionId, value: value as number | boolean | string }));
      const before = Object.fromEntries(record.answers.map((a) => [a.questionId, a.value]));
      const after = Object.fromEntries(answers.map((a) => [a.questionId, a.value]));
      const changed = Object.keys({ ...before, ...after }).some((k) => before[k] !== after[k]);
      if (changed) changes.answers = answers;
    }
    for (const f of ['opinions', 'suggestions', 'recordingRef'] as const) {
      if (blank(v[f]) !== (record[f] ?? null)) changes[f] = blank(v[f]);
    }
    if ((v.durationSec ?? null) !== record.durationSec) changes.durationSec = v.durationSec ?? null;
    if (!Object.keys(changes).length) return setError(t('amend.nothing'));

    amend.mutate(
      { reason: v.reason.trim(), changes, version: record.version },
      {
        onSuccess: () => {
          message.success(t('amend.saved'));
          onClose();
        },
        onError: (e) => {
          if (e instanceof ApiError && e.status === 422 && Array.isArray(e.details)) {
            form.setFields(
              e.details
                .filter((d): d is { questionId: string; code: string } => !!d?.questionId)
                .map((d) => ({ name: ['answers', d.questionId], errors: [t(`answerError.${d.code}`)] })),
            );
          }
          setError(apiErrorText(t, e));
        },
      },
    );
  };

  return (
    <Modal
      open
      title={t('amend.title')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common:actions.save')}
      cancelText={t('common:actions.cancel')}
      confirmLoading={amend.isPending}
      destroyOnHidden
      width={640}
      okButtonProps={{ 'data-testid': 'amend-save' } as ButtonProps}
    >
      <Alert type="info" showIcon title={t('amend.hint')} style={{ marginBottom: 16 }} />
      <Form<Values> form={form} layout="vertical" initialValues={initialValues} onFinish={submit}>
        <Form.Item
          name="reason"
          label={t('amend.reason')}
          rules={[
            { required: true, whitespace: true, message: t('amend.reasonRequired') },
            { min: 2, message: t('amend.reasonRequired') },
          ]}
        >
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 4 }} maxLength={500} data-testid="amend-reason" />
        </Form.Item>
        {completed && (
          <Form.Item name="satisfaction" label={t('amend.field.satisfaction')}>
            <RateInput testId="amend-satisfaction" label={t('amend.field.satisfaction')} />
          </Form.Item>
        )}
        {questions.map((q, i) => (
          <QuestionField key={q.id} question={q} index={i} />
        ))}
        <Form.Item name="opinions" label={t('amend.field.opinions')}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={2000} />
        </Form.Item>
        <Form.Item name="suggestions" label={t('amend.field.suggestions')}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={2000} />
        </Form.Item>
        <Form.Item name="recordingRef" label={t('amend.field.recordingRef')}>
          <Input maxLength={500} />
        </Form.Item>
        <Form.Item name="durationSec" label={t('amend.field.durationSec')}>
          <InputNumber min={0} max={86400} precision={0} style={{ width: 160 }} />
        </Form.Item>
        {error && <Alert type="error" showIcon title={error} data-testid="amend-error" />}
      </Form>
    </Modal>
  );
}
