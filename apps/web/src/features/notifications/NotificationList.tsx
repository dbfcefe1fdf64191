import type { TNotification } from '@huifang/contracts';
import { useQuery } from '@tanstack/react-query';
import { Button, Empty, List, Space, Switch, Typography } from 'antd';
import dayjs from 'dayjs';
import relativeTime from 'dayjs/plugin/relativeTime';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useMe } from '../../lib/auth';
import { notificationLink, notificationsQuery, notificationValues, useMarkRead } from './api';

// The bell's list, a file of its own: it is loaded when the bell is first pointed at or opened, so
// that the shell every page loads does not carry antd's List, Switch and what they import
// (docs/performance.md#web).
dayjs.extend(relativeTime);

export function NotificationList({ onNavigate, width }: { onNavigate: () => void; width: number }) {
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
    <div style={{ width }} data-testid="notification-list">
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
          <List.Item style={{ paddingInline: 4 }} data-testid="notification-item">
            {/* opened by keyboard too, one tab stop each (WCAG 2.1.1); the list scrolls when long, and
                a scrolling box must hold something the keyboard can reach (axe:
                scrollable-region-focusable). Inside the item: a list's items stay list items. */}
            {/* biome-ignore lint/a11y/useSemanticElements: antd's List.Item.Meta renders blocks, which a <button> may not hold */}
            <div
              role="button"
              tabIndex={0}
              onClick={() => open(n)}
              onKeyDown={(e) => {
                if (e.key !== 'Enter' && e.key !== ' ') return;
                e.preventDefault();
                open(n);
              }}
              style={{ width: '100%', cursor: 'pointer', fontWeight: n.readAt ? 400 : 600 }}
            >
              <List.Item.Meta
                title={t(`type.${n.type}`, { ...notificationValues(n, t), defaultValue: t('type.OTHER') })}
                description={dayjs(n.createdAt).fromNow()}
              />
            </div>
          </List.Item>
        )}
      />
    </div>
  );
}
