import { ProjectOutlined } from '@ant-design/icons';
import { type FeatureRoute, lazyScreen } from '../../app/features';

const TaskBoardPage = lazyScreen(() => import('./TaskBoardPage').then((m) => ({ default: m.TaskBoardPage })));

export const routes: FeatureRoute[] = [
  {
    path: '/board',
    permission: 'task:reassign',
    Component: TaskBoardPage,
    nav: {
      key: 'taskBoard',
      labelKey: 'nav.taskBoard',
      icon: <ProjectOutlined />,
      order: 40,
      leads: { LEAD: 1 },
    },
  },
];
