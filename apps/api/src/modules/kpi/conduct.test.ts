import { monthIn } from '@huifang/domain';
import { describe, expect, it } from 'vitest';
import { testNow } from '../../../test/clock.ts';
import { setupTestApp } from '../../../test/helper.ts';
import { act, ticketFixtures } from '../tickets/test-fixtures.ts';

describe('a conduct complaint confirmed against a caller reaches their KPI', async () => {
  const t = await setupTestApp();
  const f = await ticketFixtures(t.prisma);
  const SUP = 'supervisor@demo.local';
  const month = monthIn(testNow(), 'Asia/Shanghai');
  const conductOf = async (userId: string) => {
    const res = await t.as('manager@demo.local', { method: 'GET', url: `/api/kpi?month=${month}` });
    return res.json().rows.find((r: { id: string }) => r.id === userId).kpi.counts.conductConfirmed as number;
  };

  it('the supervision department answers it and must say whether it is confirmed', async () => {
    const visit = await f.visitOf('caller2@demo.local');
    const raised = await t.as('lead@demo.local', {
      method: 'POST',
      url: '/api/tickets',
      payload: {
        sourceVisitId: visit.id,
        category: 'CALLER_CONDUCT',
        severity: 'MEDIUM',
        title: '客户投诉回访专员语气生硬',
        description: '客户来电反映回访时专员语气生硬，多次打断。',
      },
    });
    expect(raised.statusCode, raised.body).toBe(201);
    const ticket = raised.json();
    expect(ticket.subject.id).toBe(f.users['caller2@demo.local']);
    const before = await conductOf(visit.callerId);

    // a handler of another department may not answer it; the supervisor (监督部) may
    expect(
      (await act(t, 'handler@demo.local', ticket.id, 'respond', { action: 'x', rootCause: 'y' })).statusCode,
    ).toBe(403);
    const missing = await act(t, SUP, ticket.id, 'respond', {
      action: '已调听录音并约谈专员',
      rootCause: '话术培训不足',
    });
    expect(missing.statusCode).toBe(422);
    expect(missing.json().error.details).toMatchObject({ field: 'conductConfirmed' });
    const unchanged = await t.prisma.issueTicket.findUniqueOrThrow({ where: { id: ticket.id } });
    expect(unchanged).toMatchObject({ status: 'OPEN', conductConfirmed: null });

    const ok = await act(t, SUP, ticket.id, 'respond', {
      action: '已调听录音并约谈专员',
      rootCause: '话术培训不足',
      conductConfirmed: true,
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ status: 'RESPONDED', conductConfirmed: true });
    expect(await conductOf(visit.callerId)).toBe(before + 1);
  });
});
