// The demo's call recordings (docs/product.md#recordings): short generated tones attached to the
// visits open for inspection, two inspected by listening, and a few of caller1's latest phone visits,
// so the inspection workspace and the record page have something to play. The audio itself is
// written to the storage when first asked for (modules/recordings/demo-audio.ts).
import { createHash } from 'node:crypto';
import type { Tx } from '../db/prisma.ts';
import { demoAudioKey, demoToneWav } from '../modules/recordings/demo-audio.ts';
import type { DemoContext } from './demo-context.ts';

/** How many submitted inspections (by listening) and how many of caller1's visits get a recording. */
const SUBMITTED = 2;
const CALLER_OWN = 2;

export async function seedDemoRecordings(tx: Tx, demo: DemoContext): Promise<void> {
  const select = { visitId: true, visitStartedAt: true, callerId: true } as const;
  const open = await tx.inspection.findMany({
    where: { organizationId: demo.orgId, status: { in: ['PENDING', 'IN_PROGRESS'] } },
    orderBy: [{ visitStartedAt: 'desc' }, { id: 'asc' }],
    select,
  });
  const submitted = await tx.inspection.findMany({
    where: { organizationId: demo.orgId, status: 'SUBMITTED', method: 'RECORDING_REVIEW' },
    orderBy: [{ visitStartedAt: 'desc' }, { id: 'asc' }],
    take: SUBMITTED,
    select,
  });
  const own = await tx.visitRecord.findMany({
    where: {
      organizationId: demo.orgId,
      callerId: demo.users('caller1@demo.local'),
      channel: 'PHONE',
      outcome: 'COMPLETED',
      inspection: null,
    },
    orderBy: [{ startedAt: 'desc' }, { id: 'asc' }],
    take: CALLER_OWN,
    select: { id: true, startedAt: true, callerId: true },
  });
  const visits = [
    ...[...open, ...submitted].map((i) => ({
      visitId: i.visitId,
      at: i.visitStartedAt,
      callerId: i.callerId,
    })),
    ...own.map((v) => ({ visitId: v.id, at: v.startedAt, callerId: v.callerId })),
  ];
  await tx.visitRecording.createMany({
    data: visits.map((v, n) => {
      const audio = demoToneWav(n + 1);
      const day = v.at.toISOString().slice(0, 10).replace(/-/g, '');
      return {
        organizationId: demo.orgId,
        visitId: v.visitId,
        uploadedById: v.callerId,
        fileName: `回访录音-${day}-${n + 1}.wav`,
        format: 'WAV',
        contentType: 'audio/wav',
        sizeBytes: audio.length,
        sha256: createHash('sha256').update(audio).digest('hex'),
        storageKey: demoAudioKey(n + 1),
        // uploaded a few minutes after the call
        createdAt: new Date(v.at.getTime() + 5 * 60_000),
      };
    }),
  });
}
