import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { TCadenceRule } from '@huifang/contracts';
import {
  CADENCE_DOERS,
  CADENCE_UNITS,
  CHANNELS,
  CUSTOMER_EVENT_KINDS,
  TIERS,
} from '@huifang/contracts/values';
import { useQuery } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  type ButtonProps,
  Drawer,
  Flex,
  Form,
  Input,
  InputNumber,
  Radio,
  Select,
  Space,
  Switch,
  Typography,
} from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError, errorKeys } from '../../lib/api';
import { teamsQuery } from '../board/api';
import { questionnairesQuery } from '../plans/api';
import { useCadenceStep } from './api';
import { BLANK, type Offset, toDefinition, toValues, type Values } from './form-values';

/** Adds a rule or edits a rule's draft (an approved rule's approved version runs on until the edit is approved). */
export function RuleEditor({ rule, onClose }: { rule: TCadenceRule | null; onClose: () => void }) {
  const { t } = useTranslation('cadence');
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const step = useCadenceStep();
  const teams = useQuery(teamsQuery);
  const questionnaires = useQuery(questionnairesQuery);
  const kind = Form.useWatch('kind', form);

  const save = (v: Values) => {
    const definition = toDefinition(v);
    step.mutate(
      rule
        ? { action: 'edit', id: rule.id, version: rule.version, definition }
        : { action: 'create', definition },
      {
        onSuccess: () => {
          message.success(t('saved'));
          onClose();
        },
      },
    );
  };
  const problems =
    step.error instanceof ApiError && Array.isArray(step.error.details)
      ? (step.error.details as Array<{ message?: string }>).map((d) => d.message).filter(Boolean)
      : [];

  return (
    <Drawer
      open
      title={rule ? t('editTitle', { name: rule.draft.name }) : t('addTitle')}
      onClose={onClose}
      size={640}
      destroyOnHidden
      extra={
        <Space>
          <Button onClick={onClose}>{t('common:actions.cancel')}</Button>
          <Button
            type="primary"
            loading={step.isPending}
            onClick={() => form.submit()}
            data-testid="rule-save"
            {...({} as ButtonProps)}
          >
            {t('common:actions.save')}
          </Button>
        </Space>
      }
    >
      {rule?.active ? (
        <Alert type="info" showIcon title={t('editApprovedHint')} style={{ marginBottom: 16 }} />
      ) : null}
      {step.isError ? (
        <Alert
          type="error"
          showIcon
          title={t(errorKeys(step.error, 'cadence:error'))}
          description={problems.length ? problems.join('; ') : undefined}
          style={{ marginBottom: 16 }}
          data-testid="rule-save-error"
        />
      ) : null}
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={rule ? toValues(rule.draft) : BLANK}
        // the whole store, not only the fields shown: an offset's key (never a field) and the other
        // kind's values stay as they were
        onFinish={() => save(form.getFieldsValue(true) as Values)}
        data-testid="rule-form"
      >
        <Flex gap={16} wrap>
          <Form.Item
            name="name"
            label={t('field.name')}
            style={{ flex: '1 1 260px' }}
            rules={[{ required: true, whitespace: true, message: t('field.nameRequired') }]}
          >
            <Input maxLength={60} data-testid="rule-name" />
          </Form.Item>
          <Form.Item name="enabled" label={t('field.enabled')} valuePropName="checked">
            <Switch />
          </Form.Item>
          <Form.Item
            name="noticeWeekAhead"
            label={t('field.noticeWeekAhead')}
            valuePropName="checked"
            tooltip={t('field.noticeWeekAheadHint')}
          >
            <Switch data-testid="rule-notice" />
          </Form.Item>
        </Flex>
        <Form.Item name="kind" label={t('field.kind')}>
          <Radio.Group
            optionType="button"
            options={[
              { value: 'AFTER_EVENT', label: t('kind.AFTER_EVENT') },
              { value: 'EVERY_MONTHS', label: t('kind.EVERY_MONTHS') },
            ]}
          />
        </Form.Item>
        <Form.Item name="eventKind" label={t('field.eventKind')} rules={[{ required: true }]}>
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            options={CUSTOMER_EVENT_KINDS.map((k) => ({ value: k, label: t(`customers:eventKind.${k}`) }))}
            data-testid="rule-event"
          />
        </Form.Item>
        {kind === 'EVERY_MONTHS' ? (
          <>
            <Typography.Paragraph type="secondary">{t('everyMonthsHint')}</Typography.Paragraph>
            <Flex gap={16} wrap>
              {TIERS.map((tier) => (
                <Form.Item key={tier} name={['everyMonths', tier]} label={t(`common:tier.${tier}`)}>
                  <InputNumber min={1} max={120} precision={0} suffix={t('months')} style={{ width: 140 }} />
                </Form.Item>
              ))}
              <Form.Item name="windowDays" label={t('field.windowDays')} rules={[{ required: true }]}>
                <InputNumber min={0} max={365} precision={0} suffix={t('days')} style={{ width: 140 }} />
              </Form.Item>
            </Flex>
          </>
        ) : (
          <Form.List
            name="offsets"
            rules={[
              {
                validator: async (_, v: Offset[]) => {
                  if (!v?.length) throw new Error(t('field.offsetsRequired'));
                },
              },
            ]}
          >
            {(fields, { add, remove }, { errors }) => (
              <Form.Item label={t('field.offsets')} extra={t('offsetsHint')}>
                {fields.map((f, i) => (
                  <Flex key={f.key} gap={8} align="baseline" wrap data-testid="rule-offset">
                    <Typography.Text>{t('visitN', { n: i + 1 })}</Typography.Text>
                    <Form.Item name={[f.name, 'amount']} rules={[{ required: true }]} noStyle>
                      <InputNumber
                        min={0}
                        max={3660}
                        precision={0}
                        aria-label={t('field.amount')}
                        style={{ width: 90 }}
                        data-testid="offset-amount"
                      />
                    </Form.Item>
                    <Form.Item name={[f.name, 'unit']} noStyle>
                      <Select
                        aria-label={t('field.unit')}
                        style={{ width: 100 }}
                        options={CADENCE_UNITS.map((u) => ({ value: u, label: t(`unit.${u}`) }))}
                      />
                    </Form.Item>
                    <Typography.Text>{t('windowLabel')}</Typography.Text>
                    <Form.Item name={[f.name, 'windowDays']} rules={[{ required: true }]} noStyle>
                      <InputNumber
                        min={0}
                        max={365}
                        precision={0}
                        suffix={t('days')}
                        aria-label={t('field.windowDays')}
                        style={{ width: 110 }}
                        data-testid="offset-window"
                      />
                    </Form.Item>
                    <Button
                      type="text"
                      icon={<DeleteOutlined />}
                      aria-label={t('removeVisit')}
                      onClick={() => remove(f.name)}
                      disabled={fields.length === 1}
                    />
                  </Flex>
                ))}
                <Button
                  type="dashed"
                  icon={<PlusOutlined />}
                  onClick={() => add({ amount: 1, unit: 'MONTH', windowDays: 7 })}
                  style={{ marginTop: 8 }}
                  data-testid="offset-add"
                >
                  {t('addVisit')}
                </Button>
                <Form.ErrorList errors={errors} />
              </Form.Item>
            )}
          </Form.List>
        )}
        <Flex gap={16} wrap>
          <Form.Item
            name="sharePercent"
            label={t('field.share')}
            extra={t('shareHint')}
            rules={[{ required: true, message: t('field.shareRequired') }]}
          >
            <InputNumber
              min={0.01}
              max={100}
              step={5}
              precision={2}
              suffix="%"
              style={{ width: 140 }}
              data-testid="rule-share"
            />
          </Form.Item>
          <Form.Item name="channel" label={t('field.channel')}>
            <Select
              style={{ width: 140 }}
              options={CHANNELS.map((c) => ({ value: c, label: t(`common:channel.${c}`) }))}
            />
          </Form.Item>
        </Flex>
        <Form.Item
          name="purpose"
          label={t('field.purpose')}
          rules={[{ required: true, whitespace: true, message: t('field.purposeRequired') }]}
        >
          <Input.TextArea rows={2} maxLength={200} showCount data-testid="rule-purpose" />
        </Form.Item>
        <Form.Item name="doer" label={t('field.doer')} extra={t('doerHint')}>
          <Radio.Group options={CADENCE_DOERS.map((d) => ({ value: d, label: t(`doer.${d}`) }))} />
        </Form.Item>
        <Flex gap={16} wrap>
          <Form.Item name="teamId" label={t('field.team')} style={{ flex: '1 1 200px' }}>
            <Select
              allowClear
              placeholder={t('anyTeam')}
              loading={teams.isPending}
              options={(teams.data?.items ?? []).map((tm) => ({ value: tm.id, label: tm.name }))}
            />
          </Form.Item>
          <Form.Item name="questionnaireId" label={t('field.questionnaire')} style={{ flex: '1 1 200px' }}>
            <Select
              allowClear
              placeholder={t('noQuestionnaire')}
              loading={questionnaires.isPending}
              options={(questionnaires.data ?? []).map((q) => ({ value: q.id, label: q.name }))}
            />
          </Form.Item>
        </Flex>
      </Form>
    </Drawer>
  );
}
