import type { TSamplingPreview, TSamplingRunInput } from '@huifang/contracts';
import { CHANNELS, VISIT_OUTCOMES } from '@huifang/contracts/values';
import { useQuery } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  DatePicker,
  Descriptions,
  Form,
  InputNumber,
  Radio,
  Result,
  Select,
  Space,
  Statistic,
  Steps,
  Switch,
  Table,
} from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageTitle } from '../../components/PageTitle';
import { formatDateTime, monthInOrg } from '../../lib/format';
import { rubricsQuery, runsQuery, useCreateRun, usePreviewRun, usersByRoleQuery } from './api';
import { errorText } from './labels';

interface Draft {
  month: string;
  mode: 'RATE' | 'PER_CALLER';
  ratePercent: number;
  perCaller: number;
  minPerCaller: number;
  seed: number;
  callerIds: string[];
  inspectorIds: string[];
  rubricId?: string;
  channels: string[];
  outcomes: string[];
  lowSatisfactionFirst: boolean;
}

const randomSeed = () => Math.floor(Math.random() * 1_000_000);

function toInput(d: Draft): TSamplingRunInput {
  return {
    month: d.month,
    mode: d.mode,
    rateBp: d.mode === 'RATE' ? Math.round(d.ratePercent * 100) : undefined,
    perCaller: d.mode === 'PER_CALLER' ? d.perCaller : undefined,
    minPerCaller: d.minPerCaller,
    seed: d.seed,
    callerIds: d.callerIds.length ? d.callerIds : undefined,
    inspectorIds: d.inspectorIds,
    rubricId: d.rubricId,
    strata: {
      channels: d.channels.length ? (d.channels as TSamplingRunInput['strata']['channels']) : undefined,
      outcomes: d.outcomes as TSamplingRunInput['strata']['outcomes'],
      lowSatisfactionFirst: d.lowSatisfactionFirst,
    },
  };
}

