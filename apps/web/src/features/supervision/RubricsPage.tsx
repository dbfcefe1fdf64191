import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { TRubric, TRubricCriterion } from '@huifang/contracts';
import { rubricWeightSum, validateRubric } from '@huifang/domain';
import { useQuery } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Drawer,
  Form,
  Input,
  InputNumber,
  Space,
  Switch,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadError } from '../../components/LoadError';
import { PageTitle } from '../../components/PageTitle';
import { useCan } from '../../lib/auth';
import { formatDateTime } from '../../lib/format';
import { rubricsQuery, useSaveRubric } from './api';
import { errorText } from './labels';

/** 评分标准: the rubrics, and an editor whose weights must sum to 100. */
export function RubricsPage() {
  const { t } = useTranslation('supervision');
  const can = useCan();
  const list = useQuery(rubricsQuery);
  const [editing, setEditing] = useState<TRubric | 'new' | null>(null);
  const writes = can('rubric:write');

  return (
    <Card
      title={<PageTitle title={t('rubric.title')} subtitle={t('rubric.subtitle')} />}
      extra={
        writes ? (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setEditing('new')}
            data-testid="rubric-new"
          >
            {t('rubric.new')}
          </Button>
        ) : null
      }
    >
      {list.isError ? (
        <LoadError error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <Table<TRubric>
          rowKey="id"
          size="small"
          loading={list.isFetching}
          dataSource={list.data?.items ?? []}
          pagination={false}
          data-testid="rubric-list"
          expandable={{
            expandedRowRender: (r) => <CriteriaTable criteria={r.criteria} />,
          }}
          columns={[
            {
              title: t('rubric.name'),
              key: 'name',
              render: (_, r) => (
                <Space>
                  {r.name}
                  {r.isDefault ? <Tag color="blue">{t('rubric.default')}</Tag> : null}
                  {r.active ? null : <Tag>{t('rubric.inactive')}</Tag>}
                </Space>
              ),
            },
            {
              title: t('rubric.criteriaCount'),
              key: 'n',
              align: 'right',
              render: (_, r) => r.criteria.length,
            },
            {
              title: t('rubric.criticalCount'),
              key: 'c',
              align: 'right',
              render: (_, r) => r.criteria.filter((c) => c.critical).length,
            },
            { title: t('rubric.version'), key: 'v', align: 'right', render: (_, r) => `v${r.version}` },
            { title: t('rubric.inspections'), key: 'i', align: 'right', render: (_, r) => r.inspectionCount },
            { title: t('rubric.updatedAt'), key: 'u', render: (_, r) => formatDateTime(r.updatedAt) },
            ...(writes
              ? [
                  {
                    title: t('col.actions'),
                    key: 'a',
                    render: (_: unknown, r: TRubric) => (
                      <Button
                        type="link"
                        size="small"
                        onClick={() => setEditing(r)}
                        data-testid="rubric-edit"
                      >
                        {t('common:actions.edit')}
                      </Button>
                    ),
                  },
                ]
              : []),
          ]}
        />
      )}
      {editing ? (
        <RubricEditor rubric={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />
      ) : null}
    </Card>
  );
}

function CriteriaTable({ criteria }: { criteria: TRubricCriterion[] }) {
  const { t } = useTranslation('supervision');
  return (
    <Table<TRubricCriterion>
      rowKey="id"
      size="small"
      pagination={false}
      dataSource={criteria}
      columns={[
        { title: t('rubric.criterion'), dataIndex: 'name' },
        { title: t('rubric.weight'), dataIndex: 'weight', align: 'right' },
        {
          title: t('rubric.critical'),
          key: 'c',
          render: (_, c) =>
            c.critical ? <Tag color="volcano">{t('rubric.critical')}</Tag> : t('common:none'),
        },
        { title: t('rubric.guidance'), dataIndex: 'guidance' },
      ]}
    />
  );
}

interface EditorValues {
  name: string;
  description?: string;
  isDefault?: boolean;
  criteria: Array<{ id?: string; name: string; weight: number; critical?: boolean; guidance?: string }>;
}

let counter = 0;
const newId = () => `c${Date.now().toString(36)}${(counter++).toString(36)}`;

