import { ArrowLeftOutlined } from '@ant-design/icons';
import type { TQuestionnaire } from '@huifang/contracts';
import { useQuery } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Flex,
  Form,
  Input,
  Result,
  Row,
  Skeleton,
  Space,
  Switch,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { ApiError, errorKeys } from '../../lib/api';
import { useCan } from '../../lib/auth';
import { formatDateTime } from '../../lib/format';
import { questionnaireQuery, useCreateQuestionnaire, useUpdateQuestionnaire } from './api';
import { questionnaireFieldErrors } from './errors';
import { type FormValues, toBody, toForm } from './form';
import { QuestionList } from './QuestionList';
import { QuestionnairePreview } from './QuestionnairePreview';

export function QuestionnaireEditorPage() {
  const { id = 'new' } = useParams();
  const isNew = id === 'new';
  const query = useQuery({ ...questionnaireQuery(id), enabled: !isNew });
  const { t } = useTranslation('questionnaires');
  const can = useCan();

  if (isNew && !can('questionnaire:write'))
    return <Result status="403" title="403" subTitle={t('common:error.forbidden')} />;
  if (!isNew && query.isPending)
    return (
      <Card>
        <Skeleton active paragraph={{ rows: 8 }} />
      </Card>
    );
  if (!isNew && query.isError) {
    const status = query.error instanceof ApiError ? query.error.status : 0;
    return (
      <Result
        status={status === 404 || status === 400 ? '404' : 'error'}
        title={status === 404 || status === 400 ? t('notFound') : t('common:error.title')}
        extra={<Button onClick={() => void query.refetch()}>{t('common:actions.retry')}</Button>}
      />
    );
  }
  return <Editor key={id} id={id} questionnaire={isNew ? undefined : query.data} />;
}

