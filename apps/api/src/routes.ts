import type { FastifyInstance } from 'fastify';
import abuseReportRoutes from './modules/abuse-reports/routes.ts';
import apiKeyRoutes from './modules/api-keys/routes.ts';
import approvalChainRoutes from './modules/approval-chains/routes.ts';
import auditRoutes from './modules/audit/routes.ts';
import cadenceRoutes from './modules/cadence/routes.ts';
import churnRoutes from './modules/churn/routes.ts';
import churnAnalysisRoutes from './modules/churn-analysis/routes.ts';
import confidentialityRoutes from './modules/confidentiality/routes.ts';
import contactPolicyRoutes from './modules/contact-policy/routes.ts';
import customerEventRoutes from './modules/customer-events/routes.ts';
import customerRoutes from './modules/customers/routes.ts';
import dashboardRoutes from './modules/dashboards/routes.ts';
import directoryAdminRoutes from './modules/directory/admin-routes.ts';
import directoryRoutes from './modules/directory/routes.ts';
import enquiryRoutes from './modules/enquiries/routes.ts';
import expenseRoutes from './modules/expenses/routes.ts';
import statementRoutes from './modules/health/statement-routes.ts';
import incentiveRoutes from './modules/incentives/routes.ts';
import kpiRoutes from './modules/kpi/routes.ts';
import measureRoutes from './modules/measures/routes.ts';
import notificationRoutes from './modules/notifications/routes.ts';
import planRoutes from './modules/plans/routes.ts';
import policyRoutes from './modules/policy/routes.ts';
import questionnaireRoutes from './modules/questionnaires/routes.ts';
import recordingRoutes from './modules/recordings/routes.ts';
import reportRoutes from './modules/reports/routes.ts';
import supervisionRoutes from './modules/supervision/routes.ts';
import surveyRoutes from './modules/surveys/routes.ts';
import taskBoardRoutes from './modules/tasks/board-routes.ts';
import taskRoutes from './modules/tasks/routes.ts';
import ticketRoutes from './modules/tickets/routes.ts';
import trainingRoutes from './modules/training/routes.ts';
import visitRoutes from './modules/visits/routes.ts';

/** The business modules, each a folder under modules/ with its routes, service and tests; mounted under /api. */
export async function registerDomainRoutes(app: FastifyInstance): Promise<void> {
  for (const plugin of [
    directoryRoutes,
    directoryAdminRoutes,
    customerRoutes,
    customerEventRoutes,
    cadenceRoutes,
    contactPolicyRoutes,
    apiKeyRoutes,
    questionnaireRoutes,
    planRoutes,
    taskRoutes,
    taskBoardRoutes,
    visitRoutes,
    auditRoutes,
    supervisionRoutes,
    surveyRoutes,
    notificationRoutes,
    policyRoutes,
    ticketRoutes,
    dashboardRoutes,
    reportRoutes,
    kpiRoutes,
    incentiveRoutes,
    expenseRoutes,
    churnAnalysisRoutes,
    statementRoutes,
    enquiryRoutes,
    churnRoutes,
    measureRoutes,
    recordingRoutes,
    confidentialityRoutes,
    trainingRoutes,
    abuseReportRoutes,
    approvalChainRoutes,
  ]) {
    await app.register(plugin, { prefix: '/api' });
  }
}
