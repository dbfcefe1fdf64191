import { PlusOutlined } from '@ant-design/icons';
import type { TIncentivePolicy, TIncentivePolicyValues } from '@huifang/contracts';
import { useQuery } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Descriptions,
  Divider,
  Drawer,
  Form,
  Input,
  InputNumber,
  Modal,
  Row,
  Select,
  Skeleton,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadError } from '../../components/LoadError';
import { PageTitle } from '../../components/PageTitle';
import { ApiError } from '../../lib/api';
import { useCan } from '../../lib/auth';
import { formatDateTime, monthInOrg } from '../../lib/format';
import { policiesQuery, useCreatePolicy } from './api';
import { errorText } from './errors';
import {
  CHOICES,
  choiceValue,
  FIELDS,
  fieldDisplay,
  fieldValue,
  fromForm,
  GROUPS,
  type PolicyForm,
  parseField,
  toForm,
  WEIGHT_KEYS,
  weightSum,
} from './policy-fields';

/** The regulation clause a value implements, under it. */
function Clause({ name }: { name: string }) {
  const { t } = useTranslation('incentives');
  return (
    <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid={`policy-clause-${name}`}>
      {t(`policy.clause.${name}`)}
    </Typography.Text>
  );
}

/** Every value of a version, grouped, for reading. */
function PolicyValues({ values }: { values: TIncentivePolicyValues }) {
  const { t } = useTranslation('incentives');
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }} data-testid="policy-values">
      <Descriptions size="small" bordered column={{ xs: 1, md: 2, xl: 3 }} title={t('policy.group.weights')}>
        {WEIGHT_KEYS.map((k) => (
          <Descriptions.Item key={k} label={t(`policy.dimension.${k}`)}>
            <Space orientation="vertical" size={0}>
              <span data-testid={`weight-${k}`}>{values.weights[k]}</span>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t(`policy.measure.${k}`)}
              </Typography.Text>
            </Space>
          </Descriptions.Item>
        ))}
      </Descriptions>
      {GROUPS.map((g) => (
        <Descriptions
          key={g}
          size="small"
          bordered
          column={{ xs: 1, md: 2, xl: 3 }}
          title={t(`policy.group.${g}`)}
        >
          {FIELDS.filter((f) => f.group === g).map((f) => (
            <Descriptions.Item key={f.name} label={t(`policy.field.${f.name}`)}>
              <Space orientation="vertical" size={0}>
                <span data-testid={`policy-${f.name}`}>
                  {fieldDisplay(f, fieldValue(f, values))}
                  {f.suffix ? ` ${t(`policy.${f.suffix}`)}` : ''}
                </span>
                {f.clause ? <Clause name={f.name} /> : null}
              </Space>
            </Descriptions.Item>
          ))}
          {CHOICES.filter((c) => c.group === g).map((c) => (
            <Descriptions.Item key={c.name} label={t(`policy.field.${c.name}`)}>
              <Space orientation="vertical" size={0}>
                <span data-testid={`policy-${c.name}`}>
                  {t(`policy.option.${c.name}.${choiceValue(c, values)}`)}
                </span>
                {c.clause ? <Clause name={c.name} /> : null}
              </Space>
            </Descriptions.Item>
          ))}
        </Descriptions>
      ))}
    </Space>
  );
}

interface EditorValues extends PolicyForm {
  effectiveMonth: Dayjs;
  note?: string;
}

