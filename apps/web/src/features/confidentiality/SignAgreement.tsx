import { SafetyCertificateOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Modal, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorKeys } from '../../lib/api';
import { formatDateTime } from '../../lib/format';
import { agreementsQuery, useSignAgreement } from './api';

/** The current agreement's text and a button to sign it (docs/rules.md#r-conf-1-agreements). */
export function SignAgreementModal({
  open,
  onClose,
  onSigned,
}: {
  open: boolean;
  onClose: () => void;
  onSigned?: () => void;
}) {
  const { t } = useTranslation('confidentiality');
  const list = useQuery({ ...agreementsQuery, enabled: open });
  const sign = useSignAgreement();
  const current = list.data?.items.find((a) => a.current);
  return (
    <Modal
      open={open}
      title={
        current ? t('sign.title', { title: current.title, version: current.version }) : t('sign.titleNone')
      }
      onCancel={onClose}
      destroyOnHidden
      footer={[
        <Button key="cancel" onClick={onClose}>
          {t('common:actions.cancel')}
        </Button>,
        <Button
          key="sign"
          type="primary"
          icon={<SafetyCertificateOutlined />}
          disabled={!current}
          loading={sign.isPending}
          data-testid="agreement-sign"
          onClick={() =>
            current &&
            sign.mutate(current.id, {
              onSuccess: () => {
                onClose();
                onSigned?.();
              },
            })
          }
        >
          {t('sign.button')}
        </Button>,
      ]}
    >
      {current ? (
        <>
          <Typography.Paragraph type="secondary">
            {t('sign.published', { at: formatDateTime(current.publishedAt) })}
          </Typography.Paragraph>
          <Typography.Paragraph
            style={{ whiteSpace: 'pre-wrap', maxHeight: 360, overflow: 'auto' }}
            data-testid="agreement-body"
          >
            {current.body}
          </Typography.Paragraph>
          <Typography.Paragraph type="secondary">{t('sign.recorded')}</Typography.Paragraph>
        </>
      ) : null}
      {sign.isError ? (
        <Alert type="error" showIcon title={t(errorKeys(sign.error, 'confidentiality:errors'))} />
      ) : null}
    </Modal>
  );
}

/**
 * A notice where full contacts would show: the user has not signed the current agreement, so
 * contacts stay masked until they do. Renders nothing once signed.
 */
export function AgreementPrompt({ onSigned }: { onSigned?: () => void }) {
  const { t } = useTranslation('confidentiality');
  const list = useQuery(agreementsQuery);
  const [open, setOpen] = useState(false);
  if (!list.data || (list.data.signed && !open)) return null;
  return (
    <>
      <Alert
        type="warning"
        showIcon
        icon={<SafetyCertificateOutlined />}
        title={t('prompt.title')}
        description={t('prompt.body')}
        data-testid="agreement-prompt"
        action={
          <Button size="small" type="primary" onClick={() => setOpen(true)} data-testid="agreement-open">
            {t('prompt.action')}
          </Button>
        }
      />
      <SignAgreementModal open={open} onClose={() => setOpen(false)} onSigned={onSigned} />
    </>
  );
}

/** Whether the user has signed the current agreement (undefined while loading). */
export function useAgreementSigned(): boolean | undefined {
  return useQuery(agreementsQuery).data?.signed;
}
