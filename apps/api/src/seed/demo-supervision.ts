import type { Tx } from '../db/prisma.ts';
import type { DemoContext } from './demo-context.ts';

/** Sampling runs, inspections and appeals of the demo organisation. */
export async function seedDemoSupervision(_tx: Tx, _demo: DemoContext): Promise<void> {}
