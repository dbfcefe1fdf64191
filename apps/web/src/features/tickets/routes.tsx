import { AlertOutlined, InboxOutlined } from '@ant-design/icons';
import { type FeatureRoute, lazyScreen } from '../../app/features';

const TicketInboxPage = lazyScreen(() =>
  import('./TicketListView').then((m) => ({ default: m.TicketInboxPage })),
);
const TicketListPage = lazyScreen(() =>
  import('./TicketListView').then((m) => ({ default: m.TicketListPage })),
);
const TicketDetailPage = lazyScreen(() =>
  import('./TicketDetailPage').then((m) => ({ default: m.TicketDetailPage })),
);
const TicketCreatePage = lazyScreen(() =>
  import('./TicketCreatePage').then((m) => ({ default: m.TicketCreatePage })),
);

export const routes: FeatureRoute[] = [
  {
    path: '/tickets/inbox',
    permission: 'ticket:read:department',
    Component: TicketInboxPage,
    nav: {
      key: 'ticketInbox',
      labelKey: 'tickets:nav.inbox',
      icon: <InboxOutlined />,
      order: 12,
      leads: { HANDLER: 1 },
    },
  },
  {
    path: '/tickets',
    permission: ['ticket:read:any', 'ticket:read:own'],
    Component: TicketListPage,
    nav: { key: 'tickets', labelKey: 'tickets:nav.tickets', icon: <AlertOutlined />, order: 35 },
  },
  { path: '/tickets/new', permission: 'ticket:create', Component: TicketCreatePage },
  {
    path: '/tickets/:id',
    permission: ['ticket:read:any', 'ticket:read:department', 'ticket:read:own'],
    Component: TicketDetailPage,
  },
];
