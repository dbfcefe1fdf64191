import type { TQuestion } from '@huifang/contracts';
import { Alert, Empty, Flex, Input, Radio, Rate, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

export interface PreviewQuestion {
  id?: string;
  kind?: TQuestion['kind'];
  label?: string;
  required?: boolean;
  options?: Array<string | undefined>;
}

const NPS = Array.from({ length: 11 }, (_, i) => i);

/** The questionnaire as the caller meets it in the visit form; answers here are not kept. */
export function QuestionnairePreview({
  name,
  description,
  questions,
  active = true,
}: {
  name?: string;
  description?: string | null;
  questions: PreviewQuestion[];
  active?: boolean;
}) {
  const { t } = useTranslation('questionnaires');
  return (
    <div data-testid="questionnaire-preview">
      <Typography.Title level={5} style={{ marginTop: 0 }}>
        {name || '--'}
      </Typography.Title>
      {description ? <Typography.Paragraph type="secondary">{description}</Typography.Paragraph> : null}
      {active ? null : (
        <Alert type="warning" showIcon title={t('preview.inactive')} style={{ marginBottom: 12 }} />
      )}
      {questions.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('preview.empty')} />
      ) : (
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          {questions.map((q, i) => (
            <div key={q.id ?? i}>
              <Typography.Text strong>
                {i + 1}. {q.label?.trim() || t('preview.untitled')}
                {q.required ? (
                  <Typography.Text type="danger" aria-label={t('preview.requiredMark')}>
                    {' '}
                    *
                  </Typography.Text>
                ) : null}
              </Typography.Text>
              <div style={{ marginTop: 6 }}>
                <PreviewControl question={q} />
              </div>
            </div>
          ))}
        </Space>
      )}
    </div>
  );
}

function PreviewControl({ question }: { question: PreviewQuestion }) {
  const { t } = useTranslation('questionnaires');
  switch (question.kind) {
    case 'SATISFACTION':
      return <Rate count={5} />;
    case 'NPS':
      return (
        <div>
          <Radio.Group
            optionType="button"
            size="small"
            options={NPS.map((n) => ({ value: n, label: String(n) }))}
          />
          <Flex justify="space-between" style={{ maxWidth: 360 }}>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              0 · {t('preview.npsLow')}
            </Typography.Text>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              10 · {t('preview.npsHigh')}
            </Typography.Text>
          </Flex>
        </div>
      );
    case 'YES_NO':
      return (
        <Radio.Group
          options={[
            { value: true, label: t('preview.yes') },
            { value: false, label: t('preview.no') },
          ]}
        />
      );
    case 'SINGLE_CHOICE':
      return (
        <Radio.Group
          style={{ display: 'flex', flexDirection: 'column', gap: 4 }}
          options={(question.options ?? [])
            .map((o, i) => ({ value: i, label: o?.trim() ?? '' }))
            .filter((o) => o.label)}
        />
      );
    case 'TEXT':
      return <Input.TextArea rows={2} placeholder={t('preview.textPlaceholder')} />;
    default:
      return null;
  }
}
