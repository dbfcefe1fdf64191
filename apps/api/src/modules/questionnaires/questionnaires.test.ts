import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { setupTestApp } from '../../../test/helper.ts';

const QUESTIONS = [
  { id: 'overall', kind: 'SATISFACTION', label: '整体满意度', required: true },
  { id: 'source', kind: 'SINGLE_CHOICE', label: '了解渠道', required: false, options: ['朋友推荐', '网络'] },
  { id: 'nps', kind: 'NPS', label: '推荐意愿', required: true },
];

describe('questionnaires', async () => {
  const t = await setupTestApp();
  const org = await t.prisma.organization.findFirstOrThrow();

  const create = (email: string, payload: unknown) =>
    t.as(email, { method: 'POST', url: '/api/questionnaires', payload: payload as object });
  const patch = (email: string, id: string, payload: unknown) =>
    t.as(email, { method: 'PATCH', url: `/api/questionnaires/${id}`, payload: payload as object });

  it('lists the demo templates for every role holding questionnaire:read, filtered by active', async () => {
    for (const email of ['caller1@demo.local', 'lead@demo.local', 'manager@demo.local', 'admin@demo.local']) {
      const res = await t.as(email, { method: 'GET', url: '/api/questionnaires' });
      expect(res.statusCode).toBe(200);
      const names = res.json().items.map((q: { name: string }) => q.name);
      expect(names).toEqual(expect.arrayContaining(['报名体验', '培训效果与就业']));
    }
    const one = (await t.as('lead@demo.local', { method: 'GET', url: '/api/questionnaires' })).json()
      .items[0];
    expect(one).toMatchObject({
      id: expect.any(String),
      purpose: expect.any(String),
      active: true,
      version: 1,
      questions: expect.arrayContaining([expect.objectContaining({ id: 'overall', kind: 'SATISFACTION' })]),
    });
    expect(new Date(one.updatedAt).toISOString()).toBe(one.updatedAt);

    const inactive = await t.prisma.questionnaire.create({
      data: {
        organizationId: org.id,
        name: '已停用模板',
        purpose: '旧',
        questions: QUESTIONS,
        active: false,
      },
    });
    const act = await t.as('lead@demo.local', { method: 'GET', url: '/api/questionnaires?active=true' });
    expect(act.json().items.map((q: { id: string }) => q.id)).not.toContain(inactive.id);
    const off = await t.as('lead@demo.local', { method: 'GET', url: '/api/questionnaires?active=false' });
    expect(off.json().items.map((q: { id: string }) => q.id)).toEqual([inactive.id]);
    const bad = await t.as('lead@demo.local', { method: 'GET', url: '/api/questionnaires?active=maybe' });
    expect(bad.statusCode).toBe(400);
  });

  it('answers 401 without a session and 403 for a handler', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/questionnaires' })).statusCode).toBe(401);
    expect((await t.as('handler@demo.local', { method: 'GET', url: '/api/questionnaires' })).statusCode).toBe(
      403,
    );
    const q = await t.prisma.questionnaire.findFirstOrThrow({
      where: { organizationId: org.id, name: '报名体验' },
    });
    expect(
      (await t.as('handler@demo.local', { method: 'GET', url: `/api/questionnaires/${q.id}` })).statusCode,
    ).toBe(403);
  });

  it('reads one template; 404 for an unknown id or one of another organisation, 400 for a malformed id', async () => {
    const q = await t.prisma.questionnaire.findFirstOrThrow({
      where: { organizationId: org.id, name: '报名体验' },
    });
    const res = await t.as('caller1@demo.local', { method: 'GET', url: `/api/questionnaires/${q.id}` });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id: q.id, name: '报名体验', version: q.version });
    expect(res.json().questions.map((x: { id: string }) => x.id)).toEqual([
      'overall',
      'consultant',
      'clarity',
      'source',
      'nps',
      'comment',
    ]);

    const unknown = await t.as('lead@demo.local', {
      method: 'GET',
      url: `/api/questionnaires/${randomUUID()}`,
    });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe('NOT_FOUND');

    const other = await t.prisma.organization.create({ data: { name: '别的机构' } });
    const foreign = await t.prisma.questionnaire.create({
      data: { organizationId: other.id, name: '报名体验', purpose: 'x', questions: QUESTIONS },
    });
    for (const [method, payload] of [
      ['GET', undefined],
      ['PATCH', { name: '改名' }],
    ] as const) {
      const r = await t.as('lead@demo.local', { method, url: `/api/questionnaires/${foreign.id}`, payload });
      expect(r.statusCode).toBe(404);
    }
    expect((await t.prisma.questionnaire.findUniqueOrThrow({ where: { id: foreign.id } })).name).toBe(
      '报名体验',
    );

    expect(
      (await t.as('lead@demo.local', { method: 'GET', url: '/api/questionnaires/nope' })).statusCode,
    ).toBe(400);
  });

  it('a LEAD and an ADMIN create templates (201, audited); duplicates answer 409', async () => {
    const res = await create('lead@demo.local', {
      name: '投诉处理回访',
      purpose: '投诉闭环回访',
      description: '投诉关闭后 3 天内回访',
      questions: QUESTIONS,
    });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({
      name: '投诉处理回访',
      purpose: '投诉闭环回访',
      description: '投诉关闭后 3 天内回访',
      active: true,
      version: 1,
    });
    expect(body.questions).toEqual(QUESTIONS);
    const row = await t.prisma.questionnaire.findUniqueOrThrow({ where: { id: body.id } });
    expect(row.organizationId).toBe(org.id);
    const log = await t.prisma.auditLog.findFirstOrThrow({
      where: { action: 'QUESTIONNAIRE_CREATED', entityId: body.id },
    });
    expect(log).toMatchObject({ entity: 'Questionnaire', before: null });
    expect((log.after as { name: string }).name).toBe('投诉处理回访');

    const admin = await create('admin@demo.local', {
      name: '面访满意度',
      purpose: '面访',
      questions: [{ id: 'q1', kind: 'YES_NO', label: '是否满意' }],
    });
    expect(admin.statusCode).toBe(201);
    // `required` defaults to true, description to null
    expect(admin.json()).toMatchObject({ description: null, questions: [{ id: 'q1', required: true }] });

    const dup = await create('admin@demo.local', { name: '报名体验', purpose: 'x', questions: QUESTIONS });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error).toMatchObject({ code: 'CONFLICT', details: { field: 'name' } });
  });

  it('refuses writes for roles without questionnaire:write', async () => {
    const q = await t.prisma.questionnaire.findFirstOrThrow({
      where: { organizationId: org.id, name: '报名体验' },
    });
    for (const email of [
      'caller1@demo.local',
      'manager@demo.local',
      'supervisor@demo.local',
      'handler@demo.local',
    ]) {
      expect(
        (await create(email, { name: `x-${email}`, purpose: 'x', questions: QUESTIONS })).statusCode,
      ).toBe(403);
      expect((await patch(email, q.id, { name: 'x' })).statusCode).toBe(403);
    }
    const r = await t.app.inject({ method: 'POST', url: '/api/questionnaires', payload: { name: 'x' } });
    expect(r.statusCode).toBe(401);
    expect(await t.prisma.questionnaire.count({ where: { name: { startsWith: 'x-' } } })).toBe(0);
  });

  it('validates the questions (400 with the field path)', async () => {
    const cases: Array<[unknown, string]> = [
      [{ name: 'a', purpose: 'b', questions: [] }, 'questions'],
      [
        { name: 'a', purpose: 'b', questions: [{ id: 'x', kind: 'SINGLE_CHOICE', label: '选' }] },
        'questions.0.options',
      ],
      [
        {
          name: 'a',
          purpose: 'b',
          questions: [{ id: 'x', kind: 'SINGLE_CHOICE', label: '选', options: ['只有一个'] }],
        },
        'questions.0.options',
      ],
      [
        {
          name: 'a',
          purpose: 'b',
          questions: [
            { id: 'x', kind: 'TEXT', label: '一' },
            { id: 'x', kind: 'TEXT', label: '二' },
          ],
        },
        'questions.1.id',
      ],
      [{ name: 'a', purpose: 'b', questions: [{ id: 'x', kind: 'STARS', label: '一' }] }, 'questions.0.kind'],
      [{ name: 'a', purpose: 'b', questions: [{ id: 'x', kind: 'TEXT', label: '  ' }] }, 'questions.0.label'],
      [
        { name: 'a', purpose: 'b', questions: [{ id: 'has space', kind: 'TEXT', label: 'l' }] },
        'questions.0.id',
      ],
      [{ name: '', purpose: 'b', questions: QUESTIONS }, 'name'],
    ];
    for (const [payload, path] of cases) {
      const res = await create('lead@demo.local', payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(res.json().error.code).toBe('VALIDATION');
      expect(res.json().error.details.map((d: { path: string }) => d.path)).toContain(path);
    }
  });

  it('PATCH edits, bumps the version on every change, audits before/after, and leaves past records alone', async () => {
    const q = await t.prisma.questionnaire.findFirstOrThrow({
      where: { organizationId: org.id, name: '培训效果与就业' },
    });
    const record = await t.prisma.visitRecord.findFirstOrThrow({
      where: { questionnaireId: q.id, questionnaireVersion: 1 },
    });
    const questions = (
      await t.as('lead@demo.local', { method: 'GET', url: `/api/questionnaires/${q.id}` })
    ).json().questions;
    const added = [...questions, { id: 'mentor', kind: 'YES_NO', label: '是否有导师跟进', required: false }];

    const res = await patch('lead@demo.local', q.id, { questions: added, version: 1 });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ version: 2, active: true, name: '培训效果与就业' });
    expect(res.json().questions).toHaveLength(added.length);

    const log = await t.prisma.auditLog.findFirstOrThrow({
      where: { action: 'QUESTIONNAIRE_UPDATED', entityId: q.id },
    });
    expect(log.before).toMatchObject({ version: 1, questions: questions });
    expect(log.after).toMatchObject({ version: 2, questions: added });
    expect(log.before).not.toHaveProperty('name');

    // The record keeps the version and the labels it was answered with
    const again = await t.prisma.visitRecord.findUniqueOrThrow({ where: { id: record.id } });
    expect(again.questionnaireVersion).toBe(1);
    expect(again.answers).toEqual(record.answers);

    // Renaming (without version) bumps again; an identical PATCH changes nothing
    const renamed = await patch('admin@demo.local', q.id, {
      name: '培训效果与就业（新）',
      description: null,
    });
    expect(renamed.json()).toMatchObject({ version: 3, name: '培训效果与就业（新）', description: null });
    const same = await patch('admin@demo.local', q.id, { name: '培训效果与就业（新）', version: 3 });
    expect(same.statusCode).toBe(200);
    expect(same.json().version).toBe(3);
    expect(
      await t.prisma.auditLog.count({ where: { action: 'QUESTIONNAIRE_UPDATED', entityId: q.id } }),
    ).toBe(2);

    // Leaving `active` out never re-activates; deactivating is a change
    const off = await patch('lead@demo.local', q.id, { active: false });
    expect(off.json()).toMatchObject({ active: false, version: 4 });
    const renamedAgain = await patch('lead@demo.local', q.id, { purpose: '结业回访' });
    expect(renamedAgain.json()).toMatchObject({ active: false, purpose: '结业回访', version: 5 });
  });

  it('PATCH with a stale version answers 409 STALE_VERSION and changes nothing', async () => {
    const q = await t.prisma.questionnaire.findFirstOrThrow({
      where: { organizationId: org.id, name: '报名体验' },
    });
    const first = await patch('lead@demo.local', q.id, { description: '第一次修改', version: q.version });
    expect(first.statusCode).toBe(200);
    const stale = await patch('admin@demo.local', q.id, { description: '第二次修改', version: q.version });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error).toMatchObject({
      code: 'STALE_VERSION',
      details: { currentVersion: q.version + 1 },
    });
    const row = await t.prisma.questionnaire.findUniqueOrThrow({ where: { id: q.id } });
    expect(row).toMatchObject({ description: '第一次修改', version: q.version + 1 });
  });

  it('PATCH answers 409 for a taken name and 400 for invalid questions', async () => {
    const q = await t.prisma.questionnaire.findFirstOrThrow({
      where: { organizationId: org.id, name: '报名体验' },
    });
    const other = await t.prisma.questionnaire.findFirstOrThrow({
      where: { organizationId: org.id, name: { not: '报名体验' } },
    });
    const taken = await patch('lead@demo.local', q.id, { name: other.name });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error.code).toBe('CONFLICT');
    const invalid = await patch('lead@demo.local', q.id, {
      questions: [{ id: 'x', kind: 'SINGLE_CHOICE', label: 'l', options: [] }],
    });
    expect(invalid.statusCode).toBe(400);
    const version = await patch('lead@demo.local', q.id, { version: 'one' });
    expect(version.statusCode).toBe(400);
    expect((await t.prisma.questionnaire.findUniqueOrThrow({ where: { id: q.id } })).name).toBe('报名体验');
  });

  it('two concurrent edits with the same version: exactly one wins', async () => {
    const created = await create('lead@demo.local', { name: '并发测试', purpose: 'p', questions: QUESTIONS });
    const id = created.json().id;
    const results = await Promise.all([
      patch('lead@demo.local', id, { purpose: 'A', version: 1 }),
      patch('admin@demo.local', id, { purpose: 'B', version: 1 }),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    expect((await t.prisma.questionnaire.findUniqueOrThrow({ where: { id } })).version).toBe(2);
  });
});
