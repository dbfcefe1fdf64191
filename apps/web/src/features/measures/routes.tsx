import { AimOutlined } from '@ant-design/icons';
import { type FeatureRoute, lazyScreen } from '../../app/features';

const MeasureListPage = lazyScreen(() =>
  import('./MeasureListPage').then((m) => ({ default: m.MeasureListPage })),
);
const MeasurePage = lazyScreen(() => import('./MeasurePage').then((m) => ({ default: m.MeasurePage })));

const READ = ['measure:read:any', 'measure:read:department'] as const;

export const routes: FeatureRoute[] = [
  {
    path: '/improvement-measures',
    permission: READ,
    Component: MeasureListPage,
    nav: { key: 'improvement-measures', labelKey: 'measures:nav.measures', icon: <AimOutlined />, order: 47 },
  },
  { path: '/improvement-measures/:id', permission: READ, Component: MeasurePage },
];
