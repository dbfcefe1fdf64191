/** One colour per churn stage (and for cases without one), the same on every churn chart. */
export const STAGE_COLORS: Record<string, string> = {
  NOT_ENROLLED: '#91caff',
  NEVER_ATTENDED: '#b37feb',
  DROPPED_OUT: '#ffc069',
  REFUNDED: '#ff7875',
  NOT_RENEWED: '#95de64',
  NONE: '#d9d9d9',
};
