// The lead's sign-off of the team's visit records (docs/rules.md#r-chain-5-sign-off): the queue, a record
// signed off, another sent back with a comment that its caller sees and corrects, the month's rate.
import { addMonths, monthIn } from '@huifang/domain';
import { describe, expect, it } from 'vitest';
import { testNow } from '../../../test/clock.ts';
import { demoUsers, setupTestApp } from '../../../test/helper.ts';

const lastMonth = addMonths(monthIn(testNow(), 'Asia/Shanghai'), -1);

describe('visit record sign-off', async () => {
  const t = await setupTestApp();
  const demo = await demoUsers(t.prisma);
  const queue = (email: string, q: string) =>
    t.as(email, { method: 'GET', url: `/api/visit-sign-offs?month=${lastMonth}${q}` });
  const decide = (email: string, id: string, payload: object) =>
    t.as(email, { method: 'POST', url: `/api/visits/${id}/sign-off`, payload });

  let first: { id: string; version: number; callerId: string };
  let second: { id: string; version: number; callerId: string };

  it('lists the month’s waiting records of the lead’s own team, with the rate', async () => {
    const res = await queue('lead@demo.local', '');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    const team1 = new Set(
      Object.values(demo)
        .filter((u) => u.teamId === demo['lead@demo.local']!.teamId)
        .map((u) => u.id),
    );
    expect(body.items.length).toBeGreaterThan(2);
    expect(body.items.every((i: { callerId: string }) => team1.has(i.callerId))).toBe(true);
    expect(body.figures).toMatchObject({ signedOff: 0, sentBack: 0, rateBp: 0 });
    expect(body.figures.waiting).toBe(body.figures.total);
    [first, second] = body.items;
    expect((await queue('lead@demo.local', '&status=BOGUS')).statusCode).toBe(400);
    expect((await t.as('lead@demo.local', { method: 'GET', url: '/api/visit-sign-offs' })).statusCode).toBe(
      400,
    );
    for (const email of [
      'manager@demo.local',
      'supervisor@demo.local',
      'caller1@demo.local',
      'admin@demo.local',
    ])
      expect((await queue(email, '')).statusCode, email).toBe(403);
  });

  it('another team’s lead may not decide; an unknown record is 404; bad input 400; stale 409', async () => {
    expect(
      (await decide('lead2@demo.local', first.id, { decision: 'SIGN_OFF', version: first.version }))
        .statusCode,
    ).toBe(403);
    expect(
      (
        await decide('lead@demo.local', '00000000-0000-4000-8000-000000000000', {
          decision: 'SIGN_OFF',
          version: 1,
        })
      ).statusCode,
    ).toBe(404);
    expect(
      (await decide('lead@demo.local', first.id, { decision: 'MAYBE', version: first.version })).statusCode,
    ).toBe(400);
    expect((await decide('lead@demo.local', first.id, { decision: 'SIGN_OFF' })).statusCode).toBe(400);
    expect(
      (await decide('lead@demo.local', first.id, { decision: 'SIGN_OFF', version: first.version + 7 }))
        .statusCode,
    ).toBe(409);
    const noComment = await decide('lead@demo.local', second.id, {
      decision: 'SEND_BACK',
      version: second.version,
    });
    expect(noComment.statusCode).toBe(422);
    expect(noComment.json().error.details.field).toBe('comment');
  });

  it('signs one off and sends another back; the caller sees the comment and corrects it', async () => {
    const ok = await decide('lead@demo.local', first.id, { decision: 'SIGN_OFF', version: first.version });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ signOffStatus: 'SIGNED_OFF', version: first.version + 1 });
    const again = await decide('lead@demo.local', first.id, {
      decision: 'SEND_BACK',
      comment: 'x',
      version: first.version + 1,
    });
    expect(again.statusCode).toBe(422);
    expect(again.json().error.details.reason).toBe('ALREADY_DECIDED');

    const back = await decide('lead@demo.local', second.id, {
      decision: 'SEND_BACK',
      comment: '客户意见没有记录完整',
      version: second.version,
    });
    expect(back.json()).toMatchObject({ signOffStatus: 'SENT_BACK', signOffComment: '客户意见没有记录完整' });
    const note = await t.prisma.notification.findFirst({
      where: { type: 'VISIT_SENT_BACK', entityId: second.id },
    });
    expect(note?.userId).toBe(second.callerId);

    const caller = Object.entries(demo).find(([, u]) => u.id === second.callerId)![0];
    const seen = await t.as(caller, { method: 'GET', url: `/api/visits/${second.id}` });
    expect(seen.json()).toMatchObject({ signOffStatus: 'SENT_BACK', signOffComment: '客户意见没有记录完整' });

    const figures = (await queue('lead@demo.local', '')).json().figures;
    expect(figures).toMatchObject({ signedOff: 1, sentBack: 1, waiting: figures.total - 2 });
    expect(figures.rateBp).toBe(Math.floor(10000 / figures.total));
    // the same figures in the lead's dashboard
    const dash = await t.as('lead@demo.local', {
      method: 'GET',
      url: `/api/dashboards/lead?month=${lastMonth}`,
    });
    expect(dash.statusCode).toBe(200);
    expect(dash.json().signOff).toEqual(figures);
    const sentBack = (await queue('lead@demo.local', '&status=SENT_BACK')).json().items;
    expect(sentBack.map((i: { id: string }) => i.id)).toEqual([second.id]);

    const amended = await t.as(caller, {
      method: 'POST',
      url: `/api/visits/${second.id}/amendments`,
      payload: {
        reason: '补充客户意见',
        changes: { opinions: '希望增加周末班，已补充完整' },
        version: back.json().version,
      },
    });
    expect(amended.statusCode).toBe(201);
    expect(amended.json().signOffStatus).toBeNull();
    const waiting = (await queue('lead@demo.local', '')).json().items.map((i: { id: string }) => i.id);
    expect(waiting).toContain(second.id);
    expect(waiting).not.toContain(first.id);
  });
});
