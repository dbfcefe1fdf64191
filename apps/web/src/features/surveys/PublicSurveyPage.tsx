import type { TPublicSurvey, TPublicSurveyAnswers } from '@huifang/contracts';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, Result, Skeleton, Typography } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { asLanguage, switchLanguage } from '../../i18n';
import { ApiError, api } from '../../lib/api';
import { formatDateTime } from '../../lib/format';
import { QuestionField, RateInput } from '../tasks/inputs';

interface Values {
  satisfaction?: number | null;
  answers?: Record<string, number | boolean | string | null | undefined>;
  opinions?: string;
  suggestions?: string;
}

/**
 * The customer's own survey (线上评价, docs/rules.md#r-srv-1-survey-links): opened from the link in
 * an SMS or e-mail, no login, phone first; in the customer's language. A used, expired or withdrawn
 * link says only that it can no longer be used.
 */
export function PublicSurveyPage() {
  const { token = '' } = useParams();
  const { t, i18n } = useTranslation(['surveys', 'tasks']);
  const survey = useQuery({
    queryKey: ['public-survey', token],
    queryFn: ({ signal }) => api<TPublicSurvey>(`/public/surveys/${encodeURIComponent(token)}`, { signal }),
    retry: false,
    staleTime: Number.POSITIVE_INFINITY,
  });
  const lang = survey.data?.language;
  useEffect(() => {
    if (lang && asLanguage(i18n.language) !== lang) void switchLanguage(lang);
  }, [lang, i18n.language]);
  const send = useMutation({
    mutationFn: (body: TPublicSurveyAnswers) =>
      api<{ ok: true }>(`/public/surveys/${encodeURIComponent(token)}`, { method: 'POST', body }),
  });
  const [form] = Form.useForm<Values>();

  let content: React.ReactNode;
  if (survey.isPending) content = <Skeleton active paragraph={{ rows: 6 }} />;
  else if (survey.isError) {
    const status = survey.error instanceof ApiError ? survey.error.status : 0;
    content = (
      <Result
        status={status === 404 || status === 410 ? 'warning' : 'error'}
        title={t(status === 410 ? 'public.gone' : status === 404 ? 'public.notFound' : 'public.error')}
        subTitle={status === 404 || status === 410 ? t('public.goneHint') : undefined}
        data-testid="survey-unavailable"
      />
    );
  } else if (send.isSuccess) {
    content = (
      <Result
        status="success"
        title={t('public.thanks')}
        subTitle={t('public.thanksHint')}
        data-testid="survey-thanks"
      />
    );
  } else {
    const s = survey.data;
    const sendError = send.error instanceof ApiError ? send.error : null;
    content = (
      <>
        <Typography.Text type="secondary">{s.organization}</Typography.Text>
        <Typography.Title level={1} style={{ fontSize: 22, margin: '4px 0 8px' }}>
          {t('public.title')}
        </Typography.Title>
        <Typography.Paragraph>{t('public.intro', { purpose: s.purpose })}</Typography.Paragraph>
        <Typography.Paragraph type="secondary">
          {t('public.until', { at: formatDateTime(s.expiresAt) })}
        </Typography.Paragraph>
        {send.isError ? (
          <Alert
            type="error"
            showIcon
            style={{ marginBottom: 16 }}
            title={t(
              sendError?.status === 410
                ? 'public.gone'
                : sendError?.status === 422 || sendError?.status === 400
                  ? 'public.invalid'
                  : 'public.error',
            )}
            data-testid="survey-error"
          />
        ) : null}
        <Form<Values>
          form={form}
          layout="vertical"
          requiredMark={false}
          initialValues={{ answers: {} }}
          onFinish={(v) =>
            send.mutate({
              satisfaction: v.satisfaction ?? 0,
              answers: Object.entries(v.answers ?? {})
                .filter(
                  ([id, value]) =>
                    s.questions.some((q) => q.id === id) &&
                    value !== undefined &&
                    value !== null &&
                    value !== '',
                )
                .map(([questionId, value]) => ({ questionId, value: value as number | boolean | string })),
              opinions: v.opinions?.trim() || null,
              suggestions: v.suggestions?.trim() || null,
            })
          }
        >
          <Form.Item
            name="satisfaction"
            label={t('public.satisfaction')}
            rules={[{ required: true, message: t('tasks:form.required') }]}
          >
            <RateInput testId="satisfaction" label={t('public.satisfaction')} />
          </Form.Item>
          {s.questions.map((q, i) => (
            <QuestionField key={q.id} question={q} index={i} />
          ))}
          <Form.Item name="opinions" label={t('public.opinions')}>
            <Input.TextArea
              autoSize={{ minRows: 2, maxRows: 6 }}
              maxLength={2000}
              data-testid="survey-opinions"
            />
          </Form.Item>
          <Form.Item name="suggestions" label={t('public.suggestions')}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} />
          </Form.Item>
          <Button
            type="primary"
            htmlType="submit"
            block
            size="large"
            loading={send.isPending}
            data-testid="survey-submit"
          >
            {t('public.submit')}
          </Button>
        </Form>
      </>
    );
  }
  return (
    <main style={{ minHeight: '100vh', background: '#f5f5f5', padding: '16px 12px' }}>
      <Card
        style={{ maxWidth: 560, margin: '0 auto' }}
        styles={{ body: { padding: 20 } }}
        data-testid="public-survey"
      >
        {content}
      </Card>
    </main>
  );
}
