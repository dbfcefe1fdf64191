import { ReloadOutlined } from '@ant-design/icons';
import type { TPlanDetail } from '@huifang/contracts';
import { App, Button, Card, Form, InputNumber, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useBalance } from './api';
import { planError } from './errors';

/** A draft's items spread over its callers at a daily cap, on the lead's request (PlanBuilderPage.tsx). */
export function BalanceCard({ plan }: { plan: TPlanDetail }) {
  const { t } = useTranslation('plans');
  const { message } = App.useApp();
  const balance = useBalance(plan.id);
  const [cap, setCap] = useState<number | null>(plan.dailyCap);
  return (
    <Card size="small" title={t('balance.title')} data-testid="balance">
      <Typography.Paragraph type="secondary">{t('balance.hint')}</Typography.Paragraph>
      <Form layout="vertical">
        <Form.Item label={t('balance.dailyCap')} htmlFor="balance-cap">
          <InputNumber
            id="balance-cap"
            min={1}
            max={200}
            precision={0}
            value={cap}
            onChange={(v) => setCap(v)}
            style={{ width: 140 }}
            data-testid="balance-cap"
          />
        </Form.Item>
        <Button
          icon={<ReloadOutlined />}
          loading={balance.isPending}
          data-testid="balance-run"
          onClick={() =>
            // the promise's answer, not mutate's callbacks: a new daily cap re-keys this card when the
            // plan is read again, and an unmounted card's callbacks would never run
            balance.mutateAsync({ dailyCap: cap ?? undefined }).then(
              (f) =>
                void (f.unassigned > 0
                  ? message.warning(t('balance.done', { count: f.unassigned }))
                  : message.success(t('balance.doneAll'))),
              (e) => void message.error(planError(t, e)),
            )
          }
        >
          {t('balance.run')}
        </Button>
      </Form>
    </Card>
  );
}
