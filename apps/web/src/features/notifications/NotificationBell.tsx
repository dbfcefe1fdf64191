import { BellOutlined } from '@ant-design/icons';
import type { TNotification } from '@huifang/contracts';
import { useQuery } from '@tanstack/react-query';
import { Button, Empty, List, Popover, Space, Switch, Typography, theme } from 'antd';
import dayjs from 'dayjs';
import relativeTime from 'dayjs/plugin/relativeTime';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useMe } from '../../lib/auth';
import {
  notificationLink,
  notificationsQuery,
  notificationValues,
  unreadCountQuery,
  useMarkRead,
} from './api';

dayjs.extend(relativeTime);

function NotificationList({ onNavigate }: { onNavigate: () => void }) {
  const { t } = useTranslation('notifications');
  const me = useMe();
  const navigate = useNavigate();
  const [unreadOnly, setUnreadOnly] = useState(false);
  const list = useQuery(notificationsQuery(unreadOnly));
  const mark = useMarkRead();
  const open = (n: TNotification) => {
    if (!n.readAt) mark.mutate(n.id);
    const link = notificationLink(n, me?.role ?? '');
    if (link) {
      navigate(link);
      onNavigate();
    }
  };
  return (
    <div style={{ width: 360 }} data-testid="notification-list">
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 8 }}>
        <Space>
          <Switch size="small" checked={unreadOnly} onChange={setUnreadOnly} aria-label={t('unreadOnly')} />
          <Typography.Text type="secondary">{t('unreadOnly')}</Typography.Text>
        </Space>
        <Button size="small" type="link" disabled={!list.data?.unread} onClick={() => mark.mutate('all')}>
          {t('markAllRead')}
        </Button>
      </Space>
      <List
        loading={list.isPending}
        dataSource={list.data?.items ?? []}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('empty')} /> }}
        style={{ maxHeight: 420, overflowY: 'auto' }}
        renderItem={(n) => (
          <List.Item
            onClick={() => open(n)}
            style={{ cursor: 'pointer', fontWeight: n.readAt ? 400 : 600, paddingInline: 4 }}
            data-testid="notification-item"
          >
            <List.Item.Meta
              title={t(`type.${n.type}`, { ...notificationValues(n, t), defaultValue: t('type.OTHER') })}
              description={dayjs(n.createdAt).fromNow()}
            />
          </List.Item>
        )}
      />
    </div>
  );
}

/** The header's bell: unread count, polled, and the latest notifications in a popover. */
export function NotificationBell() {
  const { t } = useTranslation('notifications');
  const [open, setOpen] = useState(false);
  const unread = useQuery(unreadCountQuery).data?.unread ?? 0;
  const shown = unread > 99 ? '99+' : unread > 0 ? String(unread) : '';
  const { token } = theme.useToken();
  return (
    <Popover
      open={open}
      onOpenChange={setOpen}
      trigger="click"
      placement="bottomRight"
      title={t('title')}
      content={open ? <NotificationList onNavigate={() => setOpen(false)} /> : null}
      destroyOnHidden
    >
      {/* the name holds the unread count the badge shows (a name must contain the visible text, and
          not in parentheses: axe drops a parenthetical before comparing);
          the count is plain text, not antd's Badge, whose rolling digits are all in the page for a
          moment after a change (a visible text of "12" for a name with "2") */}
      <Button
        type="text"
        aria-label={shown ? t('openUnread', { count: shown }) : t('open')}
        data-testid="notification-bell"
      >
        <span style={{ position: 'relative', display: 'inline-flex' }}>
          <BellOutlined style={{ fontSize: 16 }} />
          {shown ? (
            <span
              data-testid="notification-count"
              style={{
                position: 'absolute',
                top: -7,
                insetInlineStart: 9,
                minWidth: 14,
                height: 14,
                padding: '0 4px',
                borderRadius: 7,
                background: token.colorError,
                color: '#fff',
                fontSize: 10,
                lineHeight: '14px',
                textAlign: 'center',
                whiteSpace: 'nowrap',
              }}
            >
              {shown}
            </span>
          ) : null}
        </span>
      </Button>
    </Popover>
  );
}