/** The form of a new version, prefilled with the newest one. */
function PolicyEditor({
  base,
  basedOnVersion,
  onClose,
  onConflict,
}: {
  base: TIncentivePolicy;
  basedOnVersion: number;
  onClose: () => void;
  onConflict: () => void;
}) {
  const { t } = useTranslation('incentives');
  const { message } = App.useApp();
  const [form] = Form.useForm<EditorValues>();
  const create = useCreatePolicy();
  const [problem, setProblem] = useState<string | null>(null);
  const weights = Form.useWatch('weights', form) as Record<string, number | null> | undefined;
  const sum = weightSum(weights ?? base.values.weights);

  const submit = async () => {
    setProblem(null);
    const v = await form.validateFields();
    if (weightSum(v.weights) !== 100) {
      setProblem(t('policy.weightSumWrong'));
      return;
    }
    const values = fromForm(v, base.values);
    const b = values.gradeBands;
    if (!(b.A > b.B && b.B > b.C && b.C > b.D)) {
      setProblem(t('policy.bandsWrong'));
      return;
    }
    try {
      const saved = await create.mutateAsync({
        effectiveMonth: v.effectiveMonth.format('YYYY-MM'),
        values,
        ...(v.note?.trim() ? { note: v.note.trim() } : {}),
        basedOnVersion,
      });
      message.success(t('policy.saved', { version: saved.version }));
      onClose();
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) {
        setProblem(t('error.policyConflict'));
        onConflict();
      } else if (e instanceof ApiError && e.status === 422) setProblem(t('error.policyLocked'));
      else setProblem(errorText(t, e));
    }
  };

  return (
    <Drawer
      open
      size="large"
      title={t('policy.addTitle')}
      onClose={onClose}
      destroyOnHidden
      extra={
        <Space>
          <Button onClick={onClose}>{t('common:actions.cancel')}</Button>
          <Button type="primary" loading={create.isPending} onClick={submit} data-testid="policy-save">
            {t('common:actions.save')}
          </Button>
        </Space>
      }
    >
      {problem ? (
        <Alert
          type="error"
          showIcon
          title={problem}
          style={{ marginBottom: 16 }}
          data-testid="policy-problem"
        />
      ) : null}
      <Form<EditorValues>
        form={form}
        layout="vertical"
        initialValues={{ ...toForm(base.values), effectiveMonth: dayjs(`${monthInOrg(1)}-01`) }}
        data-testid="policy-form"
      >
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item
              name="effectiveMonth"
              label={t('policy.field.effectiveMonth')}
              rules={[{ required: true, message: t('policy.required') }]}
            >
              <DatePicker
                picker="month"
                allowClear={false}
                data-testid="policy-month"
                style={{ width: '100%' }}
              />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="note" label={t('policy.field.note')}>
              <Input maxLength={500} data-testid="policy-note" />
            </Form.Item>
          </Col>
        </Row>
        <Divider titlePlacement="start">
          <Space>
            {t('policy.group.weights')}
            <Tag color={sum === 100 ? 'success' : 'error'} data-testid="weights-sum">
              {t('policy.weightSum', { sum })}
            </Tag>
          </Space>
        </Divider>
        <Row gutter={16}>
          {WEIGHT_KEYS.map((k) => (
            <Col span={8} key={k}>
              <Form.Item
                name={['weights', k]}
                label={t(`policy.dimension.${k}`)}
                tooltip={t(`policy.measure.${k}`)}
                rules={[{ required: true, message: t('policy.required') }]}
              >
                <InputNumber
                  min={0}
                  max={100}
                  precision={0}
                  style={{ width: '100%' }}
                  data-testid={`weight-input-${k}`}
                />
              </Form.Item>
            </Col>
          ))}
        </Row>
        {GROUPS.map((g) => (
          <div key={g}>
            <Divider titlePlacement="start">{t(`policy.group.${g}`)}</Divider>
            <Row gutter={16}>
              {FIELDS.filter((f) => f.group === g).map((f) => (
                <Col span={12} key={f.name}>
                  <Form.Item
                    name={f.name}
                    label={t(`policy.field.${f.name}`)}
                    extra={f.clause ? t(`policy.clause.${f.name}`) : undefined}
                    rules={[
                      {
                        validator: (_, v) =>
                          parseField(f, v) === null
                            ? Promise.reject(
                                new Error(
                                  t(f.unit === 'pct' ? 'policy.percentInvalid' : 'policy.numberInvalid'),
                                ),
                              )
                            : Promise.resolve(),
                      },
                    ]}
                  >
                    <Input
                      inputMode="decimal"
                      prefix={f.unit === 'yuan' ? '¥' : undefined}
                      suffix={
                        f.unit === 'pct'
                          ? '%'
                          : f.suffix
                            ? t(`policy.${f.suffix}`)
                            : f.unit === 'yuan'
                              ? t('policy.yuan')
                              : undefined
                      }
                      data-testid={`policy-input-${f.name}`}
                    />
                  </Form.Item>
                </Col>
              ))}
              {CHOICES.filter((c) => c.group === g).map((c) => (
                <Col span={12} key={c.name}>
                  <Form.Item
                    name={c.name}
                    label={t(`policy.field.${c.name}`)}
                    extra={c.clause ? t(`policy.clause.${c.name}`) : undefined}
                    rules={[{ required: true, message: t('policy.required') }]}
                  >
                    <Select
                      data-testid={`policy-input-${c.name}`}
                      options={c.options.map((o) => ({ value: o, label: t(`policy.option.${c.name}.${o}`) }))}
                    />
                  </Form.Item>
                </Col>
              ))}
            </Row>
          </div>
        ))}
      </Form>
    </Drawer>
  );
}

