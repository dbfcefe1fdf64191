/** A caller's dashboard for a month: the drill-down from the manager's and the lead's dashboards. */
export const callerDashboardPath = (id: string, month: string) => `/kpi/callers/${id}?month=${month}`;
