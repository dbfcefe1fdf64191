import {
  AuditOutlined,
  ExperimentOutlined,
  FileSearchOutlined,
  ProfileOutlined,
  SafetyCertificateOutlined,
} from '@ant-design/icons';
import { type FeatureRoute, lazyScreen } from '../../app/features';

const InspectionListPage = lazyScreen(() =>
  import('./InspectionListPage').then((m) => ({ default: m.InspectionListPage })),
);
const InspectionPage = lazyScreen(() =>
  import('./InspectionPage').then((m) => ({ default: m.InspectionPage })),
);
const SamplingPage = lazyScreen(() => import('./SamplingPage').then((m) => ({ default: m.SamplingPage })));
const RubricsPage = lazyScreen(() => import('./RubricsPage').then((m) => ({ default: m.RubricsPage })));
const AppealsPage = lazyScreen(() => import('./AppealsPage').then((m) => ({ default: m.AppealsPage })));
const MyInspectionsPage = lazyScreen(() =>
  import('./MyInspectionsPage').then((m) => ({ default: m.MyInspectionsPage })),
);

export const routes: FeatureRoute[] = [
  {
    path: '/my-inspections',
    permission: 'inspection:read:own',
    Component: MyInspectionsPage,
    nav: {
      key: 'myInspections',
      labelKey: 'supervision:nav.myInspections',
      icon: <SafetyCertificateOutlined />,
      order: 15,
    },
  },
  { path: '/my-inspections/:id', permission: 'inspection:read:own', Component: InspectionPage },
  {
    path: '/inspections',
    permission: ['inspection:perform', 'inspection:read:any'],
    Component: InspectionListPage,
    nav: {
      key: 'inspections',
      labelKey: 'supervision:nav.inspections',
      icon: <FileSearchOutlined />,
      order: 50,
      leads: { SUPERVISOR: 1 },
    },
  },
  {
    path: '/inspections/:id',
    permission: ['inspection:perform', 'inspection:read:any'],
    Component: InspectionPage,
  },
  {
    path: '/sampling',
    permission: 'sampling:run',
    Component: SamplingPage,
    nav: {
      key: 'sampling',
      labelKey: 'supervision:nav.sampling',
      icon: <ExperimentOutlined />,
      order: 51,
      leads: { SUPERVISOR: 2 },
    },
  },
  {
    path: '/rubrics',
    permission: 'rubric:read',
    Component: RubricsPage,
    nav: {
      key: 'rubrics',
      labelKey: 'supervision:nav.rubrics',
      icon: <ProfileOutlined />,
      order: 55,
      leads: { SUPERVISOR: 4 },
    },
  },
  {
    path: '/appeals',
    permission: 'appeal:decide',
    Component: AppealsPage,
    nav: {
      key: 'appeals',
      labelKey: 'supervision:nav.appeals',
      icon: <AuditOutlined />,
      order: 56,
      leads: { MANAGER: 3 },
    },
  },
];
