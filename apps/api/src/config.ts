import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { RECORDING_DEFAULT_MAX_MB } from '@huifang/contracts/values';

/**
 * The checkout's root (the image keeps its layout: apps/api/dist, apps/web/dist, prisma/). The
 * source (apps/api/src/config.ts) and the compiled server (apps/api/dist/server.js) sit at the same
 * depth below it, so one expression serves both.
 */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

export interface AppConfig {
  port: number;
  host: string;
  /** set when an external database is used; otherwise the embedded one starts */
  databaseUrl: string | undefined;
  dataDir: string;
  /**
   * How often the app starts its embedded database again after it died before giving up and
   * exiting with code 1 (HUIFANG_DB_RESTART_ATTEMPTS, default 10; 0: exit at once, for a
   * supervisor that restarts the whole app). docs/decisions/009-the-app-owns-its-database.md
   */
  dbRestartAttempts: number;
  /**
   * The database connections of this process (HUIFANG_DB_POOL, default 20), and how long a request
   * waits for one — or for its transaction to start — before it is answered 503 with Retry-After
   * (HUIFANG_DB_WAIT_MS, default 10 000). docs/api.md#status-codes
   */
  dbPool: { size: number; waitMs: number };
  /**
   * The analytics' own pool (dashboards, the live month's KPI; docs/performance.md, mixed load):
   * HUIFANG_ANALYTICS_POOL connections (default 3), each statement at most
   * HUIFANG_ANALYTICS_TIMEOUT_MS (default 15 000).
   */
  analyticsPool: { size: number; statementTimeoutMs: number };
  /**
   * How long the organisation's live month figures are shared by everyone who opens a dashboard
   * (HUIFANG_LIVE_FIGURES_SECONDS, default 60; 0 computes on every request, as the tests do). The
   * screens say when they were computed. presenters/kpi-counts.ts liveFigures
   */
  liveFiguresMaxAgeMs: number;
  /** seed the demo organisation on an empty database */
  demo: boolean;
  production: boolean;
  sessionTtlMs: number;
  webDist: string;
  /**
   * Sign-in throttling (docs/api.md#sessions): `max` attempts per address and account per window;
   * and per address, `addressFailures` failed attempts per `addressWindowMs` (any accounts) before
   * the address waits — the window, then twice as long at each further failure.
   */
  loginRateLimit: { max: number; windowMs: number; addressFailures: number; addressWindowMs: number };
  logLevel: string;
  /**
   * Which proxies to believe about the client's address (X-Forwarded-For): false (none, the
   * default), a hop count, or addresses/CIDRs. Believing every proxy would let anyone choose
   * their own address, and so escape the login rate limit and forge the audit log's IPs.
   */
  trustProxy: boolean | string[] | ((address: string, hop: number) => boolean);
  /**
   * Signs the customers' survey links (HUIFANG_SECRET, at least 32 characters). When unset, a secret
   * made once is kept in the data directory (`secret`), so links outlive a restart.
   * docs/decisions/014-survey-links-and-messages.md
   */
  secret: string | undefined;
  /** The address the app is reached at, for links sent to customers (HUIFANG_PUBLIC_URL); else the request's. */
  publicUrl: string | undefined;
  /**
   * Outgoing mail (SMTP_URL, e.g. smtps://user:pass@smtp.example.com; MAIL_FROM) and SMS
   * (SMS_PROVIDER=twilio with TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN, TWILIO_FROM, TWILIO_BASE_URL).
   * Unset: messages are captured in the database and the log only (docs/product.md#messages).
   */
  mail: { smtpUrl: string | undefined; from: string };
  sms:
    | { provider: 'log' }
    | { provider: 'twilio'; accountSid: string; authToken: string; from: string; baseUrl: string };
  /**
   * Call recordings (docs/rules.md#r-rec-1-recording-files, docs/decisions/015-recording-storage.md):
   * the largest file (HUIFANG_RECORDING_MAX_MB, default 50) and where the audio is kept.
   */
  recordings: { maxBytes: number; storage: RecordingStorageConfig };
}

/**
 * HUIFANG_RECORDINGS_STORAGE=local (the default): files under HUIFANG_RECORDINGS_DIR (default
 * `<data dir>/recordings`; in tests a directory under the system's temp dir). =s3: an S3-compatible
 * bucket, HUIFANG_S3_BUCKET (required), HUIFANG_S3_REGION (default us-east-1), HUIFANG_S3_ENDPOINT
 * (MinIO, OSS, COS …), HUIFANG_S3_FORCE_PATH_STYLE, HUIFANG_S3_PREFIX; credentials from the AWS
 * SDK's usual chain (AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, a profile, an instance role).
 */
export type RecordingStorageConfig =
  | { kind: 'local'; dir: string }
  | {
      kind: 's3';
      bucket: string;
      region: string;
      endpoint: string | undefined;
      forcePathStyle: boolean;
      prefix: string;
    };

