// The ticket a visit raises with its record (docs/rules.md R-VISIT-5): offered when the customer was
// reached, proposed when they rated the visit low; category, urgency and a prefilled title, saved
// with the record in one step.
import type { TQuestion, TVisitOutcome, TVisitTicket } from '@huifang/contracts';
import { TICKET_CATEGORIES, TICKET_SEVERITIES } from '@huifang/contracts/values';
import { type TicketOffer, ticketOffer } from '@huifang/domain';
import { Alert, Checkbox, Form, type FormInstance, Input, Select } from 'antd';
import { useTranslation } from 'react-i18next';

export interface TicketValues {
  raiseTicket?: boolean;
  ticket?: Partial<TVisitTicket>;
  satisfaction?: number | null;
  answers?: Record<string, unknown>;
  opinions?: string;
}

/** The offer for the values on the form: the overall rating and every 1–5 question. */
export function offerOf(
  outcome: TVisitOutcome | undefined,
  values: TicketValues,
  questions: TQuestion[],
): TicketOffer {
  if (!outcome) return 'NONE';
  const ratings = [
    values.satisfaction,
    ...questions
      .filter((q) => q.kind === 'SATISFACTION')
      .map((q) => values.answers?.[q.id] as number | undefined),
  ];
  return ticketOffer(outcome, outcome === 'COMPLETED' ? ratings : []);
}

/** A title from the customer's words, or from the rating when they said nothing. */
export function suggestedTitle(
  t: (k: string, o?: Record<string, unknown>) => string,
  customer: string,
  values: TicketValues,
): string {
  const words = values.opinions?.trim().replace(/\s+/g, ' ');
  if (words)
    return t('form.ticket.titleFromWords', {
      customer,
      words: words.length > 40 ? `${words.slice(0, 40)}…` : words,
    });
  if (values.satisfaction) return t('form.ticket.titleFromRating', { customer, n: values.satisfaction });
  return t('form.ticket.titlePlain', { customer });
}

export function VisitTicketFields<V extends TicketValues>({
  form,
  offer,
  customer,
}: {
  form: FormInstance<V>;
  offer: TicketOffer;
  customer: string;
}) {
  const { t } = useTranslation('tasks');
  const raise = Form.useWatch('raiseTicket', form);
  if (offer === 'NONE') return null;
  // biome-ignore lint/suspicious/noExplicitAny: antd's typed paths do not reach a generic form's nested fields
  const f = form as FormInstance<any>;
  const prefill = (on: boolean) => {
    if (!on) return;
    const values = f.getFieldsValue(true) as TicketValues;
    const current = values.ticket ?? {};
    f.setFieldsValue({
      ticket: {
        severity: current.severity ?? 'MEDIUM',
        title: current.title || suggestedTitle(t, customer, values),
        description: current.description || values.opinions?.trim() || suggestedTitle(t, customer, values),
        category: current.category,
      },
    });
  };
  const box = (
    <Form.Item name="raiseTicket" valuePropName="checked" style={{ marginBottom: raise ? 12 : 16 }}>
      <Checkbox data-testid="raise-ticket-inline" onChange={(e) => prefill(e.target.checked)}>
        {t('form.ticket.raise')}
      </Checkbox>
    </Form.Item>
  );
  return (
    <div data-testid="visit-ticket" data-offer={offer}>
      {offer === 'SUGGESTED' ? (
        <Alert
          type="warning"
          showIcon
          title={t('form.ticket.suggested')}
          description={box}
          style={{ marginBottom: 16 }}
          data-testid="ticket-suggested"
        />
      ) : (
        box
      )}
      {raise && (
        <div style={{ paddingLeft: 12, borderLeft: '3px solid #faad14', marginBottom: 16 }}>
          <Form.Item
            name={['ticket', 'category']}
            label={t('form.ticket.category')}
            rules={[{ required: true, message: t('form.ticket.chooseCategory') }]}
          >
            <Select
              style={{ maxWidth: 240 }}
              data-testid="ticket-category"
              options={TICKET_CATEGORIES.map((c) => ({ value: c, label: t(`tickets:category.${c}`) }))}
            />
          </Form.Item>
          <Form.Item
            name={['ticket', 'severity']}
            label={t('form.ticket.severity')}
            extra={t('tickets:create.severityHint')}
            rules={[{ required: true, message: t('form.required') }]}
          >
            <Select
              style={{ maxWidth: 240 }}
              data-testid="ticket-severity"
              options={TICKET_SEVERITIES.map((s) => ({ value: s, label: t(`tickets:severity.${s}`) }))}
            />
          </Form.Item>
          <Form.Item
            name={['ticket', 'title']}
            label={t('form.ticket.title')}
            rules={[{ required: true, whitespace: true, message: t('form.required') }]}
          >
            <Input maxLength={200} data-testid="ticket-title" />
          </Form.Item>
          <Form.Item
            name={['ticket', 'description']}
            label={t('form.ticket.description')}
            extra={t('form.ticket.routingHint')}
            rules={[{ required: true, whitespace: true, message: t('form.required') }]}
          >
            <Input.TextArea
              autoSize={{ minRows: 2, maxRows: 6 }}
              maxLength={4000}
              data-testid="ticket-description"
            />
          </Form.Item>
        </div>
      )}
    </div>
  );
}
