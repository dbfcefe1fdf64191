import { BellOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Popover, Spin, theme } from 'antd';
import { Suspense, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { preloadable } from '../../lib/preloadable';
import { unreadCountQuery } from './api';

/** The list, loaded when the bell is first pointed at, focused or opened (NotificationList.tsx). */
const NotificationList = preloadable<{ onNavigate: () => void; width: number }>(() =>
  import('./NotificationList').then((m) => ({ default: m.NotificationList })),
);

/** The header's bell: unread count, polled, and the latest notifications in a popover. */
export function NotificationBell() {
  const { t } = useTranslation('notifications');
  const [open, setOpen] = useState(false);
  const unread = useQuery(unreadCountQuery).data?.unread ?? 0;
  const shown = unread > 99 ? '99+' : unread > 0 ? String(unread) : '';
  const { token } = theme.useToken();
  // 360 px, or what fits left of the bell's right edge (the popover opens leftwards from it): on a
  // phone the header's bell sits about 70 px from the screen's right edge
  const bell = useRef<HTMLButtonElement>(null);
  const [width, setWidth] = useState(360);
  const openOrClose = (next: boolean) => {
    const right = bell.current?.getBoundingClientRect().right;
    if (next && right !== undefined) setWidth(Math.min(360, Math.floor(right) - 40));
    setOpen(next);
  };
  return (
    <Popover
      open={open}
      onOpenChange={openOrClose}
      trigger="click"
      placement="bottomRight"
      title={t('title')}
      content={
        open ? (
          <Suspense fallback={<Spin style={{ display: 'block', width, padding: 24 }} />}>
            <NotificationList onNavigate={() => setOpen(false)} width={width} />
          </Suspense>
        ) : null
      }
      destroyOnHidden
    >
      {/* the name holds the unread count the badge shows (a name must contain the visible text, and
          not in parentheses: axe drops a parenthetical before comparing);
          the count is plain text, not antd's Badge, whose rolling digits are all in the page for a
          moment after a change (a visible text of "12" for a name with "2") */}
      <Button
        type="text"
        aria-label={shown ? t('openUnread', { count: shown }) : t('open')}
        ref={bell}
        data-testid="notification-bell"
        onPointerEnter={() => void NotificationList.preload().catch(() => undefined)}
        onFocus={() => void NotificationList.preload().catch(() => undefined)}
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
