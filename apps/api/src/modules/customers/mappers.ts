import type { TCustomer, TCustomerListItem } from '@huifang/contracts';
import { dateToDay, maskEmail, maskPhone } from '@huifang/domain';
import type { Customer } from '../../db/generated/client.ts';

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const day = (d: Date | null) => (d ? dateToDay(d) : null);

export function toListItem(c: Customer): TCustomerListItem {
  return {
    id: c.id,
    name: c.name,
    phone: maskPhone(c.phone),
    email: c.email ? maskEmail(c.email) : null,
    segment: c.segment,
    tier: c.tier,
    programme: c.programme,
    lastVisitAt: iso(c.lastVisitAt),
    refusesVisits: c.refusesVisits,
    preferredChannel: c.preferredChannel,
    preferredTimeFrom: c.preferredTimeFrom,
    preferredTimeTo: c.preferredTimeTo,
    version: c.version,
  };
}

export function toCustomer(c: Customer, masked: boolean): TCustomer {
  return {
    id: c.id,
    name: c.name,
    phone: masked ? maskPhone(c.phone) : c.phone,
    email: c.email ? (masked ? maskEmail(c.email) : c.email) : null,
    contactMasked: masked,
    segment: c.segment,
    tier: c.tier,
    programme: c.programme,
    enrolledAt: day(c.enrolledAt),
    completedAt: day(c.completedAt),
    lastVisitAt: iso(c.lastVisitAt),
    refusesVisits: c.refusesVisits,
    refusedAt: iso(c.refusedAt),
    preferredChannel: c.preferredChannel,
    preferredTimeFrom: c.preferredTimeFrom,
    preferredTimeTo: c.preferredTimeTo,
    consentNote: c.consentNote,
    language: c.language === 'en' ? 'en' : 'zh-CN',
    notes: c.notes,
    version: c.version,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  };
}
