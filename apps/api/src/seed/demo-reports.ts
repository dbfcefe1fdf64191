import type { Tx } from '../db/prisma.ts';
import type { DemoContext } from './demo-context.ts';

/** Monthly visit reports of the demo organisation. */
export async function seedDemoReports(_tx: Tx, _demo: DemoContext): Promise<void> {}
