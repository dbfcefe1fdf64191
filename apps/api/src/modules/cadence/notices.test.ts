// The week-ahead notice (docs/rules.md#r-cad-8-week-ahead-notice): each visit due within the next
// seven days of a standing rule that asks for it is announced once, by SMS or e-mail in the
// customer's language, never in the quiet hours nor to a customer who refuses visits.
import { zonedTime } from '@huifang/domain';
import { describe, expect, it } from 'vitest';
import { fixtureBase, recordEvent, setupTestApp } from '../../../test/helper.ts';
import { noticeId, sendWeekAheadNotices } from './notices.ts';

const TZ = 'Asia/Shanghai';
const at = (day: string, time = '10:00') => zonedTime(day, time, TZ);

describe('the week-ahead notice', async () => {
  const t = await setupTestApp();
  const base = await fixtureBase(t.prisma, 20);
  const org = base.orgId;
  const [a, b, c, d] = await t.prisma.customer.findMany({
    where: { id: { in: base.customers.map((x) => x.id) }, refusesVisits: false },
    orderBy: { id: 'asc' },
  });
  const event = (customerId: string, day: string) =>
    recordEvent(t.prisma, { organizationId: org, customerId, kind: 'SURGERY', day, createdAt: at(day) });
  const run = (day: string, time = '10:00') =>
    sendWeekAheadNotices(t.prisma, t.app.messenger, at(day, time)).then(
      (r) => r.find((x) => x.organizationId === org)!,
    );
  const noticesTo = (to: string) =>
    t.prisma.outboundMessage.findMany({ where: { entity: 'CadenceNotice', to }, orderBy: { body: 'asc' } });

  it('sends nothing for a rule that does not ask for it, or is not approved', async () => {
    await event(a!.id, '2026-09-01');
    expect((await run('2026-09-01')).sent).toBe(0);
    const r = await t.prisma.cadenceRule.findFirstOrThrow({
      where: { organizationId: org, code: 'SURGERY_3D_1W_1M' },
    });
    const patched = await t.as('admin@demo.local', {
      method: 'PATCH',
      url: `/api/cadence-rules/${r.id}`,
      payload: { version: r.version, definition: { ...(r.draft as object), noticeWeekAhead: true } },
    });
    expect(patched.statusCode, patched.body).toBe(200);
    // asked for in the draft only: not yet
    expect((await run('2026-09-01')).sent).toBe(0);
    await t.as('admin@demo.local', {
      method: 'POST',
      url: `/api/cadence-rules/${r.id}/submit`,
      payload: { version: r.version + 1 },
    });
    const ok = await t.as('manager@demo.local', {
      method: 'POST',
      url: `/api/cadence-rules/${r.id}/approve`,
      payload: { version: r.version + 2 },
    });
    expect(ok.statusCode, ok.body).toBe(200);
  });

  it('announces each visit of the coming week once, in the customer’s language and channel', async () => {
    await t.prisma.customer.update({
      where: { id: b!.id },
      data: { language: 'en', email: 'b@example.com', preferredChannel: 'EMAIL' },
    });
    await event(b!.id, '2026-10-10');
    await event(c!.id, '2026-10-10');
    await t.prisma.customer.update({ where: { id: d!.id }, data: { refusesVisits: true } });
    await event(d!.id, '2026-10-10');
    // the surgery rule: visits due on the 11th (d3), 14th (w1) and 18th (m1)
    expect((await run('2026-10-10')).sent).toBe(4);
    const toC = await noticesTo(c!.phone);
    expect(toC.map((m) => m.channel)).toEqual(['SMS', 'SMS']);
    expect(toC.map((m) => m.body).join('\n')).toContain('2026-10-11');
    expect(toC.map((m) => m.body).join('\n')).toContain('2026-10-14');
    expect(toC[0]!.body).toContain('回访');
    const toB = await noticesTo('b@example.com');
    expect(toB.map((m) => m.channel)).toEqual(['EMAIL', 'EMAIL']);
    expect(toB[0]!.body).toContain('we will contact you around');
    expect(await t.prisma.outboundMessage.count({ where: { entity: 'CadenceNotice', to: d!.phone } })).toBe(
      0,
    );
    // again the same day: nothing more; the next day the month visit (18th) comes into the week
    expect((await run('2026-10-10', '15:00')).sent).toBe(0);
    expect((await run('2026-10-11')).sent).toBe(2);
    expect((await noticesTo(c!.phone)).length).toBe(3);
    const ids = (await noticesTo(c!.phone)).map((m) => m.entityId);
    expect(new Set(ids).size).toBe(3);
    expect(ids).toContain(
      noticeId(
        `${(await t.prisma.cadenceRule.findFirstOrThrow({ where: { code: 'SURGERY_3D_1W_1M', organizationId: org } })).id}:${(await t.prisma.customerEvent.findFirstOrThrow({ where: { customerId: c!.id } })).id}:m1`,
      ),
    );
  });

  it('waits for the end of the quiet hours', async () => {
    await event(a!.id, '2026-11-20');
    const night = await run('2026-11-20', '22:30');
    expect(night).toMatchObject({ sent: 0, quiet: true });
    expect((await run('2026-11-21', '09:00')).sent).toBeGreaterThan(0);
  });
});
