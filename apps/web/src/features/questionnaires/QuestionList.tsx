import {
  ArrowDownOutlined,
  ArrowUpOutlined,
  DeleteOutlined,
  MinusCircleOutlined,
  PlusOutlined,
} from '@ant-design/icons';
import { QUESTION_KINDS } from '@huifang/contracts/values';
import { Button, Card, Col, Flex, Form, Input, Row, Select, Space, Switch, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { blankQuestion, type FormValues } from './form';

/** The ordered questions: add, remove, move up and down, type, text, required and choices. */
export function QuestionList({ writable }: { writable: boolean }) {
  const { t } = useTranslation('questionnaires');
  const form = Form.useFormInstance<FormValues>();
  return (
    <Form.List
      name="questions"
      rules={[
        {
          validator: async (_, qs?: unknown[]) => {
            if (!qs || qs.length === 0) throw new Error(t('questionsMin'));
          },
        },
      ]}
    >
      {(fields, { add, remove, move }, { errors }) => (
        <Card
          title={t('section.questions', { count: fields.length })}
          size="small"
          extra={
            writable ? (
              <Button
                size="small"
                icon={<PlusOutlined />}
                onClick={() => add(blankQuestion())}
                data-testid="question-add-top"
              >
                {t('addQuestion')}
              </Button>
            ) : null
          }
        >
          {fields.length === 0 ? (
            <Typography.Paragraph type="secondary">{t('noQuestions')}</Typography.Paragraph>
          ) : null}
          <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
            {fields.map((field, index) => (
              <Card
                key={field.key}
                size="small"
                type="inner"
                data-testid={`question-${index}`}
                title={t('question', { n: index + 1 })}
                extra={
                  writable ? (
                    <Space size={0}>
                      <Tooltip title={t('moveUp')}>
                        <Button
                          type="text"
                          size="small"
                          icon={<ArrowUpOutlined />}
                          aria-label={t('moveUp')}
                          disabled={index === 0}
                          onClick={() => move(index, index - 1)}
                        />
                      </Tooltip>
                      <Tooltip title={t('moveDown')}>
                        <Button
                          type="text"
                          size="small"
                          icon={<ArrowDownOutlined />}
                          aria-label={t('moveDown')}
                          disabled={index === fields.length - 1}
                          onClick={() => move(index, index + 1)}
                        />
                      </Tooltip>
                      <Tooltip title={t('remove')}>
                        <Button
                          type="text"
                          size="small"
                          danger
                          icon={<DeleteOutlined />}
                          aria-label={t('remove')}
                          onClick={() => remove(field.name)}
                        />
                      </Tooltip>
                    </Space>
                  ) : null
                }
              >
                <Form.Item name={[field.name, 'id']} hidden>
                  <Input />
                </Form.Item>
                <Row gutter={12}>
                  <Col xs={24} md={14}>
                    <Form.Item
                      label={t('field.label')}
                      name={[field.name, 'label']}
                      rules={[{ required: true, whitespace: true, message: t('required') }, { max: 200 }]}
                    >
                      <Input
                        placeholder={t('placeholder.label')}
                        maxLength={200}
                        data-testid={`question-${index}-label`}
                      />
                    </Form.Item>
                  </Col>
                  <Col xs={16} md={7}>
                    <Form.Item
                      label={t('field.kind')}
                      name={[field.name, 'kind']}
                      rules={[{ required: true }]}
                    >
                      <Select
                        options={QUESTION_KINDS.map((k) => ({
                          value: k,
                          label: t(`common:questionKind.${k}`),
                        }))}
                        data-testid={`question-${index}-kind`}
                      />
                    </Form.Item>
                  </Col>
                  <Col xs={8} md={3}>
                    <Form.Item
                      label={t('field.required')}
                      name={[field.name, 'required']}
                      valuePropName="checked"
                    >
                      <Switch />
                    </Form.Item>
                  </Col>
                </Row>
                <Form.Item noStyle shouldUpdate>
                  {() =>
                    form.getFieldValue(['questions', field.name, 'kind']) === 'SINGLE_CHOICE' ? (
                      <OptionList questionName={field.name} writable={writable} />
                    ) : null
                  }
                </Form.Item>
              </Card>
            ))}
          </Space>
          <Form.ErrorList errors={errors} />
          {writable ? (
            <Button
              type="dashed"
              block
              icon={<PlusOutlined />}
              style={{ marginTop: 16 }}
              onClick={() => add(blankQuestion())}
              data-testid="question-add"
            >
              {t('addQuestion')}
            </Button>
          ) : null}
        </Card>
      )}
    </Form.List>
  );
}

function OptionList({ questionName, writable }: { questionName: number; writable: boolean }) {
  const { t } = useTranslation('questionnaires');
  return (
    <Form.List
      name={[questionName, 'options']}
      rules={[
        {
          validator: async (_, opts?: Array<string | undefined>) => {
            if ((opts ?? []).filter((o) => o?.trim()).length < 2) throw new Error(t('optionsMin'));
          },
        },
      ]}
    >
      {(fields, { add, remove }, { errors }) => (
        <Form.Item label={t('field.options')} required style={{ marginBottom: 0 }}>
          <Space orientation="vertical" style={{ width: '100%' }}>
            {fields.map((f, i) => (
              <Flex key={f.key} gap={8} align="center">
                <Form.Item
                  name={f.name}
                  noStyle
                  rules={[{ required: true, whitespace: true, message: t('required') }, { max: 100 }]}
                >
                  <Input placeholder={t('placeholder.option', { n: i + 1 })} maxLength={100} />
                </Form.Item>
                {writable ? (
                  <Button
                    type="text"
                    icon={<MinusCircleOutlined />}
                    aria-label={t('removeOption')}
                    onClick={() => remove(f.name)}
                  />
                ) : null}
              </Flex>
            ))}
            {writable && fields.length < 20 ? (
              <Button type="dashed" size="small" icon={<PlusOutlined />} onClick={() => add('')}>
                {t('addOption')}
              </Button>
            ) : null}
            <Form.ErrorList errors={errors} />
          </Space>
        </Form.Item>
      )}
    </Form.List>
  );
}
