import { ProjectOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import type { FeatureRoute } from '../../app/features';

const TaskBoardPage = lazy(() => import('./TaskBoardPage').then((m) => ({ default: m.TaskBoardPage })));

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
