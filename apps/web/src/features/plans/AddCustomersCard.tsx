import type { TChannel, TPlanDetail, TPlanItemsAddResult, TSegment, TTier } from '@huifang/contracts';
import { CHANNELS, SEGMENTS, TIERS } from '@huifang/contracts/values';
import { monthBounds } from '@huifang/domain';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, DatePicker, Form, Input, InputNumber, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { questionnairesQuery, useAddItems } from './api';
import { planError } from './errors';

interface Values {
  segments?: TSegment[];
  tiers?: TTier[];
  noVisitDays?: number | null;
  programme?: string;
  purpose: string;
  questionnaireId?: string;
  channel: TChannel;
  window: [Dayjs, Dayjs];
}

const ENUM_FILTERS = [
  { name: 'segments', values: SEGMENTS, labelNs: 'segment' },
  { name: 'tiers', values: TIERS, labelNs: 'tier' },
] as const;

/** Filter → add: the customers matching the conditions join the plan and the plan is rebalanced. */
export function AddCustomersCard({ plan }: { plan: TPlanDetail }) {
  const { t } = useTranslation('plans');
  const [form] = Form.useForm<Values>();
  const questionnaires = useQuery(questionnairesQuery);
  const add = useAddItems(plan.id);
  const [result, setResult] = useState<TPlanItemsAddResult | null>(null);
  const [conditionError, setConditionError] = useState(false);
  const { first, last } = monthBounds(plan.month);

  const onFinish = (v: Values) => {
    const filter = {
      segments: v.segments?.length ? v.segments : undefined,
      tiers: v.tiers?.length ? v.tiers : undefined,
      noVisitDays: v.noVisitDays ?? undefined,
      programme: v.programme?.trim() || undefined,
    };
    if (Object.values(filter).every((x) => x === undefined)) {
      setConditionError(true);
      return;
    }
    setConditionError(false);
    setResult(null);
    add.mutate(
      {
        filter,
        purpose: v.purpose.trim(),
        questionnaireId: v.questionnaireId ?? null,
        channel: v.channel,
        windowFrom: v.window[0].format('YYYY-MM-DD'),
        windowTo: v.window[1].format('YYYY-MM-DD'),
      },
      { onSuccess: (r) => setResult(r) },
    );
  };

  return (
    <Card size="small" title={t('add.title')} data-testid="add-customers">
      <Typography.Paragraph type="secondary">{t('add.hint')}</Typography.Paragraph>
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={onFinish}
        initialValues={{ channel: 'PHONE', window: [dayjs(first), dayjs(last)] }}
        onValuesChange={() => setConditionError(false)}
      >
        {ENUM_FILTERS.map((f) => (
          <Form.Item key={f.name} label={t(`add.${f.name}`)} name={f.name}>
            <Select
              mode="multiple"
              allowClear
              options={f.values.map((v) => ({ value: v, label: t(`common:${f.labelNs}.${v}`) }))}
              data-testid={`add-${f.name}`}
            />
          </Form.Item>
        ))}
        <Form.Item label={t('add.noVisitDays')} name="noVisitDays" extra={t('add.noVisitDaysHelp')}>
          <InputNumber min={1} max={3650} precision={0} suffix={t('add.days')} style={{ width: 180 }} />
        </Form.Item>
        <Form.Item label={t('add.programme')} name="programme">
          <Input placeholder={t('add.programmePlaceholder')} maxLength={100} />
        </Form.Item>
        {conditionError ? (
          <Alert type="warning" showIcon title={t('add.needCondition')} style={{ marginBottom: 16 }} />
        ) : null}
        <Form.Item label={t('add.questionnaire')} name="questionnaireId">
          <Select
            allowClear
            placeholder={t('add.questionnairePlaceholder')}
            loading={questionnaires.isPending}
            notFoundContent={t('add.noQuestionnaires')}
            options={(questionnaires.data ?? []).map((q) => ({ value: q.id, label: q.name }))}
            onChange={(id?: string) => {
              const q = questionnaires.data?.find((x) => x.id === id);
              if (q && !form.getFieldValue('purpose')) form.setFieldValue('purpose', q.purpose);
            }}
            data-testid="add-questionnaire"
          />
        </Form.Item>
        <Form.Item
          label={t('add.purpose')}
          name="purpose"
          rules={[{ required: true, whitespace: true, message: t('add.required') }]}
        >
          <Input placeholder={t('add.purposePlaceholder')} maxLength={100} data-testid="add-purpose" />
        </Form.Item>
        <Form.Item
          label={t('add.channel')}
          name="channel"
          rules={[{ required: true, message: t('add.required') }]}
        >
          <Select options={CHANNELS.map((c) => ({ value: c, label: t(`common:channel.${c}`) }))} />
        </Form.Item>
        <Form.Item
          label={t('add.window')}
          name="window"
          extra={t('add.windowHelp')}
          rules={[{ required: true, message: t('add.required') }]}
        >
          <DatePicker.RangePicker
            format="YYYY-MM-DD"
            allowClear={false}
            defaultPickerValue={[dayjs(first), dayjs(first)]}
            disabledDate={(d) => {
              const s = d.format('YYYY-MM-DD');
              return s < first || s > last;
            }}
          />
        </Form.Item>
        {add.isError ? (
          <Alert type="error" showIcon title={planError(t, add.error)} style={{ marginBottom: 16 }} />
        ) : null}
        {result ? (
          <Alert
            type={result.unassigned > 0 ? 'warning' : 'success'}
            showIcon
            style={{ marginBottom: 16 }}
            data-testid="add-result"
            title={t('add.result', {
              added: result.added,
              already: result.alreadyInPlan,
              refused: result.excluded.REFUSED_VISITS,
              open: result.excluded.HAS_OPEN_TASK,
              other: result.excluded.IN_OTHER_PLAN,
            })}
            description={
              result.unassigned > 0 ? t('add.resultUnassigned', { count: result.unassigned }) : undefined
            }
          />
        ) : null}
        <Button type="primary" htmlType="submit" loading={add.isPending} data-testid="add-submit">
          {t('add.submit')}
        </Button>
      </Form>
    </Card>
  );
}
