/**
 * The pages opened without a session (sign-in, first set-up, a customer's survey link): everything
 * else opens signed in, in the shell. Read by the app (i18n/index.ts) and by the build
 * (shell-preload.ts), so both agree (docs/performance.md#web).
 */
export const PUBLIC_PATH = /^\/(login|setup|s)(\/|$)/;
