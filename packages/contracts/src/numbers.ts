// Integers as the database stores them (PostgreSQL `integer`: 32 bits). An input beyond them is
// refused by the schema (400) before it reaches a query.
import { z } from 'zod';

export const INT32_MAX = 2_147_483_647;

/** A 32-bit integer. */
export const ZInt32 = z
  .number()
  .int()
  .min(-INT32_MAX - 1)
  .max(INT32_MAX);

/** An entity's version (optimistic concurrency, docs/api.md#versions): 1, 2, 3 … */
export const ZVersion = z.number().int().min(0).max(INT32_MAX);
