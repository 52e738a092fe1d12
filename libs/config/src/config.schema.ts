import { z } from 'zod';
import { DEADLINE_RULES_SETTING } from './deadline-rules.schema.js';

const booleanFromEnv = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => ['true', '1', 'yes'].includes(value));

/** One closed day or range: `12-24..12-31` every year, `2026-07-06..2026-07-31` once (libs/calendar checks the dates). */
const CLOSED_DAYS_ENTRY = /^(\d{2}-\d{2}(\.\.\d{2}-\d{2})?|\d{4}-\d{2}-\d{2}(\.\.\d{4}-\d{2}-\d{2})?)$/;

const loopbackDefault = '127.0.0.1';

/** The environment variables Flyt reads, with defaults for a local machine. */
export const ENVIRONMENT_SCHEMA = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  HOST: z.string().min(1).default(loopbackDefault),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  PUBLIC_URL: z.url().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** The built web app the API serves at `/` (relative to the working directory); nothing is served while it does not exist. */
  WEB_APP_DIR: z.string().trim().min(1).default('dist/web'),
  HTTP_BODY_LIMIT: z.string().regex(/^\d+(b|kb|mb)$/i, 'a size such as 100kb or 1mb').default('100kb'),
  DATABASE_URL: z
    .url()
    .refine((url) => /^postgres(ql)?:$/.test(new URL(url).protocol), 'must be a postgres:// URL')
    .default('postgres://postgres@127.0.0.1:5432/flyt'),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  REDIS_URL: z
    .url()
    .refine((url) => /^rediss?:$/.test(new URL(url).protocol), 'must be a redis:// URL')
    .default('redis://127.0.0.1:6379'),
  /** Unset: `flyt-<database name>` (see defaultQueuePrefix), so installations with different databases keep apart on one Redis. */
  QUEUE_PREFIX: z
    .string()
    .regex(/^[a-zA-Z0-9_-]+$/, 'letters, digits, _ and - only')
    .optional(),
  /** The worker's outbox relay: the fallback poll when no NOTIFY arrives, rows claimed per transaction; the timer sweep's period. */
  OUTBOX_POLL_MS: z.coerce.number().int().min(10).max(60_000).default(1000),
  OUTBOX_BATCH_SIZE: z.coerce.number().int().min(1).max(10_000).default(100),
  TIMER_SWEEP_EVERY_MS: z.coerce.number().int().min(100).max(24 * 3600 * 1000).default(60_000),
  /** How long a job stays claimed by a worker that stopped renewing it (killed): after this, another worker takes it. */
  JOB_LOCK_MS: z.coerce.number().int().min(1000).max(10 * 60 * 1000).default(30_000),
  AUTH_ISSUER: z.string().min(1).optional(),
  AUTH_AUDIENCE: z.string().min(1).default('flyt'),
  AUTH_JWKS_URL: z.url().optional(),
  AUTH_USER_CLAIM: z.enum(['email', 'sub']).default('email'),
  /**
   * Sign-in in the web app with the university's OpenID Connect provider (issuer AUTH_ISSUER): the
   * authorization code flow with PKCE, for a public client registered with `<PUBLIC_URL>/sign-in`
   * as its redirect URI.
   */
  AUTH_OIDC_CLIENT_ID: z.string().trim().min(1).max(200).optional(),
  AUTH_OIDC_SCOPES: z
    .string()
    .transform((text) => text.split(/[\s,]+/).filter((scope) => scope !== ''))
    .pipe(
      z
        .array(z.string().regex(/^[\x21\x23-\x5b\x5d-\x7e]+$/, 'scopes are words without quotes or backslashes'))
        .refine((scopes) => scopes.includes('openid'), 'must include openid'),
    )
    .default(['openid', 'profile', 'email']),
  /** A resource indicator (RFC 8707) the web app asks the provider for, so that the access token is meant for Flyt's API. */
  AUTH_OIDC_RESOURCE: z
    .string()
    .trim()
    .refine((text) => URL.canParse(text) && !text.includes('#'), 'an absolute URI without a fragment, e.g. https://flyt.universitet.example/api')
    .optional(),
  /** Which of the provider's tokens the web app sends to the API: its access token, or its ID token where access tokens are not JWTs meant for Flyt. */
  AUTH_OIDC_API_TOKEN: z.enum(['access_token', 'id_token']).default('access_token'),
  AUTH_DEV_LOGIN: booleanFromEnv.optional(),
  AUTH_DEV_TOKEN_TTL_SECONDS: z.coerce.number().int().min(60).max(7 * 24 * 3600).default(8 * 3600),
  /** Deadlines (libs/calendar): the time of day in Europe/Oslo they fall at, closed days beyond the public holidays, rules by delay name. */
  DEADLINE_TIME_OF_DAY: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time of day as HH:MM (Europe/Oslo), e.g. 09:00')
    .default('09:00'),
  CALENDAR_CLOSED_DAYS: z
    .string()
    .transform((text) => text.split(',').map((entry) => entry.trim()).filter((entry) => entry !== ''))
    .pipe(z.array(z.string().regex(CLOSED_DAYS_ENTRY, 'entries as MM-DD..MM-DD (every year) or YYYY-MM-DD..YYYY-MM-DD, comma-separated')))
    .default([]),
  DEADLINE_RULES: DEADLINE_RULES_SETTING.optional(),
  /** How far a person may move a deadline: this many times the deadline's own length, counted from now. */
  DEADLINE_MOVE_LIMIT: z.coerce.number().min(0.1, 'at least 0.1').max(10, 'at most 10 times the deadline’s own length').default(1),
  /** Real discount rate for net present value in cost-benefit assessments (public sector default 4 %). */
  COST_BENEFIT_DISCOUNT_RATE: z.coerce.number().min(0, 'at least 0').max(0.5, 'at most 0.5 (50 %)').default(0.04),
  /**
   * The policy's test of what stays a local improvement (docs/domain.md, "Larger than local"): a
   * case that runs longer than this many months, or costs more than this many kroner in all, is
   * escalated instead. The same numbers tell a small project from a large one (docs/projects.md).
   */
  LOCAL_IMPROVEMENT_MAX_MONTHS: z.coerce.number().int('whole months, e.g. 6').min(1, 'at least 1 month').max(600, 'at most 600 months').default(6),
  LOCAL_IMPROVEMENT_MAX_COST_NOK: z.coerce.number().min(0, 'at least 0').max(1e11, 'at most 100 000 000 000').default(1_500_000),
  /** The longest a process owner may delegate the process-responsible role for; the database refuses 25 years or more whatever this says. */
  MANDATE_MAX_YEARS: z.coerce
    .number()
    .int('whole years, e.g. 4')
    .min(1, 'at least 1 year')
    .max(25, 'at most 25 years, the longest mandate the database accepts')
    .default(4),
  /** Notification e-mail: the SMTP server (smtp:// or smtps://, credentials in the URL), the sender, and when the daily digest goes out. */
  SMTP_URL: z
    .url()
    .refine((url) => /^smtps?:$/.test(new URL(url).protocol), 'must be an smtp:// or smtps:// URL')
    .default('smtp://127.0.0.1:1025'),
  MAIL_FROM: z.string().trim().min(3).default('Flyt <flyt@universitet.example>'),
  DIGEST_TIME: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time of day as HH:MM (Europe/Oslo)')
    .default('07:00'),
  /** Where links in notifications point; PUBLIC_URL when unset. */
  APP_URL: z.url().optional(),
});

export type Environment = z.input<typeof ENVIRONMENT_SCHEMA>;
