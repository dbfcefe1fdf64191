import { ContactsOutlined, ImportOutlined } from '@ant-design/icons';
import { type FeatureRoute, lazyScreen } from '../../app/features';

const CustomerListPage = lazyScreen(() =>
  import('./CustomerListPage').then((m) => ({ default: m.CustomerListPage })),
);
const CustomerDetailPage = lazyScreen(() =>
  import('./CustomerDetailPage').then((m) => ({ default: m.CustomerDetailPage })),
);
const CustomerImportPage = lazyScreen(() =>
  import('./CustomerImportPage').then((m) => ({ default: m.CustomerImportPage })),
);

const CustomerEventImportPage = lazyScreen(() =>
  import('./CustomerEventImportPage').then((m) => ({ default: m.CustomerEventImportPage })),
);

const READ = ['customer:read:any', 'customer:read:assigned'] as const;

export const routes: FeatureRoute[] = [
  {
    path: '/customers',
    permission: READ,
    Component: CustomerListPage,
    nav: { key: 'customers', labelKey: 'nav.customers', icon: <ContactsOutlined />, order: 30 },
  },
  {
    path: '/customers/import',
    permission: 'customer:import',
    Component: CustomerImportPage,
    nav: { key: 'customerImport', labelKey: 'nav.import', icon: <ImportOutlined />, order: 31 },
  },
  { path: '/customers/events/import', permission: 'customer:write', Component: CustomerEventImportPage },
  { path: '/customers/:id', permission: READ, Component: CustomerDetailPage },
];