function RubricEditor({ rubric, onClose }: { rubric: TRubric | null; onClose: () => void }) {
  const { t } = useTranslation('supervision');
  const { message } = App.useApp();
  const [form] = Form.useForm<EditorValues>();
  const save = useSaveRubric();
  const criteria = Form.useWatch('criteria', form) ?? rubric?.criteria ?? [];
  const sum = rubricWeightSum(criteria.map((c) => ({ weight: Number(c?.weight ?? 0) })));

  const finish = (v: EditorValues) => {
    const list = v.criteria.map((c) => ({
      id: c.id || newId(),
      name: c.name,
      weight: c.weight,
      critical: c.critical ?? false,
      guidance: c.guidance ?? '',
    }));
    const problems = validateRubric(list);
    if (problems.length) {
      message.error(t(`error.${problems[0]?.code}`));
      return;
    }
    save.mutate(
      {
        id: rubric?.id,
        name: v.name,
        description: v.description || null,
        isDefault: v.isDefault,
        criteria: list,
        ...(rubric ? { version: rubric.version } : {}),
      },
      {
        onSuccess: () => {
          message.success(t('rubric.saved'));
          onClose();
        },
        onError: (e) => message.error(errorText(t, e)),
      },
    );
  };

  return (
    <Drawer
      open
      size="large"
      title={rubric ? t('rubric.editTitle', { name: rubric.name }) : t('rubric.new')}
      onClose={onClose}
      data-testid="rubric-editor"
      extra={
        <Button
          type="primary"
          onClick={() => form.submit()}
          loading={save.isPending}
          data-testid="rubric-save"
        >
          {t('common:actions.save')}
        </Button>
      }
    >
      {rubric && rubric.inspectionCount > 0 ? (
        <Typography.Paragraph type="secondary">{t('rubric.snapshotNote')}</Typography.Paragraph>
      ) : null}
      <Form<EditorValues>
        form={form}
        layout="vertical"
        onFinish={finish}
        initialValues={
          rubric
            ? {
                name: rubric.name,
                description: rubric.description ?? '',
                isDefault: rubric.isDefault,
                criteria: rubric.criteria,
              }
            : { criteria: [{ id: newId(), name: '', weight: 100, critical: false, guidance: '' }] }
        }
      >
        <Form.Item
          name="name"
          label={t('rubric.name')}
          rules={[{ required: true, whitespace: true, message: t('rubric.nameRequired') }]}
        >
          <Input maxLength={100} data-testid="rubric-name" />
        </Form.Item>
        <Form.Item name="description" label={t('rubric.description')}>
          <Input.TextArea rows={2} maxLength={1000} />
        </Form.Item>
        <Form.Item name="isDefault" label={t('rubric.default')} valuePropName="checked">
          <Switch disabled={rubric?.isDefault} />
        </Form.Item>
        <Typography.Text strong>{t('rubric.criteria')}</Typography.Text>{' '}
        <Tag color={sum === 100 ? 'green' : 'red'} data-testid="rubric-sum">
          {t('rubric.sum', { sum })}
        </Tag>
        <Form.List name="criteria">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Card size="small" key={f.key} style={{ marginTop: 8 }} data-testid="rubric-criterion">
                  <Form.Item name={[f.name, 'id']} hidden>
                    <Input />
                  </Form.Item>
                  <Space align="start" wrap>
                    <Form.Item
                      name={[f.name, 'name']}
                      label={t('rubric.criterion')}
                      rules={[{ required: true, whitespace: true, message: t('rubric.nameRequired') }]}
                    >
                      <Input style={{ width: 200 }} maxLength={100} />
                    </Form.Item>
                    <Form.Item
                      name={[f.name, 'weight']}
                      label={t('rubric.weight')}
                      rules={[
                        {
                          required: true,
                          type: 'integer',
                          min: 1,
                          message: t('error.WEIGHT_NOT_POSITIVE_INTEGER'),
                        },
                      ]}
                    >
                      <InputNumber min={1} max={100} precision={0} />
                    </Form.Item>
                    <Form.Item
                      name={[f.name, 'critical']}
                      label={t('rubric.critical')}
                      valuePropName="checked"
                    >
                      <Switch />
                    </Form.Item>
                    <Button
                      icon={<DeleteOutlined />}
                      aria-label={t('common:actions.delete')}
                      onClick={() => remove(f.name)}
                      disabled={fields.length === 1}
                      style={{ marginTop: 30 }}
                    />
                  </Space>
                  <Form.Item
                    name={[f.name, 'guidance']}
                    label={t('rubric.guidance')}
                    style={{ marginBottom: 0 }}
                  >
                    <Input.TextArea rows={2} maxLength={1000} />
                  </Form.Item>
                </Card>
              ))}
              <Button
                type="dashed"
                block
                icon={<PlusOutlined />}
                style={{ marginTop: 8 }}
                onClick={() =>
                  add({
                    id: newId(),
                    name: '',
                    weight: Math.max(1, 100 - sum),
                    critical: false,
                    guidance: '',
                  })
                }
              >
                {t('rubric.addCriterion')}
              </Button>
            </>
          )}
        </Form.List>
      </Form>
    </Drawer>
  );
}