function recordingStorageConfig(env: NodeJS.ProcessEnv, dataDir: string): RecordingStorageConfig {
  const kind = (env.HUIFANG_RECORDINGS_STORAGE || 'local').toLowerCase();
  if (kind === 's3') {
    const bucket = env.HUIFANG_S3_BUCKET;
    if (!bucket) throw new Error('HUIFANG_RECORDINGS_STORAGE=s3 needs HUIFANG_S3_BUCKET');
    return {
      kind: 's3',
      bucket,
      region: env.HUIFANG_S3_REGION || env.AWS_REGION || 'us-east-1',
      endpoint: env.HUIFANG_S3_ENDPOINT || undefined,
      forcePathStyle: bool(env.HUIFANG_S3_FORCE_PATH_STYLE, false),
      prefix: (env.HUIFANG_S3_PREFIX ?? 'recordings/').replace(/^\/+/, ''),
    };
  }
  if (kind !== 'local') throw new Error(`HUIFANG_RECORDINGS_STORAGE must be local or s3, not ${kind}`);
  const fallback =
    env.NODE_ENV === 'test'
      ? path.join(os.tmpdir(), 'huifang-test-recordings', String(process.pid))
      : path.join(dataDir, 'recordings');
  return { kind: 'local', dir: path.resolve(repoRoot, env.HUIFANG_RECORDINGS_DIR || fallback) };
}

function smsConfig(env: NodeJS.ProcessEnv): AppConfig['sms'] {
  if (env.SMS_PROVIDER !== 'twilio') return { provider: 'log' };
  const need = (k: string) => {
    const v = env[k];
    if (!v) throw new Error(`SMS_PROVIDER=twilio needs ${k}`);
    return v;
  };
  return {
    provider: 'twilio',
    accountSid: need('TWILIO_ACCOUNT_SID'),
    authToken: need('TWILIO_AUTH_TOKEN'),
    from: need('TWILIO_FROM'),
    baseUrl: env.TWILIO_BASE_URL || 'https://api.twilio.com',
  };
}

function parseTrustProxy(value: string | undefined): AppConfig['trustProxy'] {
  if (!value || value === 'false' || value === '0') return false;
  if (/^\d+$/.test(value)) {
    const hops = Number(value);
    return (_address, hop) => hop < hops;
  }
  if (value === 'true') return true;
  return value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

function bool(value: string | undefined, fallback: boolean): boolean {
  if (value === undefined || value === '') return fallback;
  return ['1', 'true', 'yes', 'on'].includes(value.toLowerCase());
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const production = env.NODE_ENV === 'production';
  const databaseUrl = env.DATABASE_URL || undefined;
  const dataDir = path.resolve(repoRoot, env.HUIFANG_DATA_DIR ?? '.data');
  return {
    port: Number(env.PORT ?? 3000),
    host: env.HOST ?? '0.0.0.0',
    databaseUrl,
    dataDir,
    dbRestartAttempts: Math.max(0, Number(env.HUIFANG_DB_RESTART_ATTEMPTS ?? 10) || 0),
    dbPool: {
      size: Math.max(2, Number(env.HUIFANG_DB_POOL ?? 20) || 20),
      waitMs: Math.max(100, Number(env.HUIFANG_DB_WAIT_MS ?? 10_000) || 10_000),
    },
    liveFiguresMaxAgeMs:
      1000 * Math.max(0, Number(env.HUIFANG_LIVE_FIGURES_SECONDS ?? (env.NODE_ENV === 'test' ? 0 : 60)) || 0),
    analyticsPool: {
      size: Math.max(1, Number(env.HUIFANG_ANALYTICS_POOL ?? 3) || 3),
      statementTimeoutMs: Math.max(1000, Number(env.HUIFANG_ANALYTICS_TIMEOUT_MS ?? 15_000) || 15_000),
    },
    // The embedded database is the try-it-out path: demo data by default. An external
    // database starts empty and asks for an administrator unless HUIFANG_DEMO=1.
    demo: bool(env.HUIFANG_DEMO, !databaseUrl && !production),
    production,
    sessionTtlMs: Number(env.HUIFANG_SESSION_HOURS ?? 12) * 3600_000,
    webDist: path.resolve(repoRoot, env.HUIFANG_WEB_DIST ?? 'apps/web/dist'),
    loginRateLimit: {
      max: Number(env.HUIFANG_LOGIN_RATE_MAX ?? 10),
      windowMs: Number(env.HUIFANG_LOGIN_RATE_WINDOW_MS ?? 60_000),
      addressFailures: Number(env.HUIFANG_LOGIN_ADDRESS_FAILURES ?? 30),
      addressWindowMs: Number(env.HUIFANG_LOGIN_ADDRESS_WINDOW_MS ?? 300_000),
    },
    logLevel: env.LOG_LEVEL ?? (env.NODE_ENV === 'test' ? 'silent' : 'info'),
    trustProxy: parseTrustProxy(env.HUIFANG_TRUST_PROXY),
    secret: env.HUIFANG_SECRET || undefined,
    publicUrl: env.HUIFANG_PUBLIC_URL?.replace(/\/+$/, '') || undefined,
    mail: { smtpUrl: env.SMTP_URL || undefined, from: env.MAIL_FROM || 'Huifang <no-reply@huifang.local>' },
    sms: smsConfig(env),
    recordings: {
      maxBytes:
        Math.max(
          1,
          Number(env.HUIFANG_RECORDING_MAX_MB ?? RECORDING_DEFAULT_MAX_MB) || RECORDING_DEFAULT_MAX_MB,
        ) *
        1024 *
        1024,
      storage: recordingStorageConfig(env, dataDir),
    },
  };
}