/** 抽检: a stepped wizard — month and rule → who → conditions → preview → confirm. */
export function SamplingPage() {
  const { t } = useTranslation('supervision');
  const { message } = App.useApp();
  const [step, setStep] = useState(0);
  const [draft, setDraft] = useState<Draft>({
    month: monthInOrg(-1),
    mode: 'RATE',
    ratePercent: 10,
    perCaller: 3,
    minPerCaller: 1,
    seed: randomSeed(),
    callerIds: [],
    inspectorIds: [],
    channels: [],
    outcomes: ['COMPLETED'],
    lowSatisfactionFirst: false,
  });
  const patch = (p: Partial<Draft>) => setDraft((d) => ({ ...d, ...p }));
  const supervisors = useQuery(usersByRoleQuery('SUPERVISOR'));
  const callers = useQuery(usersByRoleQuery('CALLER'));
  const rubrics = useQuery(rubricsQuery);
  const runs = useQuery(runsQuery);
  const preview = usePreviewRun();
  const create = useCreateRun();
  const [created, setCreated] = useState<number | null>(null);

  const canNext = step !== 1 || draft.inspectorIds.length > 0;
  const goPreview = () =>
    preview.mutate(toInput(draft), {
      onSuccess: () => setStep(3),
      onError: (e) => message.error(errorText(t, e)),
    });
  const next = () => (step === 2 ? goPreview() : setStep(step + 1));
  const confirm = () =>
    create.mutate(toInput(draft), {
      onSuccess: (run) => setCreated(run.counts.total),
      onError: (e) => message.error(errorText(t, e)),
    });

  if (created !== null) {
    return (
      <Card>
        <Result
          status="success"
          title={t('sampling.created', { count: created })}
          data-testid="sampling-created"
          extra={[
            <Link key="go" to="/inspections">
              <Button type="primary">{t('sampling.toWorkbench')}</Button>
            </Link>,
            <Button
              key="again"
              onClick={() => {
                setCreated(null);
                setStep(0);
                patch({ seed: randomSeed() });
              }}
            >
              {t('sampling.again')}
            </Button>,
          ]}
        />
      </Card>
    );
  }

  const p: TSamplingPreview | undefined = preview.data;
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card title={<PageTitle title={t('sampling.title')} subtitle={t('sampling.subtitle')} />}>
        <Steps
          current={step}
          size="small"
          style={{ marginBottom: 24 }}
          items={[
            { title: t('sampling.step.rule') },
            { title: t('sampling.step.who') },
            { title: t('sampling.step.conditions') },
            { title: t('sampling.step.preview') },
            { title: t('sampling.step.confirm') },
          ]}
        />
        <Form layout="vertical" style={{ maxWidth: 640 }}>
          {step === 0 ? (
            <>
              <Form.Item label={t('sampling.month')} required htmlFor="sampling-month">
                <DatePicker
                  id="sampling-month"
                  picker="month"
                  allowClear={false}
                  value={dayjs(`${draft.month}-01`)}
                  onChange={(d) => d && patch({ month: d.format('YYYY-MM') })}
                  data-testid="sampling-month"
                />
              </Form.Item>
              <Form.Item label={t('sampling.mode')}>
                <Radio.Group
                  value={draft.mode}
                  onChange={(e) => patch({ mode: e.target.value })}
                  data-testid="sampling-mode"
                >
                  <Radio value="RATE">{t('sampling.modeRate')}</Radio>
                  <Radio value="PER_CALLER">{t('sampling.modePerCaller')}</Radio>
                </Radio.Group>
              </Form.Item>
              {draft.mode === 'RATE' ? (
                <Form.Item label={t('sampling.rate')} extra={t('sampling.rateHint')} htmlFor="sampling-rate">
                  <InputNumber
                    id="sampling-rate"
                    min={0.01}
                    max={100}
                    step={5}
                    value={draft.ratePercent}
                    onChange={(v) => patch({ ratePercent: v ?? 10 })}
                    suffix="%"
                    data-testid="sampling-rate"
                  />
                </Form.Item>
              ) : (
                <Form.Item label={t('sampling.perCaller')} htmlFor="sampling-per-caller">
                  <InputNumber
                    id="sampling-per-caller"
                    min={1}
                    max={1000}
                    precision={0}
                    value={draft.perCaller}
                    onChange={(v) => patch({ perCaller: v ?? 1 })}
                    data-testid="sampling-per-caller"
                  />
                </Form.Item>
              )}
              <Form.Item
                label={t('sampling.minPerCaller')}
                extra={t('sampling.minHint')}
                htmlFor="sampling-min"
              >
                <InputNumber
                  id="sampling-min"
                  min={0}
                  max={1000}
                  precision={0}
                  value={draft.minPerCaller}
                  onChange={(v) => patch({ minPerCaller: v ?? 0 })}
                  data-testid="sampling-min"
                />
              </Form.Item>
              <Form.Item label={t('sampling.seed')} extra={t('sampling.seedHint')} htmlFor="sampling-seed">
                <Space>
                  <InputNumber
                    id="sampling-seed"
                    min={0}
                    max={2_147_483_647}
                    precision={0}
                    value={draft.seed}
                    onChange={(v) => patch({ seed: v ?? 0 })}
                    data-testid="sampling-seed"
                  />
                  <Button onClick={() => patch({ seed: randomSeed() })}>{t('sampling.newSeed')}</Button>
                </Space>
              </Form.Item>
            </>
          ) : null}
          {step === 1 ? (
            <>
              <Form.Item
                label={t('sampling.callers')}
                extra={t('sampling.callersHint')}
                htmlFor="sampling-callers"
              >
                <Select
                  id="sampling-callers"
                  mode="multiple"
                  allowClear
                  loading={callers.isPending}
                  value={draft.callerIds}
                  onChange={(callerIds) => patch({ callerIds })}
                  placeholder={t('sampling.allCallers')}
                  options={(callers.data?.items ?? []).map((u) => ({ value: u.id, label: u.name }))}
                  optionFilterProp="label"
                  data-testid="sampling-callers"
                />
              </Form.Item>
              <Form.Item
                label={t('sampling.inspectors')}
                required
                htmlFor="sampling-inspectors"
                validateStatus={draft.inspectorIds.length ? undefined : 'warning'}
                help={
                  draft.inspectorIds.length ? t('sampling.inspectorsHint') : t('sampling.inspectorsRequired')
                }
              >
                <Select
                  id="sampling-inspectors"
                  mode="multiple"
                  loading={supervisors.isPending}
                  value={draft.inspectorIds}
                  onChange={(inspectorIds) => patch({ inspectorIds })}
                  options={(supervisors.data?.items ?? []).map((u) => ({ value: u.id, label: u.name }))}
                  optionFilterProp="label"
                  data-testid="sampling-inspectors"
                />
              </Form.Item>
              <Form.Item label={t('sampling.rubric')} htmlFor="sampling-rubric">
                <Select
                  id="sampling-rubric"
                  allowClear
                  value={draft.rubricId}
                  placeholder={t('sampling.defaultRubric')}
                  onChange={(rubricId) => patch({ rubricId })}
                  options={(rubrics.data?.items ?? [])
                    .filter((r) => r.active)
                    .map((r) => ({ value: r.id, label: `${r.name} v${r.version}` }))}
                />
              </Form.Item>
            </>
          ) : null}
          {step === 2 ? (
            <>
              <Form.Item label={t('sampling.channels')} extra={t('sampling.channelsHint')}>
                <Checkbox.Group
                  value={draft.channels}
                  onChange={(v) => patch({ channels: v as string[] })}
                  options={CHANNELS.map((c) => ({ value: c, label: t(`common:channel.${c}`) }))}
                />
              </Form.Item>
              <Form.Item label={t('sampling.outcomes')}>
                <Checkbox.Group
                  value={draft.outcomes}
                  onChange={(v) =>
                    patch({ outcomes: (v as string[]).length ? (v as string[]) : ['COMPLETED'] })
                  }
                  options={VISIT_OUTCOMES.map((o) => ({ value: o, label: t(`common:outcome.${o}`) }))}
                />
              </Form.Item>
              <Form.Item
                label={t('sampling.lowFirst')}
                extra={t('sampling.lowFirstHint')}
                htmlFor="sampling-low-first"
              >
                <Switch
                  id="sampling-low-first"
                  checked={draft.lowSatisfactionFirst}
                  onChange={(v) => patch({ lowSatisfactionFirst: v })}
                />
              </Form.Item>
            </>
          ) : null}
        </Form>
        {step === 3 && p ? <PreviewFigures preview={p} /> : null}
        {step === 4 && p ? (
          <Space orientation="vertical" style={{ width: '100%' }}>
            <Descriptions size="small" bordered column={2} data-testid="sampling-summary">
              <Descriptions.Item label={t('sampling.month')}>{draft.month}</Descriptions.Item>
              <Descriptions.Item label={t('sampling.mode')}>
                {draft.mode === 'RATE'
                  ? t('sampling.rateSummary', { rate: draft.ratePercent })
                  : t('sampling.perCallerSummary', { count: draft.perCaller })}
              </Descriptions.Item>
              <Descriptions.Item label={t('sampling.minPerCaller')}>{draft.minPerCaller}</Descriptions.Item>
              <Descriptions.Item label={t('sampling.seed')}>{draft.seed}</Descriptions.Item>
              <Descriptions.Item
                label={t('sampling.rubric')}
              >{`${p.rubric.name} v${p.rubric.version}`}</Descriptions.Item>
              <Descriptions.Item label={t('sampling.total')}>{p.total}</Descriptions.Item>
            </Descriptions>
            <Alert type="info" showIcon title={t('sampling.fixedNote')} />
          </Space>
        ) : null}
        <Space style={{ marginTop: 24 }}>
          {step > 0 ? <Button onClick={() => setStep(step - 1)}>{t('sampling.prev')}</Button> : null}
          {step < 3 ? (
            <Button
              type="primary"
              onClick={next}
              disabled={!canNext}
              loading={preview.isPending}
              data-testid="sampling-next"
            >
              {step === 2 ? t('sampling.doPreview') : t('sampling.next')}
            </Button>
          ) : null}
          {step === 3 ? (
            <Button
              type="primary"
              onClick={() => setStep(4)}
              disabled={!p?.total}
              data-testid="sampling-next"
            >
              {t('sampling.next')}
            </Button>
          ) : null}
          {step === 4 ? (
            <Button
              type="primary"
              onClick={confirm}
              loading={create.isPending}
              data-testid="sampling-confirm"
            >
              {t('sampling.confirm')}
            </Button>
          ) : null}
        </Space>
      </Card>
      <Card size="small" title={t('sampling.recent')}>
        <Table
          rowKey="id"
          size="small"
          pagination={false}
          loading={runs.isFetching}
          dataSource={runs.data?.items ?? []}
          columns={[
            { title: t('sampling.month'), dataIndex: 'month' },
            { title: t('sampling.createdBy'), key: 'by', render: (_, r) => r.createdBy.name },
            { title: t('sampling.createdAt'), key: 'at', render: (_, r) => formatDateTime(r.createdAt) },
            {
              title: t('sampling.inspectors'),
              key: 'insp',
              render: (_, r) => r.inspectors.map((i) => i.name).join(t('sampling.namesSeparator')),
            },
            { title: t('sampling.total'), key: 'total', align: 'right', render: (_, r) => r.counts.total },
            {
              title: t('status.SUBMITTED'),
              key: 'sub',
              align: 'right',
              render: (_, r) => r.counts.submitted,
            },
            { title: t('result.pass'), key: 'pass', align: 'right', render: (_, r) => r.counts.passed },
          ]}
        />
      </Card>
    </Space>
  );
}