function Editor({ id, questionnaire }: { id: string; questionnaire: TQuestionnaire | undefined }) {
  const { t } = useTranslation('questionnaires');
  const { message } = App.useApp();
  const navigate = useNavigate();
  const can = useCan();
  const writable = can('questionnaire:write');
  const isNew = !questionnaire;
  const [form] = Form.useForm<FormValues>();
  const [stale, setStale] = useState(false);
  const [dirty, setDirty] = useState(false);
  const create = useCreateQuestionnaire();
  const update = useUpdateQuestionnaire(id);
  const fresh = useQuery({ ...questionnaireQuery(id), enabled: false });
  const saving = create.isPending || update.isPending;

  const watched = Form.useWatch([], form) as Partial<FormValues> | undefined;
  const previewQuestions = watched?.questions ?? questionnaire?.questions ?? [];

  const reload = async () => {
    const res = await fresh.refetch();
    if (res.data) {
      form.resetFields();
      form.setFieldsValue(toForm(res.data));
      setStale(false);
      setDirty(false);
    }
  };

  const onError = (error: unknown) => {
    if (error instanceof ApiError && error.code === 'STALE_VERSION') {
      setStale(true);
      message.error(t('stale'));
      return;
    }
    if (error instanceof ApiError && (error.details as { field?: string } | undefined)?.field === 'name') {
      form.setFields([{ name: 'name', errors: [t('duplicateName')] }]);
      message.error(t('duplicateName'));
      return;
    }
    const fields = questionnaireFieldErrors(error).map(({ name, keys }) => ({ name, errors: [t(keys)] }));
    if (fields.length > 0) {
      form.setFields(fields as Parameters<typeof form.setFields>[0]);
      message.error(t('fixErrors'));
      return;
    }
    message.error(t(errorKeys(error, 'questionnaires:apiError')));
  };

  const onFinish = async (values: FormValues) => {
    try {
      if (isNew) {
        const created = await create.mutateAsync(toBody(values));
        message.success(t('created'));
        navigate(`/questionnaires/${created.id}`, { replace: true });
      } else {
        const saved = await update.mutateAsync({ ...toBody(values), version: questionnaire.version });
        form.setFieldsValue(toForm(saved));
        setDirty(false);
        message.success(t('saved', { version: saved.version }));
      }
    } catch (error) {
      onError(error);
    }
  };

  const title = isNew ? t('newTitle') : writable ? t('editTitle') : t('viewTitle');

  return (
    <Form<FormValues>
      form={form}
      layout="vertical"
      initialValues={toForm(questionnaire)}
      disabled={!writable}
      onFinish={(v) => void onFinish(v)}
      onFinishFailed={() => message.error(t('fixErrors'))}
      onValuesChange={(changed: Partial<FormValues>, all: FormValues) => {
        setDirty(true);
        // A question switched to single choice starts with two empty options.
        changed.questions?.forEach((q, i) => {
          if (q?.kind === 'SINGLE_CHOICE' && !(all.questions[i]?.options?.length ?? 0)) {
            form.setFieldValue(['questions', i, 'options'], ['', '']);
          }
        });
      }}
      scrollToFirstError
    >
      <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 16 }}>
        <Space align="center">
          <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('/questionnaires')} disabled={false}>
            {t('common:actions.back')}
          </Button>
          <Typography.Title level={1} style={{ margin: 0 }}>
            {title}
          </Typography.Title>
          {questionnaire ? (
            <Tag color="blue" data-testid="questionnaire-version">
              {t('versionTag', { version: questionnaire.version })}
            </Tag>
          ) : null}
          {questionnaire ? (
            <Typography.Text type="secondary">
              {t('col.updatedAt')}: {formatDateTime(questionnaire.updatedAt)}
            </Typography.Text>
          ) : null}
          {dirty && writable ? <Tag color="orange">{t('unsaved')}</Tag> : null}
        </Space>
        {writable ? (
          <Button type="primary" htmlType="submit" loading={saving} data-testid="questionnaire-save">
            {t('common:actions.save')}
          </Button>
        ) : null}
      </Flex>

      {stale ? (
        <Alert
          type="warning"
          showIcon
          title={t('stale')}
          style={{ marginBottom: 16 }}
          data-testid="questionnaire-stale"
          action={
            <Button size="small" onClick={() => void reload()} loading={fresh.isFetching} disabled={false}>
              {t('reload')}
            </Button>
          }
        />
      ) : null}
      {!writable ? <Alert type="info" showIcon title={t('readOnly')} style={{ marginBottom: 16 }} /> : null}

      <Row gutter={16}>
        <Col xs={24} xl={14}>
          <Card title={t('section.basics')} size="small" style={{ marginBottom: 16 }}>
            {(['name', 'purpose'] as const).map((field) => (
              <Form.Item
                key={field}
                label={t(`field.${field}`)}
                name={field}
                rules={[{ required: true, whitespace: true, message: t('required') }, { max: 100 }]}
              >
                <Input placeholder={t(`placeholder.${field}`)} maxLength={100} />
              </Form.Item>
            ))}
            <Form.Item label={t('field.description')} name="description" rules={[{ max: 1000 }]}>
              <Input.TextArea rows={2} placeholder={t('placeholder.description')} maxLength={1000} />
            </Form.Item>
            <Form.Item
              label={t('field.active')}
              name="active"
              valuePropName="checked"
              style={{ marginBottom: 0 }}
            >
              <Switch />
            </Form.Item>
            {!isNew ? (
              <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
                {t('versionHint')}
              </Typography.Paragraph>
            ) : null}
          </Card>

          <QuestionList writable={writable} />
        </Col>
        <Col xs={24} xl={10}>
          <Card title={t('section.preview')} size="small" style={{ position: 'sticky', top: 16 }}>
            <QuestionnairePreview
              name={watched?.name ?? questionnaire?.name}
              description={watched?.description ?? questionnaire?.description}
              active={watched?.active ?? questionnaire?.active ?? true}
              questions={previewQuestions}
            />
          </Card>
        </Col>
      </Row>
    </Form>
  );
}
