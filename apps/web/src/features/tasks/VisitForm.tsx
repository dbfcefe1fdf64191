import { UploadOutlined } from '@ant-design/icons';
import type { TTaskDetail, TVisitCreate, TVisitCreated, TVisitOutcome } from '@huifang/contracts';
import { CHANNELS, CUSTOMER_EVENT_KINDS, RECORDING_ACCEPT, VISIT_OUTCOMES } from '@huifang/contracts/values';
import { useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Divider,
  Flex,
  Form,
  Input,
  InputNumber,
  Select,
  Space,
  Typography,
  Upload,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../lib/api';
import { useCan } from '../../lib/auth';
import { getOrgTimezone } from '../../lib/format';
import { recordingErrorText, recordingKeys, uploadRecording } from '../recordings/api';
import { newIdempotencyKey, taskKeys, useCreateVisit } from './api';
import { apiErrorText, serverFieldOf } from './errors';
import { ChoiceInput, QuestionField, RateInput } from './inputs';
import { SignaturePad } from './SignaturePad';
import {
  isCallBackAhead,
  orgWallNow,
  orgWallToIso,
  type QuickCallBack,
  quickCallBack,
  startedAtProblem,
  toOrgWall,
} from './time';
import { offerOf, type TicketValues, VisitTicketFields } from './VisitTicket';

// The date/time pickers hold organisation wall-clock values (see ./time): what the caller picks
// as 10:00 is 10:00 in the organisation's timezone, whatever the browser's.
interface Values extends TicketValues {
  outcome?: TVisitCreate['outcome'];
  channel: TVisitCreate['channel'];
  startedAt?: Dayjs;
  durationMin?: number | null;
  satisfaction?: number | null;
  answers?: Record<string, number | boolean | string | null | undefined>;
  opinions?: string;
  suggestions?: string;
  recordingRef?: string;
  signature?: string | null;
  callBackAt?: Dayjs | null;
  /** what the customer told of (they enrolled, finished …): saved as their event */
  eventKind?: (typeof CUSTOMER_EVENT_KINDS)[number] | null;
  eventDay?: Dayjs | null;
}

/** A server's field of a 422 → the form's field that shows it. */
const FIELD_NAMES: Record<string, keyof Values | ['ticket', 'category']> = {
  satisfaction: 'satisfaction',
  callBackAt: 'callBackAt',
  signature: 'signature',
  startedAt: 'startedAt',
  ticket: 'raiseTicket',
  category: ['ticket', 'category'],
  event: 'eventKind',
};
const QUICK: QuickCallBack[] = ['twoHours', 'tomorrow', 'threeDays'];

/**
 * The one-column visit form: outcome first, then the fields that outcome needs. Every
 * submission of one form carries the same Idempotency-Key, so a retry never makes two records.
 */
export function VisitForm({
  task,
  onSaved,
}: {
  task: TTaskDetail;
  onSaved: (result: TVisitCreated) => void;
}) {
  const { t } = useTranslation('tasks');
  const [form] = Form.useForm<Values>();
  const outcome = Form.useWatch('outcome', form);
  const channel = Form.useWatch('channel', form);
  const callBackAt = Form.useWatch('callBackAt', form);
  const satisfaction = Form.useWatch('satisfaction', form);
  const answers = Form.useWatch('answers', form);
  const eventKind = Form.useWatch('eventKind', form);
  const key = useRef(newIdempotencyKey());
  const create = useCreateVisit(task.id);
  const { message } = App.useApp();
  const can = useCan();
  // the call's audio, uploaded once the record is saved (docs/product.md#recordings)
  const [recordingFile, setRecordingFile] = useState<File | null>(null);
  const [uploadingRecording, setUploadingRecording] = useState(false);
  const queryClient = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const questions = task.questionnaire?.questions ?? [];
  const completed = outcome === 'COMPLETED';
  const tz = getOrgTimezone();
  const offer = offerOf(outcome, { satisfaction, answers }, questions);
  const ticketFields = <VisitTicketFields form={form} offer={offer} customer={task.customer.name} />;

  // Ctrl+Enter (⌘+Enter) saves from anywhere on the page, text areas included; Alt+1…5 choose the
  // outcome and put the focus on the first field it needs.
  const afterOutcome = useRef<HTMLDivElement>(null);
  const focusFirstField = () =>
    afterOutcome.current
      ?.querySelector<HTMLElement>('[tabindex="0"], input:not([type="hidden"]), textarea, button')
      ?.focus();
  /** the outcome just chosen by its hotkey: once the form shows it, the cursor goes to its first field */
  const focusAfterOutcome = useRef<TVisitOutcome | null>(null);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
        e.preventDefault();
        form.submit();
        return;
      }
      const digit = /^Digit([1-9])$/.exec(e.code)?.[1];
      const chosen =
        digit && e.altKey && !e.ctrlKey && !e.metaKey ? VISIT_OUTCOMES[Number(digit) - 1] : undefined;
      if (chosen) {
        e.preventDefault();
        const again = form.getFieldValue('outcome') === chosen;
        form.setFieldValue('outcome', chosen);
        void form.validateFields(['outcome']);
        if (again) focusFirstField();
        else focusAfterOutcome.current = chosen;
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [form]);
  useEffect(() => {
    if (!outcome || focusAfterOutcome.current !== outcome) return;
    focusAfterOutcome.current = null;
    focusFirstField();
  }, [outcome]);

  const submit = (v: Values) => {
    if (create.isPending || !v.outcome) return;
    setError(null);
    const body: TVisitCreate = {
      channel: v.channel,
      outcome: v.outcome,
      startedAt: v.startedAt ? orgWallToIso(v.startedAt, tz) : new Date().toISOString(),
      durationSec:
        v.channel === 'FACE_TO_FACE' || v.durationMin === null || v.durationMin === undefined
          ? null
          : Math.round(v.durationMin * 60),
      recordingRef: (v.channel !== 'FACE_TO_FACE' && v.recordingRef) || null,
    };
    if (v.outcome === 'COMPLETED') {
      body.satisfaction = v.satisfaction ?? null;
      body.answers = Object.entries(v.answers ?? {})
        .filter(
          ([id, value]) =>
            questions.some((q) => q.id === id) && value !== undefined && value !== null && value !== '',
        )
        .map(([questionId, value]) => ({ questionId, value: value as number | boolean | string }));
      body.opinions = v.opinions || null;
      body.suggestions = v.suggestions || null;
      if (v.channel === 'FACE_TO_FACE') body.signature = v.signature ?? null;
      if (v.eventKind)
        body.event = {
          kind: v.eventKind,
          day: (v.eventDay ?? dayjs().tz(tz)).format('YYYY-MM-DD'),
        };
    }
    if (v.outcome === 'DECLINED') body.opinions = v.opinions || null;
    if (v.outcome === 'CALL_BACK_LATER')
      body.callBackAt = v.callBackAt ? orgWallToIso(v.callBackAt, tz) : null;
    const ticket = v.ticket;
    if (v.raiseTicket && ticket?.category && ticket.severity && offerOf(v.outcome, v, questions) !== 'NONE') {
      body.ticket = {
        category: ticket.category,
        severity: ticket.severity,
        title: ticket.title ?? '',
        description: ticket.description ?? '',
      };
    }

    // The promise, not mutate's callbacks: saving closes the task, and the task's refetch (awaited
    // by the mutation's own onSuccess) may unmount this form first; mutate's callbacks would then
    // never run, leaving the caller on the closed task without the saved message.
    create.mutateAsync({ body, key: key.current }).then(
      (result) => {
        const file = v.channel !== 'FACE_TO_FACE' ? recordingFile : null;
        if (!file) return onSaved(result);
        // the record stands whatever happens to its audio: a failed upload can be repeated on the record
        setUploadingRecording(true);
        uploadRecording(result.visit.id, file, () => undefined)
          .then(() => message.success(t('recordings:uploaded')))
          .catch((e: unknown) => message.error(recordingErrorText(t, e)))
          .finally(() => {
            setUploadingRecording(false);
            setRecordingFile(null);
            void queryClient.invalidateQueries({ queryKey: recordingKeys.visit(result.visit.id) });
            onSaved(result);
          });
      },
      (e: unknown) => {
        if (!(e instanceof ApiError)) return setError(t('common:error.network'));
        if (e.status === 409) {
          // Closed meanwhile (another tab, a lead): show the task as it is now.
          void queryClient.invalidateQueries({ queryKey: taskKeys.detail(task.id) });
          return setError(t('form.closedConflict'));
        }
        if (e.status === 422) {
          const details = e.details;
          if (Array.isArray(details)) {
            form.setFields(
              details
                .filter((d): d is { questionId: string; code: string } => !!d?.questionId)
                .map((d) => ({ name: ['answers', d.questionId], errors: [t(`answerError.${d.code}`)] })),
            );
            return setError(t('form.fixErrors'));
          }
          const field = serverFieldOf(e);
          const name = field ? FIELD_NAMES[field] : undefined;
          if (name) form.setFields([{ name, errors: [apiErrorText(t, e)] }]);
        }
        setError(apiErrorText(t, e));
      },
    );
  };

  return (
    <Card title={t('form.title')} data-testid="visit-form">
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ channel: task.channel, startedAt: toOrgWall(new Date(), tz), answers: {} }}
        scrollToFirstError={{ block: 'center', focus: true }}
      >
        <Form.Item
          name="outcome"
          label={t('form.outcome')}
          rules={[{ required: true, message: t('form.chooseOutcome') }]}
        >
          <ChoiceInput<TVisitOutcome>
            buttons
            testId="outcome"
            options={VISIT_OUTCOMES.map((o) => ({ label: t(`common:outcome.${o}`), value: o }))}
            keys={VISIT_OUTCOMES.map((_, i) => [String(i + 1)])}
          />
        </Form.Item>
        <Form.Item name="channel" label={t('form.channel')} rules={[{ required: true }]}>
          <Select
            style={{ maxWidth: 240 }}
            data-testid="channel"
            options={CHANNELS.map((c) => ({ label: t(`common:channel.${c}`), value: c }))}
          />
        </Form.Item>
        <div ref={afterOutcome}>
          {outcome === 'DECLINED' && (
            <>
              <Alert type="warning" showIcon title={t('form.declineWarning')} style={{ marginBottom: 16 }} />
              <Form.Item name="opinions" label={t('form.declineNote')}>
                <Input.TextArea autoSize={{ minRows: 2, maxRows: 4 }} maxLength={2000} />
              </Form.Item>
              {ticketFields}
            </>
          )}
          {outcome === 'WRONG_NUMBER' && (
            <Alert
              type="warning"
              showIcon
              title={t('form.wrongNumberWarning')}
              style={{ marginBottom: 16 }}
            />
          )}
          {outcome === 'NO_ANSWER' && (
            <Alert type="info" showIcon title={t('form.noAnswerHint')} style={{ marginBottom: 16 }} />
          )}

          {outcome === 'CALL_BACK_LATER' && (
            <Form.Item
              label={t('form.callBackAt')}
              required
              extra={
                callBackAt
                  ? t('form.callBackOrgTime', { time: callBackAt.format('YYYY-MM-DD HH:mm'), tz })
                  : undefined
              }
            >
              <Space wrap>
                <Form.Item
                  name="callBackAt"
                  noStyle
                  rules={[
                    { required: true, message: t('form.required') },
                    {
                      validator: (_, v: Dayjs | null) =>
                        !v || isCallBackAhead(v, tz)
                          ? Promise.resolve()
                          : Promise.reject(new Error(t('form.pastTime'))),
                    },
                  ]}
                >
                  <DatePicker
                    showTime={{ format: 'HH:mm' }}
                    format="YYYY-MM-DD HH:mm"
                    showNow={false}
                    disabledDate={(d) => d.isBefore(orgWallNow(tz), 'day')}
                    data-testid="callback-at"
                  />
                </Form.Item>
                {QUICK.map((choice) => (
                  <Button
                    key={choice}
                    size="small"
                    data-testid={`callback-${choice}`}
                    onClick={() => {
                      form.setFieldValue('callBackAt', quickCallBack(choice, tz));
                      void form.validateFields(['callBackAt']);
                    }}
                  >
                    {t(`form.quick.${choice}`)}
                  </Button>
                ))}
              </Space>
            </Form.Item>
          )}
          {outcome === 'CALL_BACK_LATER' && ticketFields}

          {completed && (
            <>
              {task.questionnaire && (
                <Divider titlePlacement="start" plain>
                  {t('form.questionnaire', { name: task.questionnaire.name })}
                </Divider>
              )}
              {questions.map((q, i) => (
                <QuestionField key={q.id} question={q} index={i} />
              ))}
              <Divider plain />
              <Form.Item
                name="satisfaction"
                label={t('form.satisfaction')}
                rules={[{ required: true, message: t('form.rateRequired') }]}
              >
                <RateInput testId="satisfaction" label={t('form.satisfaction')} />
              </Form.Item>
              <Form.Item name="opinions" label={t('form.opinions')}>
                <Input.TextArea
                  autoSize={{ minRows: 2, maxRows: 6 }}
                  maxLength={2000}
                  data-testid="opinions"
                />
              </Form.Item>
              <Form.Item name="suggestions" label={t('form.suggestions')}>
                <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} />
              </Form.Item>
              {ticketFields}
              {channel === 'FACE_TO_FACE' && (
                <Form.Item
                  name="signature"
                  label={t('form.signature')}
                  rules={[{ required: true, message: t('form.signatureRequired') }]}
                >
                  <SignaturePad />
                </Form.Item>
              )}
              <Flex gap={12} wrap>
                <Form.Item
                  name="eventKind"
                  label={t('form.event')}
                  extra={t('form.eventHint')}
                  style={{ flex: '1 1 220px' }}
                >
                  <Select
                    allowClear
                    placeholder={t('form.eventNone')}
                    options={CUSTOMER_EVENT_KINDS.map((k) => ({
                      value: k,
                      label: t(`customers:eventKind.${k}`),
                    }))}
                    data-testid="visit-event"
                  />
                </Form.Item>
                {eventKind ? (
                  <Form.Item name="eventDay" label={t('form.eventDay')} style={{ flex: '0 1 180px' }}>
                    <DatePicker
                      allowClear={false}
                      disabledDate={(d) => d.isAfter(dayjs().tz(tz), 'day')}
                      placeholder={dayjs().tz(tz).format('YYYY-MM-DD')}
                      data-testid="visit-event-day"
                    />
                  </Form.Item>
                ) : null}
              </Flex>
            </>
          )}
        </div>
        <Divider plain />
        <Form.Item
          name="startedAt"
          label={t('form.startedAt')}
          extra={t('form.orgTimeHint', { tz })}
          rules={[
            {
              validator: (_, v: Dayjs | null) => {
                const problem = v ? startedAtProblem(v, tz, { taskCreatedAt: task.createdAt }) : null;
                return problem
                  ? Promise.reject(new Error(t(`form.startedAtProblem.${problem}`)))
                  : Promise.resolve();
              },
            },
          ]}
        >
          <DatePicker
            showTime={{ format: 'HH:mm' }}
            format="YYYY-MM-DD HH:mm"
            showNow={false}
            disabledDate={(d) => {
              const now = orgWallNow(tz);
              return (
                d.isAfter(now, 'day') ||
                d.isBefore(now.subtract(2, 'day'), 'day') ||
                d.isBefore(toOrgWall(task.createdAt, tz), 'day')
              );
            }}
            allowClear={false}
            data-testid="started-at"
          />
        </Form.Item>
        {/* a call's length and recording; a face-to-face visit has its signature instead */}
        {channel !== 'FACE_TO_FACE' && (
          <>
            <Form.Item name="durationMin" label={t('form.duration')}>
              <InputNumber
                min={0}
                max={1440}
                precision={1}
                suffix={t('form.minutes')}
                style={{ width: 160 }}
                aria-label={t('form.duration')}
              />
            </Form.Item>
            <Form.Item name="recordingRef" label={t('form.recordingRef')} extra={t('form.recordingRefHint')}>
              <Input maxLength={500} style={{ maxWidth: 360 }} />
            </Form.Item>
            {can('recording:upload') && (
              <Form.Item label={t('form.recordingFile')} extra={t('form.recordingFileHint')}>
                <Upload
                  accept={RECORDING_ACCEPT}
                  maxCount={1}
                  beforeUpload={(file) => {
                    setRecordingFile(file);
                    return false;
                  }}
                  onRemove={() => setRecordingFile(null)}
                  fileList={
                    recordingFile ? [{ uid: 'recording', name: recordingFile.name, status: 'done' }] : []
                  }
                >
                  <Button icon={<UploadOutlined />} data-testid="visit-recording-file">
                    {t('form.recordingFileChoose')}
                  </Button>
                </Upload>
              </Form.Item>
            )}
          </>
        )}

        {error && (
          <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="visit-error" />
        )}
        <Space>
          <Button
            type="primary"
            htmlType="submit"
            loading={create.isPending || uploadingRecording}
            data-testid="save-visit"
          >
            {t('form.save')}
          </Button>
          <Typography.Text type="secondary" className="hf-keyboard-hint">
            {t('form.shortcutsHint')}
          </Typography.Text>
        </Space>
      </Form>
    </Card>
  );
}