function PreviewFigures({ preview }: { preview: TSamplingPreview }) {
  const { t } = useTranslation('supervision');
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="sampling-preview">
      <Space size={48}>
        <Statistic title={t('sampling.eligible')} value={preview.eligible} />
        <Statistic title={t('sampling.total')} value={preview.total} data-testid="preview-total" />
      </Space>
      {preview.total === 0 ? <Alert type="warning" showIcon title={t('sampling.nothing')} /> : null}
      <Space align="start" wrap size={24}>
        <Table
          rowKey={(r) => r.caller.id}
          size="small"
          pagination={false}
          title={() => t('sampling.perCallerTitle')}
          dataSource={preview.perCaller}
          data-testid="preview-callers"
          columns={[
            { title: t('col.caller'), key: 'c', render: (_, r) => r.caller.name },
            { title: t('sampling.eligible'), dataIndex: 'eligible', align: 'right' },
            { title: t('sampling.picked'), dataIndex: 'picked', align: 'right' },
          ]}
        />
        <Table
          rowKey={(r) => r.inspector.id}
          size="small"
          pagination={false}
          title={() => t('sampling.perInspectorTitle')}
          dataSource={preview.perInspector}
          data-testid="preview-inspectors"
          columns={[
            { title: t('col.inspector'), key: 'i', render: (_, r) => r.inspector.name },
            { title: t('sampling.assigned'), dataIndex: 'assigned', align: 'right' },
          ]}
        />
      </Space>
    </Space>
  );
}
