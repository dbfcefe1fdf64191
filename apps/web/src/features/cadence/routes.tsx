import { NodeIndexOutlined } from '@ant-design/icons';
import { type FeatureRoute, lazyScreen } from '../../app/features';

const CadenceRulesPage = lazyScreen(() =>
  import('./CadenceRulesPage').then((m) => ({ default: m.CadenceRulesPage })),
);

export const routes: FeatureRoute[] = [
  {
    path: '/cadence-rules',
    permission: 'cadence:read',
    Component: CadenceRulesPage,
    nav: { key: 'cadence', labelKey: 'cadence:nav', icon: <NodeIndexOutlined />, order: 22 },
  },
];
