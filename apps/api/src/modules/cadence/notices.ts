// The week-ahead notice (docs/rules.md#r-cad-8-week-ahead-notice): for the standing rules that ask
// for it, each visit due within the next seven days is announced to the customer once, by SMS (by
// e-mail when they prefer it and have an address), in their language — never in the quiet hours
// (the next hourly run sends it), never to a customer who refuses visits. A notice is an
// OutboundMessage about the visit's key (entity CadenceNotice), so it is sent once whatever the
// number of runs. Sent after the cadence run, outside its transaction.
import { createHash } from 'node:crypto';
import { addDays, dayIn, dueVisits, inQuietHours, timeIn, WEEK_AHEAD_NOTICE_DAYS } from '@huifang/domain';
import type { PrismaClient } from '../../db/prisma.ts';
import type { Messenger } from '../../lib/messages.ts';
import { contactPolicyOf } from '../contact-policy/service.ts';
import { eventsInReach, standingRules, tiersOf } from './run.ts';
import { engineRule } from './service.ts';

/** A stable id for a visit's notice: the message's `entityId`. */
export function noticeId(visitKey: string): string {
  const h = createHash('sha256').update(`notice:${visitKey}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

export interface NoticeRunResult {
  organizationId: string;
  sent: number;
  /** in the quiet hours: none sent this time */
  quiet: boolean;
}

function noticeText(lang: string | null, org: string, purpose: string, day: string) {
  return lang === 'en'
    ? {
        subject: `${org} — we will contact you around ${day}`,
        body: `${org}: we will contact you around ${day} for a follow-up (${purpose}). If that does not suit you, just reply to this message.`,
      }
    : {
        subject: `【${org}】回访预告`,
        body: `【${org}】您好！我们将于 ${day} 前后与您联系回访（${purpose}）。如时间不便，请回复告知。`,
      };
}

export async function sendWeekAheadNotices(
  prisma: PrismaClient,
  messenger: Messenger,
  now: Date,
): Promise<NoticeRunResult[]> {
  const out: NoticeRunResult[] = [];
  for (const org of await prisma.organization.findMany({
    select: { id: true, name: true, timezone: true },
  })) {
    const result: NoticeRunResult = { organizationId: org.id, sent: 0, quiet: false };
    out.push(result);
    const rules = (await standingRules(prisma, org.id)).filter((r) => r.def.noticeWeekAhead);
    if (rules.length === 0) continue;
    if (inQuietHours(await contactPolicyOf(prisma, org.id), timeIn(now, org.timezone))) {
      result.quiet = true;
      continue;
    }
    const today = dayIn(now, org.timezone);
    const from = addDays(today, 1);
    const to = addDays(today, WEEK_AHEAD_NOTICE_DAYS);
    const events = await eventsInReach(prisma, org.id, rules, to, undefined);
    const made = new Set(
      (
        await prisma.cadenceVisit.findMany({
          where: {
            organizationId: org.id,
            ruleId: { in: rules.map((r) => r.id) },
            status: { not: 'POSTPONED' },
          },
          select: { key: true },
        })
      ).map((v) => v.key),
    );
    const periodic = rules.some((r) => r.def.trigger.kind === 'EVERY_MONTHS');
    const tiers = periodic ? await tiersOf(prisma, org.id, events) : undefined;
    const coming = dueVisits({
      rules: rules.map((r) => engineRule(r.id, r.seed, r.def)),
      events,
      from,
      to,
      made,
      ...(tiers ? { tiers } : {}),
      listSkipped: false,
      // a visit due before `from` is today's business, not a notice's
    }).due.filter((v) => v.dueDay >= from);
    if (coming.length === 0) continue;
    const ids = new Map(coming.map((v) => [v.key, noticeId(v.key)]));
    const already = new Set(
      (
        await prisma.outboundMessage.findMany({
          where: { organizationId: org.id, entity: 'CadenceNotice', entityId: { in: [...ids.values()] } },
          select: { entityId: true },
        })
      ).map((m) => m.entityId),
    );
    const todo = coming.filter((v) => !already.has(ids.get(v.key)!));
    if (todo.length === 0) continue;
    const customers = new Map(
      (
        await prisma.customer.findMany({
          where: { id: { in: [...new Set(todo.map((v) => v.customerId))] } },
          select: {
            id: true,
            phone: true,
            email: true,
            preferredChannel: true,
            refusesVisits: true,
            language: true,
          },
        })
      ).map((c) => [c.id, c]),
    );
    const byRule = new Map(rules.map((r) => [r.id, r]));
    for (const v of todo) {
      const c = customers.get(v.customerId);
      if (!c || c.refusesVisits) continue;
      const email = c.preferredChannel === 'EMAIL' && c.email ? c.email : null;
      const text = noticeText(c.language, org.name, byRule.get(v.ruleId)!.def.purpose, v.dueDay);
      await messenger.send(
        prisma,
        {
          organizationId: org.id,
          channel: email ? 'EMAIL' : 'SMS',
          to: email ?? c.phone,
          ...(email ? { subject: text.subject } : {}),
          body: text.body,
          entity: 'CadenceNotice',
          entityId: ids.get(v.key)!,
        },
        now,
      );
      result.sent++;
    }
  }
  return out;
}
