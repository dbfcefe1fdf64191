import { ReadOutlined } from '@ant-design/icons';
import { type FeatureRoute, lazyScreen } from '../../app/features';

const TrainingPage = lazyScreen(() => import('./TrainingPage').then((m) => ({ default: m.TrainingPage })));

export const routes: FeatureRoute[] = [
  {
    path: '/training',
    permission: 'training:read',
    Component: TrainingPage,
    nav: { key: 'training', labelKey: 'training:nav.training', icon: <ReadOutlined />, order: 57 },
  },
];
