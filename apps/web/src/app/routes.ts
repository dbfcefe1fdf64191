import { routes as admin } from '../features/admin/routes';
import { routes as approvalChains } from '../features/approval-chains/routes';
import { routes as board } from '../features/board/routes';
import { routes as cadence } from '../features/cadence/routes';
import { routes as churn } from '../features/churn/routes';
import { routes as churnAnalysis } from '../features/churn-analysis/routes';
import { routes as confidentiality } from '../features/confidentiality/routes';
import { routes as customers } from '../features/customers/routes';
import { routes as dashboards } from '../features/dashboards/routes';
import { routes as discipline } from '../features/discipline/routes';
import { routes as enquiries } from '../features/enquiries/routes';
import { routes as expenses } from '../features/expenses/routes';
import { routes as incentives } from '../features/incentives/routes';
import { routes as kpi } from '../features/kpi/routes';
import { routes as measures } from '../features/measures/routes';
import { routes as plans } from '../features/plans/routes';
import { routes as policy } from '../features/policy/routes';
import { routes as questionnaires } from '../features/questionnaires/routes';
import { routes as reports } from '../features/reports/routes';
import { routes as supervision } from '../features/supervision/routes';
import { routes as tasks } from '../features/tasks/routes';
import { routes as tickets } from '../features/tickets/routes';
import { routes as training } from '../features/training/routes';
import type { FeatureRoute } from './features';

// Each feature folder exports its screens; the router and the menu are built from this list.
export const featureRoutes: FeatureRoute[] = [
  ...tasks,
  ...plans,
  ...cadence,
  ...board,
  ...customers,
  ...questionnaires,
  ...admin,
  ...confidentiality,
  ...supervision,
  ...tickets,
  ...policy,
  ...dashboards,
  ...reports,
  ...kpi,
  ...incentives,
  ...expenses,
  ...churnAnalysis,
  ...enquiries,
  ...churn,
  ...measures,
  ...training,
  ...discipline,
  ...approvalChains,
];
