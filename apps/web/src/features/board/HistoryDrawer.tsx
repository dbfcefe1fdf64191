import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Drawer, Empty, Skeleton, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../lib/format';
import { assignmentsQuery } from './api';

/** Who held a task, who moved it and why, oldest first. */
export function HistoryDrawer({
  taskId,
  title,
  onClose,
}: {
  taskId: string | null;
  title: string;
  onClose: () => void;
}) {
  const { t } = useTranslation('board');
  const history = useQuery({ ...assignmentsQuery(taskId ?? ''), enabled: !!taskId });
  return (
    <Drawer
      open={!!taskId}
      onClose={onClose}
      size={420}
      title={
        <div>
          {t('historyTitle')}
          <Typography.Text type="secondary" style={{ display: 'block', fontWeight: 'normal', fontSize: 13 }}>
            {title}
          </Typography.Text>
        </div>
      }
      destroyOnHidden
    >
      <div data-testid="history-drawer">
        {history.isPending ? (
          <Skeleton active />
        ) : history.isError ? (
          <Alert
            type="error"
            showIcon
            title={t('loadError')}
            action={
              <Button size="small" onClick={() => void history.refetch()}>
                {t('common:actions.retry')}
              </Button>
            }
          />
        ) : history.data.items.length === 0 ? (
          <Empty description={t('historyEmpty')} />
        ) : (
          <Timeline
            items={history.data.items.map((a, i) => ({
              key: a.id,
              color: i === history.data.items.length - 1 ? 'blue' : 'gray',
              content: (
                <div data-testid="history-entry">
                  <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }}>
                    {formatDateTime(a.createdAt)}
                  </Typography.Text>
                  <Typography.Text strong>
                    {a.fromUser
                      ? t('historyMove', { from: a.fromUser.name, to: a.toUser.name })
                      : t('historyFirst', { to: a.toUser.name })}
                  </Typography.Text>
                  <div>
                    <Typography.Text type="secondary">
                      {t('historyBy', { by: a.byUser.name })}
                    </Typography.Text>
                  </div>
                  {a.reason ? <div>{t('historyReason', { reason: a.reason })}</div> : null}
                </div>
              ),
            }))}
          />
        )}
      </div>
    </Drawer>
  );
}
