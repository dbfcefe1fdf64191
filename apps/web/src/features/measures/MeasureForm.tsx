import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { TMeasureDetail } from '@huifang/contracts';
import { CHURN_CATEGORIES, CHURN_STAGES, SEGMENTS } from '@huifang/contracts/values';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { ButtonProps } from 'antd';
import { App, Button, DatePicker, Flex, Form, Input, InputNumber, Modal, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import {
  departmentsQuery,
  measureOptionsQuery,
  ownersQuery,
  useCreateMeasure,
  useUpdateMeasure,
} from './api';
import { measureError } from './errors';

interface FormValues {
  title: string;
  description?: string;
  departmentId: string;
  ownerId: string;
  deadline: Dayjs;
  reasonIds?: string[];
  caseIds?: string;
  segments?: string[];
  programme?: string;
  stages?: string[];
  startDay?: Dayjs | null;
  windowDays: number;
  milestones?: Array<{ id?: string; title: string; dueDay: Dayjs }>;
}

const DAY = 'YYYY-MM-DD';
const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A weekly meeting's decision the new measure carries out, with what the week suggests for it. */
export interface MeasureFromDecision {
  week: string;
  index: number;
  title: string;
  reasonIds: string[];
  caseIds: string[];
}

/**
 * Drafting or editing a measure: what, who, by when, which reasons and cases, whom it targets, its milestones.
 * `from` drafts it from a meeting's decision, which the API links to the new measure in the same write.
 */
export function MeasureFormModal({
  measure,
  from,
  onClose,
}: {
  measure?: TMeasureDetail;
  from?: MeasureFromDecision;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation('measures');
  const { message } = App.useApp();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const create = useCreateMeasure();
  const update = useUpdateMeasure(measure?.id ?? '');
  const options = useQuery(measureOptionsQuery);
  const owners = useQuery(ownersQuery(true));
  const depts = useQuery(departmentsQuery(true));
  const [form] = Form.useForm<FormValues>();
  const en = i18n.language === 'en';

  const reasonOptions = CHURN_CATEGORIES.map((c) => ({
    label: t(`category.${c}`),
    title: c,
    options: (options.data?.reasons ?? [])
      .filter((r) => r.category === c)
      .map((r) => ({ value: r.id, label: en ? (r.labelEn ?? r.label) : r.label })),
  })).filter((g) => g.options.length > 0);

  const initial: Partial<FormValues> = measure
    ? {
        title: measure.title,
        description: measure.description ?? undefined,
        departmentId: measure.departmentId,
        ownerId: measure.ownerId,
        deadline: dayjs(measure.deadline),
        reasonIds: measure.reasons.map((r) => r.id),
        caseIds: measure.caseIds.join('\n'),
        segments: measure.target.segments,
        programme: measure.target.programme,
        stages: measure.target.stages,
        startDay: measure.startDay ? dayjs(measure.startDay) : null,
        windowDays: measure.windowDays,
        milestones: measure.milestones.map((m) => ({ id: m.id, title: m.title, dueDay: dayjs(m.dueDay) })),
      }
    : {
        windowDays: 90,
        milestones: [],
        ...(from
          ? { title: from.title.slice(0, 200), reasonIds: from.reasonIds, caseIds: from.caseIds.join('\n') }
          : {}),
      };

  const submit = (v: FormValues) => {
    const caseIds = (v.caseIds ?? '')
      .split(/[\s,]+/)
      .map((s) => s.trim())
      .filter(Boolean);
    const body = {
      title: v.title,
      description: v.description?.trim() ? v.description : null,
      departmentId: v.departmentId,
      ownerId: v.ownerId,
      deadline: v.deadline.format(DAY),
      reasonIds: v.reasonIds ?? [],
      caseIds,
      target: {
        ...(v.segments?.length ? { segments: v.segments as never } : {}),
        ...(v.programme?.trim() ? { programme: v.programme.trim() } : {}),
        ...(v.stages?.length ? { stages: v.stages as never } : {}),
      },
      startDay: v.startDay ? v.startDay.format(DAY) : null,
      windowDays: v.windowDays,
      milestones: (v.milestones ?? []).map((m) => ({
        ...(m.id ? { id: m.id } : {}),
        title: m.title,
        dueDay: m.dueDay.format(DAY),
      })),
    };
    const onError = (e: unknown) => void message.error(measureError(t, e));
    if (measure) {
      update.mutate(
        { ...body, version: measure.version },
        {
          onSuccess: () => {
            message.success(t('form.saved'));
            onClose();
          },
          onError,
        },
      );
    } else {
      const fromDecision = from ? { fromDecision: { week: from.week, index: from.index } } : {};
      create.mutate(
        { ...body, ...fromDecision },
        {
          onSuccess: (m) => {
            if (from) void qc.invalidateQueries({ queryKey: ['churn', 'weekly', from.week] });
            message.success(t('form.created'));
            navigate(`/improvement-measures/${m.id}`);
          },
          onError,
        },
      );
    }
  };

  const required = [{ required: true, message: t('form.required') }];
  return (
    <Modal
      open
      width={720}
      title={measure ? t('form.editTitle') : t('form.createTitle')}
      okText={measure ? t('common:actions.save') : t('common:actions.create')}
      onCancel={onClose}
      confirmLoading={create.isPending || update.isPending}
      onOk={() => form.submit()}
      okButtonProps={{ 'data-testid': 'measure-form-ok' } as ButtonProps}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={initial} onFinish={submit}>
        <Form.Item label={t('form.title')} name="title" rules={required}>
          <Input maxLength={200} data-testid="measure-title" />
        </Form.Item>
        <Form.Item label={t('form.description')} name="description">
          <Input.TextArea rows={2} maxLength={5000} />
        </Form.Item>
        <Flex gap={12} wrap>
          <Form.Item
            label={t('form.department')}
            name="departmentId"
            rules={required}
            style={{ flex: '1 1 200px' }}
          >
            <Select
              showSearch
              optionFilterProp="label"
              options={(depts.data?.items ?? []).map((d) => ({ value: d.id, label: d.name }))}
              data-testid="measure-department"
            />
          </Form.Item>
          <Form.Item label={t('form.owner')} name="ownerId" rules={required} style={{ flex: '1 1 200px' }}>
            <Select
              showSearch
              optionFilterProp="label"
              options={(owners.data?.items ?? []).map((u) => ({
                value: u.id,
                label: `${u.name} (${u.email})`,
              }))}
              data-testid="measure-owner"
            />
          </Form.Item>
          <Form.Item
            label={t('form.deadline')}
            name="deadline"
            rules={required}
            style={{ flex: '1 1 160px' }}
          >
            <DatePicker style={{ width: '100%' }} data-testid="measure-deadline" />
          </Form.Item>
        </Flex>
        <Form.Item label={t('form.reasons')} name="reasonIds">
          <Select
            mode="multiple"
            allowClear
            optionFilterProp="label"
            options={reasonOptions}
            data-testid="measure-reasons"
          />
        </Form.Item>
        <Form.Item label={t('form.cases')} name="caseIds" extra={t('form.casesHint')}>
          <Input.TextArea
            rows={2}
            onBlur={(e) => {
              const bad = e.target.value.split(/[\s,]+/).filter((s) => s && !UUID_RE.test(s));
              if (bad.length) form.setFields([{ name: 'caseIds', errors: [bad.join(', ')] }]);
            }}
          />
        </Form.Item>
        <Typography.Text strong>{t('form.target')}</Typography.Text>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
          {t('form.targetHint')}
        </Typography.Paragraph>
        <Flex gap={12} wrap>
          <Form.Item label={t('form.segments')} name="segments" style={{ flex: '1 1 200px' }}>
            <Select
              mode="multiple"
              allowClear
              options={SEGMENTS.map((s) => ({ value: s, label: t(`segment.${s}`) }))}
            />
          </Form.Item>
          <Form.Item label={t('form.programme')} name="programme" style={{ flex: '1 1 160px' }}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item label={t('form.stages')} name="stages" style={{ flex: '1 1 200px' }}>
            <Select
              mode="multiple"
              allowClear
              options={CHURN_STAGES.map((s) => ({ value: s, label: t(`stage.${s}`) }))}
            />
          </Form.Item>
        </Flex>
        <Flex gap={12} wrap>
          <Form.Item
            label={t('form.startDay')}
            name="startDay"
            extra={t('form.startDayHint')}
            style={{ flex: '1 1 200px' }}
          >
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item
            label={t('form.windowDays')}
            name="windowDays"
            rules={required}
            style={{ flex: '1 1 120px' }}
          >
            <InputNumber min={7} max={365} style={{ width: '100%' }} />
          </Form.Item>
        </Flex>
        <Typography.Text strong>{t('form.milestones')}</Typography.Text>
        <Form.List name="milestones">
          {(fields, { add, remove }) => (
            <div style={{ marginTop: 8 }}>
              {fields.map((f) => (
                <Flex key={f.key} gap={8} align="start" wrap>
                  <Form.Item name={[f.name, 'id']} hidden>
                    <Input />
                  </Form.Item>
                  <Form.Item name={[f.name, 'title']} rules={required} style={{ flex: '2 1 200px' }}>
                    <Input
                      placeholder={t('form.milestoneTitle')}
                      maxLength={200}
                      data-testid="milestone-title"
                    />
                  </Form.Item>
                  <Form.Item name={[f.name, 'dueDay']} rules={required} style={{ flex: '1 1 140px' }}>
                    <DatePicker
                      placeholder={t('form.dueDay')}
                      style={{ width: '100%' }}
                      data-testid="milestone-due"
                    />
                  </Form.Item>
                  <Button
                    icon={<DeleteOutlined />}
                    aria-label={t('common:actions.delete')}
                    onClick={() => remove(f.name)}
                  />
                </Flex>
              ))}
              <Button
                type="dashed"
                icon={<PlusOutlined />}
                onClick={() => add({ title: '', dueDay: undefined })}
                data-testid="milestone-add"
              >
                {t('form.addMilestone')}
              </Button>
            </div>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}
