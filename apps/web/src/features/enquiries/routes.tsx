import { MessageOutlined } from '@ant-design/icons';
import { type FeatureRoute, lazyScreen } from '../../app/features';

const EnquiryListPage = lazyScreen(() =>
  import('./EnquiryListPage').then((m) => ({ default: m.EnquiryListPage })),
);
const EnquiryDetailPage = lazyScreen(() =>
  import('./EnquiryDetailPage').then((m) => ({ default: m.EnquiryDetailPage })),
);
const FunnelPage = lazyScreen(() => import('./FunnelPage').then((m) => ({ default: m.FunnelPage })));

export const routes: FeatureRoute[] = [
  {
    path: '/enquiries',
    permission: 'enquiry:read',
    Component: EnquiryListPage,
    nav: { key: 'enquiries', labelKey: 'enquiries:nav.enquiries', icon: <MessageOutlined />, order: 37 },
  },
  { path: '/enquiries/funnel', permission: 'enquiry:read', Component: FunnelPage },
  { path: '/enquiries/:id', permission: 'enquiry:read', Component: EnquiryDetailPage },
];