/** 绩效政策: the version in force, the history, and a new version effective from a month. */
export function PolicyPage() {
  const { t } = useTranslation('incentives');
  const can = useCan();
  const q = useQuery(policiesQuery);
  const [editing, setEditing] = useState(false);
  const [viewing, setViewing] = useState<TIncentivePolicy | null>(null);
  const items = q.data?.items ?? [];
  const current = items.find((p) => p.version === q.data?.currentVersion) ?? null;
  const newest = items.reduce<TIncentivePolicy | null>((m, p) => (!m || p.version > m.version ? p : m), null);
  const canWrite = can('incentive-policy:write');

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card
        title={<PageTitle title={t('policy.title')} subtitle={t('policy.subtitle')} />}
        extra={
          canWrite && newest ? (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setEditing(true)}
              data-testid="policy-add"
            >
              {t('policy.add')}
            </Button>
          ) : null
        }
      >
        {q.isError ? (
          <LoadError error={q.error} onRetry={() => void q.refetch()} />
        ) : q.isPending ? (
          <Skeleton active paragraph={{ rows: 6 }} />
        ) : !current ? (
          <Alert type="info" showIcon title={t('policy.empty')} />
        ) : (
          <Space orientation="vertical" size={12} style={{ width: '100%' }}>
            <Space wrap>
              <Typography.Text strong data-testid="policy-current">
                {t('policy.current', { version: current.version, month: current.effectiveMonth })}
              </Typography.Text>
              {!canWrite ? <Tag>{t('policy.readOnly')}</Tag> : null}
            </Space>
            <PolicyValues values={current.values} />
          </Space>
        )}
      </Card>
      <Card title={t('policy.history')} size="small">
        <Table<TIncentivePolicy>
          rowKey="id"
          size="small"
          data-testid="policy-history"
          loading={q.isFetching}
          dataSource={items}
          pagination={false}
          locale={{ emptyText: t('policy.empty') }}
          columns={[
            {
              title: t('policy.version'),
              key: 'version',
              align: 'right',
              width: 80,
              render: (_, p) => p.version,
            },
            {
              title: t('policy.effectiveMonth'),
              key: 'month',
              render: (_, p) => (
                <Space>
                  {p.effectiveMonth}
                  {p.version === q.data?.currentVersion ? (
                    <Tag color="green" data-testid="policy-in-force">
                      {t('policy.inForce')}
                    </Tag>
                  ) : null}
                </Space>
              ),
            },
            { title: t('policy.createdBy'), key: 'by', render: (_, p) => p.createdByName ?? '—' },
            { title: t('policy.createdAt'), key: 'at', render: (_, p) => formatDateTime(p.createdAt) },
            { title: t('policy.note'), key: 'note', render: (_, p) => p.note ?? '—' },
            {
              title: t('col.actions'),
              key: 'view',
              width: 90,
              render: (_, p) => (
                <Button type="link" size="small" onClick={() => setViewing(p)}>
                  {t('policy.view')}
                </Button>
              ),
            },
          ]}
        />
      </Card>
      {editing && newest ? (
        <PolicyEditor
          base={newest}
          basedOnVersion={newest.version}
          onClose={() => setEditing(false)}
          onConflict={() => void q.refetch()}
        />
      ) : null}
      <Modal
        open={viewing !== null}
        width={960}
        title={
          viewing ? t('policy.viewTitle', { version: viewing.version, month: viewing.effectiveMonth }) : ''
        }
        onCancel={() => setViewing(null)}
        footer={<Button onClick={() => setViewing(null)}>{t('common:actions.close')}</Button>}
      >
        {viewing ? <PolicyValues values={viewing.values} /> : null}
      </Modal>
    </Space>
  );
}
