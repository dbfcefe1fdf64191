import { FormOutlined } from '@ant-design/icons';
import { type FeatureRoute, lazyScreen } from '../../app/features';

const QuestionnaireListPage = lazyScreen(() =>
  import('./QuestionnaireListPage').then((m) => ({ default: m.QuestionnaireListPage })),
);
const QuestionnaireEditorPage = lazyScreen(() =>
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
