// Customer export (docs/rules.md#r-cus-3-customer-export): the customers the list's filters find,
// with their full contacts, in the import's own columns and words, so the file can be edited and
// imported again. Personal data leaving the app: the confidentiality agreement first, then one
// audit row of what left (docs/rules.md#r-conf-2-nothing-in-full-before-the-signature).
import { IMPORT_LIMITS, type TCustomerExportQuery, type ZCustomerExportQuery } from '@huifang/contracts';
import { customerExportHeader, customerExportRow, dateToDay } from '@huifang/domain';
import type { z } from 'zod';
import type { PrismaClient } from '../../db/prisma.ts';
import type { Actor } from '../../lib/actor.ts';
import { toCsv } from '../../lib/csv.ts';
import { ruleViolation } from '../../lib/errors.ts';
import { writeXlsx } from '../../lib/xlsx.ts';
import { auditedExport, requireSignedForExport } from '../confidentiality/service.ts';
import { customerWhere, ORDER } from './service.ts';

export interface CustomerExport {
  body: string | Buffer;
  rows: number;
  format: TCustomerExportQuery['format'];
}

export async function exportCustomers(
  prisma: PrismaClient,
  actor: Actor,
  q: z.output<typeof ZCustomerExportQuery>,
): Promise<CustomerExport> {
  await requireSignedForExport(prisma, actor.user);
  const { where, search } = customerWhere(actor.user, q);
  const max = IMPORT_LIMITS.maxRows;
  const count = await prisma.customer.count({ where, take: max + 1 });
  if (count > max) {
    throw ruleViolation(`More than ${max} customers match; narrow the filter to export them`, {
      reason: 'TOO_MANY_ROWS',
      max,
    });
  }
  const customers = await prisma.customer.findMany({
    where,
    orderBy: ORDER[q.sort],
    select: {
      name: true,
      phone: true,
      email: true,
      segment: true,
      tier: true,
      programme: true,
      enrolledAt: true,
      completedAt: true,
      refusesVisits: true,
      preferredChannel: true,
      preferredTimeFrom: true,
      preferredTimeTo: true,
      notes: true,
    },
  });
  const rows = customers.map((c) =>
    customerExportRow(
      {
        ...c,
        enrolledAt: c.enrolledAt ? dateToDay(c.enrolledAt) : null,
        completedAt: c.completedAt ? dateToDay(c.completedAt) : null,
      },
      q.lang,
    ),
  );
  const header = customerExportHeader(q.lang);
  const body =
    q.format === 'csv'
      ? toCsv([header, ...rows])
      : await writeXlsx([
          { name: q.lang === 'zh-CN' ? '客户' : 'Customers', rows: [header, ...rows], freezeHeader: true },
        ]);
  // What left, never a phone number the filter searched for.
  const { format: _f, lang: _l, q: text, ...filters } = q;
  await auditedExport(prisma, actor, {
    kind: 'CUSTOMERS',
    filter: { ...filters, ...(text ? { q: search ? '(phone number)' : text } : {}) },
    rows: rows.length,
    format: q.format,
  });
  return { body, rows: rows.length, format: q.format };
}
