import { DEFAULT_CADENCE_RULES } from '@huifang/domain';
import { describe, expect, it } from 'vitest';
import { testNow } from '../../../test/clock.ts';
import { demoUsers, setupTestApp } from '../../../test/helper.ts';
import { createOrganization } from '../../seed/organization.ts';

type Rule = {
  id: string;
  code: string | null;
  status: string;
  draft: Record<string, unknown> & { name: string; trigger: Record<string, unknown> };
  active: (Record<string, unknown> & { trigger: Record<string, unknown> }) | null;
  activeVersion: number;
  seed: number;
  version: number;
  decided: { approved: boolean; comment: string | null } | null;
  can: Record<string, boolean>;
};

describe('cadence rules (docs/product.md#cadence-rules)', async () => {
  const t = await setupTestApp();
  const users = await demoUsers(t.prisma);
  const req = (email: string, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown) =>
    t.as(`${email}@demo.local`, { method, url, ...(payload ? { payload: payload as object } : {}) });
  const list = async (email = 'admin') => {
    const res = await req(email, 'GET', '/api/cadence-rules');
    expect(res.statusCode, res.body).toBe(200);
    return (res.json() as { items: Rule[] }).items;
  };
  const byCode = async (code: string) => (await list()).find((r) => r.code === code)!;
  const surgeryEdit = (draft: Rule['draft']) => ({
    ...draft,
    trigger: {
      kind: 'AFTER_EVENT',
      eventKind: 'SURGERY',
      offsets: [
        { key: 'd3', amount: 1, unit: 'DAY', windowDays: 2 },
        { key: 'w1', amount: 1, unit: 'WEEK', windowDays: 2 },
        { key: 'm1', amount: 1, unit: 'MONTH', windowDays: 5 },
      ],
    },
  });

  it('starts every organisation with the regulations’ rules as drafts, seeded reproducibly', async () => {
    const rules = await list('lead');
    expect(rules.map((r) => r.code)).toEqual(DEFAULT_CADENCE_RULES.map((d) => d.code));
    expect(rules.every((r) => r.status === 'DRAFT' && r.active === null && r.activeVersion === 0)).toBe(true);
    expect(rules.find((r) => r.code === 'COMPLAINT_3D_50')!.draft).toMatchObject({ shareBp: 5000 });
    const other = await t.prisma.$transaction((tx) =>
      createOrganization(tx, { name: '别家诊所', demo: false, now: testNow() }),
    );
    const theirs = await t.prisma.cadenceRule.findMany({ where: { organizationId: other.id } });
    expect(theirs).toHaveLength(DEFAULT_CADENCE_RULES.length);
    // a seed per organisation and rule, the same whenever the defaults are given again
    expect(new Set(theirs.map((r) => r.seed)).size).toBe(theirs.length);
    expect(theirs.map((r) => r.seed)).not.toEqual(
      (await t.prisma.cadenceRule.findMany({ where: { organizationId: { not: other.id } } })).map(
        (r) => r.seed,
      ),
    );
  });

  it('an admin edits the surgery rule and submits it; a manager approves it: it becomes the active version', async () => {
    const rule = await byCode('SURGERY_3D_1W_1M');
    expect(rule.can).toEqual({ edit: true, submit: true, approve: false, reject: false });
    const edited = await req('admin', 'PATCH', `/api/cadence-rules/${rule.id}`, {
      version: rule.version,
      definition: surgeryEdit(rule.draft),
    });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({ status: 'DRAFT', version: rule.version + 1, active: null });
    const stale = await req('admin', 'POST', `/api/cadence-rules/${rule.id}/submit`, {
      version: rule.version,
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ error: { code: 'STALE_VERSION' } });
    const submitted = await req('admin', 'POST', `/api/cadence-rules/${rule.id}/submit`, {
      version: rule.version + 1,
    });
    expect(submitted.statusCode, submitted.body).toBe(200);
    expect(submitted.json()).toMatchObject({
      status: 'SUBMITTED',
      submitted: { by: { id: users['admin@demo.local']!.id } },
    });
    expect(
      await t.prisma.notification.count({
        where: { entityId: rule.id, type: 'CADENCE_RULE_SUBMITTED', userId: users['manager@demo.local']!.id },
      }),
    ).toBe(1);
    // not editable while it awaits approval; the admin cannot approve it
    const busy = await req('admin', 'PATCH', `/api/cadence-rules/${rule.id}`, {
      version: rule.version + 2,
      definition: rule.draft,
    });
    expect(busy.statusCode).toBe(409);
    expect(
      (await req('admin', 'POST', `/api/cadence-rules/${rule.id}/approve`, { version: rule.version + 2 }))
        .statusCode,
    ).toBe(403);
    const approved = await req('manager', 'POST', `/api/cadence-rules/${rule.id}/approve`, {
      version: rule.version + 2,
    });
    expect(approved.statusCode, approved.body).toBe(200);
    const a = approved.json() as Rule;
    expect(a).toMatchObject({ status: 'APPROVED', activeVersion: 1, decided: { approved: true } });
    expect(a.active).toEqual(a.draft);
    expect((a.active!.trigger as { offsets: unknown[] }).offsets).toHaveLength(3);
    const actions = await t.prisma.auditLog.findMany({
      where: { entity: 'CadenceRule', entityId: rule.id },
      orderBy: { createdAt: 'asc' },
      select: { action: true },
    });
    expect(actions.map((x) => x.action)).toEqual([
      'CADENCE_RULE_EDIT',
      'CADENCE_RULE_SUBMIT',
      'CADENCE_RULE_APPROVE',
    ]);
    expect(
      await t.prisma.notification.count({
        where: { entityId: rule.id, type: 'CADENCE_RULE_DECIDED', userId: users['admin@demo.local']!.id },
      }),
    ).toBe(1);
  });

  it('a new draft of an approved rule leaves its active version running; rejected, it stays so', async () => {
    const rule = await byCode('SURGERY_3D_1W_1M');
    const before = rule.active;
    const edited = (
      await req('lead', 'PATCH', `/api/cadence-rules/${rule.id}`, {
        version: rule.version,
        definition: { ...rule.draft, shareBp: 5000 },
      })
    ).json() as Rule;
    expect(edited).toMatchObject({ status: 'DRAFT', draft: { shareBp: 5000 }, activeVersion: 1 });
    expect(edited.active).toEqual(before);
    await req('lead', 'POST', `/api/cadence-rules/${rule.id}/submit`, { version: edited.version });
    expect(
      (await req('manager', 'POST', `/api/cadence-rules/${rule.id}/reject`, { version: edited.version + 1 }))
        .statusCode,
    ).toBe(400);
    const rejected = await req('manager', 'POST', `/api/cadence-rules/${rule.id}/reject`, {
      version: edited.version + 1,
      comment: ' 抽样比例请与主任确认 ',
    });
    expect(rejected.statusCode, rejected.body).toBe(200);
    expect(rejected.json()).toMatchObject({
      status: 'REJECTED',
      activeVersion: 1,
      decided: { approved: false, comment: '抽样比例请与主任确认' },
    });
    expect((rejected.json() as Rule).active).toEqual(before);
  });

  it('lets only cadence:write edit and cadence:approve decide; callers and handlers do not see rules', async () => {
    const rule = await byCode('DISCHARGE_3D');
    for (const who of ['caller1', 'handler'])
      expect((await req(who, 'GET', '/api/cadence-rules')).statusCode, who).toBe(403);
    for (const who of ['manager', 'supervisor'])
      expect(
        (
          await req(who, 'PATCH', `/api/cadence-rules/${rule.id}`, {
            version: rule.version,
            definition: rule.draft,
          })
        ).statusCode,
        who,
      ).toBe(403);
    const notSubmitted = await req('manager', 'POST', `/api/cadence-rules/${rule.id}/approve`, {
      version: rule.version,
    });
    expect(notSubmitted.statusCode).toBe(409);
    expect((await req('supervisor', 'GET', `/api/cadence-rules/${rule.id}`)).statusCode).toBe(200);
    expect(
      (await req('admin', 'GET', '/api/cadence-rules/00000000-0000-7000-8000-000000000000')).statusCode,
    ).toBe(404);
  });

  it('refuses a rule the engine cannot run with 400 and changes nothing', async () => {
    const rule = await byCode('VALUE_TIERS');
    const patch = (definition: unknown) =>
      req('admin', 'PATCH', `/api/cadence-rules/${rule.id}`, { version: rule.version, definition });
    const d = rule.draft;
    const team = await t.prisma.team.findFirstOrThrow({ select: { id: true } });
    for (const bad of [
      { ...d, shareBp: 0 },
      { ...d, shareBp: 10_001 },
      { ...d, trigger: { ...d.trigger, everyMonths: {} } },
      { ...d, trigger: { ...d.trigger, everyMonths: { HIGH: 0 } } },
      { ...d, trigger: { ...d.trigger, windowDays: 400 } },
      {
        ...d,
        trigger: {
          kind: 'AFTER_EVENT',
          eventKind: 'SURGERY',
          offsets: [
            { key: 'a', amount: 1, unit: 'DAY', windowDays: 1 },
            { key: 'a', amount: 2, unit: 'DAY', windowDays: 1 },
          ],
        },
      },
      { ...d, trigger: { kind: 'AFTER_EVENT', eventKind: 'SURGERY', offsets: [] } },
      { ...d, trigger: { ...d.trigger, eventKind: 'BIRTHDAY' } },
      { ...d, doer: 'SUPERVISOR' },
      { ...d, teamId: '00000000-0000-7000-8000-000000000000' },
      { ...d, questionnaireId: '00000000-0000-7000-8000-000000000000' },
      { ...d, name: '' },
      { ...d, extra: true },
    ]) {
      const res = await patch(bad);
      expect(res.statusCode, JSON.stringify(bad)).toBe(400);
      expect(res.json()).toMatchObject({ error: { code: 'VALIDATION' } });
    }
    const after = await byCode('VALUE_TIERS');
    expect(after).toEqual(rule);
    const ok = await patch({ ...d, teamId: team.id });
    expect(ok.statusCode, ok.body).toBe(200);
  });

  it('adds a rule of its own as a draft; two edits of one version: one wins, the other is told', async () => {
    const created = await req('lead', 'POST', '/api/cadence-rules', {
      definition: {
        name: '退费回访',
        trigger: {
          kind: 'AFTER_EVENT',
          eventKind: 'REFUND',
          offsets: [{ key: 'd7', amount: 7, unit: 'DAY', windowDays: 3 }],
        },
        shareBp: 10_000,
        purpose: '了解退费原因',
        channel: 'PHONE',
        questionnaireId: null,
        doer: 'LEAD',
        teamId: null,
        enabled: true,
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const r = created.json() as Rule;
    expect(r).toMatchObject({ code: null, status: 'DRAFT', version: 1, draft: { doer: 'LEAD' } });
    const [a, b] = await Promise.all(
      ['admin', 'lead'].map((who) =>
        req(who, 'PATCH', `/api/cadence-rules/${r.id}`, {
          version: 1,
          definition: { ...r.draft, name: `${who}改` },
        }),
      ),
    );
    expect([a!.statusCode, b!.statusCode].sort()).toEqual([200, 409]);
    expect((await t.prisma.cadenceRule.findUniqueOrThrow({ where: { id: r.id } })).version).toBe(2);
  });
});
