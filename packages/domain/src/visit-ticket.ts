// R-VISIT-5 (docs/rules.md): when the visit form offers a ticket (问题工单) for what the customer
// raised, saved with the record in one step.
import type { TVisitOutcome } from '@huifang/contracts';
import { isLowSatisfaction } from './sampling.ts';
import { isUnsuccessful } from './task-state.ts';

/**
 * NONE: nobody was reached (no answer, wrong number), so no customer raised anything;
 * AVAILABLE: the caller may raise one; SUGGESTED: the form opens with the ticket proposed,
 * because the customer rated the visit low (the same "low" as the sampler's, ≤ 3 of 5).
 */
export type TicketOffer = 'NONE' | 'AVAILABLE' | 'SUGGESTED';

/**
 * @param ratings the overall satisfaction and every 1–5 satisfaction answer of the record
 *   (unanswered ones as null or undefined)
 */
export function ticketOffer(
  outcome: TVisitOutcome,
  ratings: ReadonlyArray<number | null | undefined> = [],
): TicketOffer {
  if (isUnsuccessful(outcome)) return 'NONE';
  const low = ratings.some((r) => typeof r === 'number' && isLowSatisfaction(r));
  return outcome === 'COMPLETED' && low ? 'SUGGESTED' : 'AVAILABLE';
}

/** The 1–5 ratings of a record's answers (SATISFACTION questions), for `ticketOffer`. */
export function satisfactionAnswers(
  answers: ReadonlyArray<{ kind: string; value: unknown }>,
): Array<number | null> {
  return answers
    .filter((a) => a.kind === 'SATISFACTION')
    .map((a) => (typeof a.value === 'number' ? a.value : null));
}
