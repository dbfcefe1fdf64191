import { Alert, Button, Input, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, errorKeys } from '../../lib/api';
import { useCreateRevealRequest } from './api';
import { AgreementPrompt } from './SignAgreement';

/**
 * What a refused reveal offers (docs/rules.md#r-conf-3-reveal-policy): to sign the agreement, to give
 * a reason and try again, or to ask a supervisor's approval; any other refusal as an error.
 */
export function RevealRefusal({
  error,
  customerId,
  retry,
}: {
  error: unknown;
  customerId: string;
  retry: (reason?: string) => void;
}) {
  const { t } = useTranslation('confidentiality');
  const [reason, setReason] = useState('');
  const request = useCreateRevealRequest();
  const code = error instanceof ApiError ? error.code : null;
  if (code === 'AGREEMENT_REQUIRED') return <AgreementPrompt onSigned={() => retry()} />;
  if (code === 'REVEAL_REASON_REQUIRED' || code === 'REVEAL_APPROVAL_REQUIRED') {
    const approval = code === 'REVEAL_APPROVAL_REQUIRED';
    return (
      <Alert
        type="info"
        showIcon
        title={t(approval ? 'reveal.approvalNeeded' : 'reveal.reasonNeeded')}
        data-testid="reveal-policy"
        description={
          request.isSuccess ? (
            t('reveal.requestSent')
          ) : (
            <Space.Compact style={{ width: '100%', marginTop: 8 }}>
              <Input
                aria-label={t('reveal.reason')}
                placeholder={t('reveal.reason')}
                value={reason}
                maxLength={500}
                onChange={(e) => setReason(e.target.value)}
                data-testid="reveal-reason"
              />
              <Button
                type="primary"
                disabled={!reason.trim()}
                loading={request.isPending}
                onClick={() =>
                  approval ? request.mutate({ customerId, reason: reason.trim() }) : retry(reason.trim())
                }
                data-testid="reveal-reason-submit"
              >
                {t(approval ? 'reveal.sendRequest' : 'reveal.withReason')}
              </Button>
            </Space.Compact>
          )
        }
      />
    );
  }
  return (
    <Alert
      type="error"
      showIcon
      title={t(errorKeys(error, 'customers:revealError'))}
      data-testid="reveal-error"
    />
  );
}
