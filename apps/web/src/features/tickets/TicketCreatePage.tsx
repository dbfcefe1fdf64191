import type { TInspectionDetail, TTicketCategory, TTicketSeverity } from '@huifang/contracts';
import { TICKET_CATEGORIES, TICKET_SEVERITIES } from '@huifang/contracts/values';
import { suggestsConductTicket } from '@huifang/domain';
import { useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Form, Input, Select, Space, Typography } from 'antd';
import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { LoadError } from '../../components/LoadError';
import { PageTitle } from '../../components/PageTitle';
import { errorKeys } from '../../lib/api';
import { formatDateTime } from '../../lib/format';
import { inspectionQuery, sourceVisitsQuery, useCreateTicket, visitQuery } from './api';

interface Values {
  sourceVisitId?: string;
  category: TTicketCategory;
  severity: TTicketSeverity;
  title: string;
  description: string;
}

/** An inspection failed on the caller's attitude or a fabricated record: a complaint about the caller's conduct. */
function defaultCategory(d: TInspectionDetail): TTicketCategory {
  const failed = (d.effectivePassed ?? d.passed) === false;
  return failed && suggestsConductTicket(d.findings) ? 'CALLER_CONDUCT' : 'OTHER';
}

/**
 * 新建工单: raised from a completed visit record (`?visitId=` preselects it and prefills the
 * customer's words) or from an inspection (`?inspectionId=`: its record, customer and caller).
 */
export function TicketCreatePage() {
  const { t } = useTranslation('tickets');
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [params] = useSearchParams();
  const inspectionId = params.get('inspectionId') ?? undefined;
  const visitId = inspectionId ? undefined : (params.get('visitId') ?? undefined);
  const [form] = Form.useForm<Values>();
  const visits = useQuery({ ...sourceVisitsQuery, enabled: !inspectionId });
  const inspection = useQuery({ ...inspectionQuery(inspectionId ?? ''), enabled: !!inspectionId });
  const given = useQuery({ ...visitQuery(visitId ?? ''), enabled: !!visitId });
  const create = useCreateTicket();

  const options = useMemo(() => {
    const rows: Array<{
      id: string;
      customer: { name: string };
      startedAt: string;
      opinions: string | null;
    }> = [...(visits.data?.items ?? [])];
    const g = given.data;
    if (g && !rows.some((r) => r.id === g.id)) rows.unshift(g);
    return rows.map((r) => ({
      value: r.id,
      label: `${r.customer.name} · ${formatDateTime(r.startedAt)}${r.opinions ? ` · ${r.opinions}` : ''}`,
      opinions: r.opinions,
    }));
  }, [visits.data, given.data]);

  useEffect(() => {
    if (!given.data) return;
    form.setFieldsValue({
      sourceVisitId: given.data.id,
      description: form.getFieldValue('description') || (given.data.opinions ?? ''),
    });
  }, [given.data, form]);

  useEffect(() => {
    const d = inspection.data;
    if (!d) return;
    form.setFieldsValue({
      category: form.getFieldValue('category') ?? defaultCategory(d),
      description:
        form.getFieldValue('description') || [d.comment, d.visit.opinions].filter(Boolean).join('\n'),
    });
  }, [inspection.data, form]);

  const onSubmit = async (v: Values) => {
    try {
      const created = await create.mutateAsync(
        inspectionId ? { ...v, sourceVisitId: undefined, sourceInspectionId: inspectionId } : v,
      );
      message.success(t('create.done', { number: created.number }));
      navigate(`/tickets/${created.id}`);
    } catch (error) {
      message.error(t(errorKeys(error, 'tickets:error')));
    }
  };

  if (visits.isError) return <LoadError error={visits.error} onRetry={() => visits.refetch()} />;
  if (inspection.isError) return <LoadError error={inspection.error} onRetry={() => inspection.refetch()} />;
  const ins = inspection.data;
  return (
    <Card title={<PageTitle title={t('create.title')} subtitle={t('create.subtitle')} />}>
      <Form<Values>
        form={form}
        layout="vertical"
        style={{ maxWidth: 640 }}
        initialValues={{ severity: 'MEDIUM', sourceVisitId: visitId }}
        onFinish={onSubmit}
      >
        {inspectionId ? (
          <Form.Item label={t('create.sourceInspection')}>
            {ins ? (
              <Descriptions size="small" bordered column={1} data-testid="create-inspection">
                <Descriptions.Item label={t('col.customer')}>{ins.customer.name}</Descriptions.Item>
                <Descriptions.Item label={t('col.caller')}>{ins.caller.name}</Descriptions.Item>
                <Descriptions.Item label={t('create.visitAt')}>
                  {formatDateTime(ins.visit.startedAt)}
                </Descriptions.Item>
                <Descriptions.Item label={t('create.inspectionResult')}>
                  {(ins.effectivePassed ?? ins.passed)
                    ? t('create.inspectionPassed', { total: ins.total ?? '--' })
                    : t('create.inspectionFailed', { total: ins.total ?? '--' })}
                  {ins.findings.length
                    ? ` · ${ins.findings.map((f) => t(`supervision:finding.${f}`)).join('、')}`
                    : ''}
                </Descriptions.Item>
              </Descriptions>
            ) : (
              <Alert type="info" title={t('common:loading')} />
            )}
          </Form.Item>
        ) : null}
        <Form.Item
          name="sourceVisitId"
          label={t('create.source')}
          hidden={!!inspectionId}
          rules={[{ required: !inspectionId, message: t('form.required') }]}
        >
          <Select
            showSearch
            optionFilterProp="label"
            loading={visits.isLoading || given.isLoading}
            options={options}
            placeholder={t('create.sourcePlaceholder')}
            onChange={(id: string) => {
              const o = options.find((x) => x.value === id);
              if (o?.opinions && !form.getFieldValue('description'))
                form.setFieldValue('description', o.opinions);
            }}
            data-testid="create-source"
          />
        </Form.Item>
        <Form.Item
          name="category"
          label={t('col.category')}
          rules={[{ required: true, message: t('form.required') }]}
        >
          <Select
            options={TICKET_CATEGORIES.map((c) => ({ value: c, label: t(`category.${c}`) }))}
            data-testid="create-category"
          />
        </Form.Item>
        <Form.Item
          name="severity"
          label={t('col.severity')}
          rules={[{ required: true, message: t('form.required') }]}
          extra={t('create.severityHint')}
        >
          <Select
            options={TICKET_SEVERITIES.map((s) => ({ value: s, label: t(`severity.${s}`) }))}
            data-testid="create-severity"
          />
        </Form.Item>
        <Form.Item
          name="title"
          label={t('col.title')}
          rules={[{ required: true, whitespace: true, message: t('form.required') }]}
        >
          <Input maxLength={200} data-testid="create-title" />
        </Form.Item>
        <Form.Item
          name="description"
          label={t('field.description')}
          rules={[{ required: true, whitespace: true, message: t('form.required') }]}
        >
          <Input.TextArea rows={5} maxLength={4000} data-testid="create-description" />
        </Form.Item>
        <Typography.Paragraph type="secondary">{t('create.routingHint')}</Typography.Paragraph>
        <Space>
          <Button
            type="primary"
            htmlType="submit"
            loading={create.isPending}
            disabled={!!inspectionId && !ins}
            data-testid="create-submit"
          >
            {t('common:actions.submit')}
          </Button>
          <Button onClick={() => navigate(-1)}>{t('common:actions.cancel')}</Button>
        </Space>
      </Form>
    </Card>
  );
}
