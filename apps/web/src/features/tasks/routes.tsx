import { PhoneOutlined } from '@ant-design/icons';
import { type FeatureRoute, lazyScreen } from '../../app/features';
import { queueQuery, summaryQuery, workbenchQueue } from './api';

const WorkbenchPage = lazyScreen(() => import('./WorkbenchPage').then((m) => ({ default: m.WorkbenchPage })));
const TaskVisitPage = lazyScreen(() => import('./TaskVisitPage').then((m) => ({ default: m.TaskVisitPage })));

export const routes: FeatureRoute[] = [
  {
    path: '/workbench',
    permission: 'task:read:own',
    Component: WorkbenchPage,
    prefetch: ({ queryClient, search }) => {
      void queryClient.prefetchQuery(summaryQuery());
      void queryClient.prefetchQuery(queueQuery(workbenchQueue(search).query));
    },
    nav: {
      key: 'workbench',
      labelKey: 'nav.workbench',
      icon: <PhoneOutlined />,
      order: 10,
      leads: { CALLER: 1 },
    },
  },
  // Leads and supervisors open a task from the board or a customer: read-only for them.
  { path: '/workbench/tasks/:id', permission: ['task:read:own', 'task:read:any'], Component: TaskVisitPage },
];
