import type { DepartmentKind, TicketCategory } from '../db/generated/enums.ts';
import type { Tx } from '../db/prisma.ts';
import { ensureDefaultCadenceRules } from '../modules/cadence/service.ts';
import { ensureDefaultChurnReasons } from '../modules/churn/reasons.ts';

/** The departments every institution in the seeds has (docs/product.md#domain-model), by kind. */
export const DEFAULT_DEPARTMENTS: Array<{ kind: DepartmentKind; name: string }> = [
  { kind: 'VISIT', name: '回访部' },
  { kind: 'SUPERVISION', name: '监督部' },
  { kind: 'TEACHING', name: '教学部' },
  { kind: 'SERVICE', name: '服务部' },
  { kind: 'MARKET', name: '市场部' },
  { kind: 'ADMIN', name: '行政部' },
];

export async function createOrganization(
  tx: Tx,
  input: { name: string; timezone?: string; demo: boolean; now: Date },
): Promise<{ id: string; departments: Record<DepartmentKind, string> }> {
  const org = await tx.organization.create({
    data: { name: input.name, timezone: input.timezone ?? 'Asia/Shanghai', demo: input.demo },
  });
  const departments = {} as Record<DepartmentKind, string>;
  for (const d of DEFAULT_DEPARTMENTS) {
    const row = await tx.department.create({ data: { organizationId: org.id, name: d.name, kind: d.kind } });
    departments[d.kind] = row.id;
  }
  await tx.orgPolicy.create({ data: { organizationId: org.id } });
  await tx.ticketRoute.createMany({
    data: Object.entries(DEFAULT_TICKET_ROUTES).map(([category, kind]) => ({
      organizationId: org.id,
      category: category as TicketCategory,
      departmentId: departments[kind],
    })),
  });
  await tx.rubric.create({
    data: {
      organizationId: org.id,
      name: DEFAULT_RUBRIC.name,
      description: DEFAULT_RUBRIC.description,
      criteria: DEFAULT_RUBRIC.criteria,
      isDefault: true,
    },
  });
  await ensureDefaultCadenceRules(tx, org.id, input.now);
  await ensureDefaultChurnReasons(tx, org.id, input.now);
  return { id: org.id, departments };
}

/** Which department answers which ticket category (docs/rules.md#r-tkt-1-ticket-routing): configurable afterwards. */
export const DEFAULT_TICKET_ROUTES: Record<TicketCategory, DepartmentKind> = {
  TEACHING: 'TEACHING',
  SERVICE: 'SERVICE',
  MARKET: 'MARKET',
  FACILITY: 'ADMIN',
  CALLER_CONDUCT: 'SUPERVISION',
  OTHER: 'SERVICE',
};

/**
 * The default rubric (seed 000 §5.1, seed 003 考核细则 第3条 (docs/rules.md#r-insp-1-rubric-validity)): five criteria weighing 100 points; a record that
 * is not true to the call, or rudeness to the customer, fails the inspection whatever the total.
 */
export const DEFAULT_RUBRIC = {
  name: '回访质量评分标准',
  description: '依据《客户回访任务完成监督制度》与《客户回访考核实施细则》制定。',
  criteria: [
    {
      id: 'timeliness',
      name: '回访及时性',
      weight: 20,
      critical: false,
      guidance: '在计划的回访窗口内完成；约定再联系的按约定时间回访；逾期一天扣 5 分。',
    },
    {
      id: 'process',
      name: '流程与话术',
      weight: 20,
      critical: false,
      guidance: '开场自报身份与来意，核实客户身份，按问卷逐项询问，结束时致谢并告知后续安排。',
    },
    {
      id: 'record',
      name: '记录完整与准确',
      weight: 25,
      critical: true,
      guidance: '回访记录与录音或客户陈述一致，问卷、满意度、意见建议填写完整；编造或与事实不符即为否决。',
    },
    {
      id: 'attitude',
      name: '服务态度与礼仪',
      weight: 20,
      critical: true,
      guidance: '语气礼貌耐心，不打断客户，不与客户争执；辱骂、推诿或态度恶劣即为否决。',
    },
    {
      id: 'handling',
      name: '问题处理',
      weight: 15,
      critical: false,
      guidance: '客户提出的问题当场解答或如实记录并创建问题工单，告知处理时限。',
    },
  ],
};
