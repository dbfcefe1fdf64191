/** What the demo seed hands to the parts that add supervision and ticket data. */
export interface DemoContext {
  orgId: string;
  /** "today" of the demo data */
  now: Date;
  tz: string;
  /** a demo user's id by e-mail */
  users: (email: string) => string;
}
