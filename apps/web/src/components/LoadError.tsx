import { Alert, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorKeys } from '../lib/api';

/** A query that failed: what went wrong (translated, never the server's English) and a retry button. */
export function LoadError({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const { t } = useTranslation();
  return (
    <Alert
      type="error"
      showIcon
      title={t(errorKeys(error, 'common:error'))}
      data-testid="load-error"
      action={
        <Button size="small" onClick={onRetry}>
          {t('actions.retry')}
        </Button>
      }
    />
  );
}
