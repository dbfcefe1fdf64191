import { FormOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import type { FeatureRoute } from '../../app/features';

const QuestionnaireListPage = lazy(() =>
  import('./QuestionnaireListPage').then((m) => ({ default: m.QuestionnaireListPage })),
);
const QuestionnaireEditorPage = lazy(() =>
  import('./QuestionnaireEditorPage').then((m) => ({ default: m.QuestionnaireEditorPage })),
);

export const routes: FeatureRoute[] = [
  {
    path: '/questionnaires',
    permission: 'questionnaire:read',
    Component: QuestionnaireListPage,
    nav: { key: 'questionnaires', labelKey: 'nav.questionnaires', icon: <FormOutlined />, order: 60 },
  },
  { path: '/questionnaires/:id', permission: 'questionnaire:read', Component: QuestionnaireEditorPage },
];
