import type { Tx } from '../db/prisma.ts';
import type { DemoContext } from './demo-context.ts';

/** Issue tickets of the demo organisation, in every state. */
export async function seedDemoTickets(_tx: Tx, _demo: DemoContext): Promise<void> {}
