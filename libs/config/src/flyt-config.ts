import { createHash } from 'node:crypto';
import { ENVIRONMENT_SCHEMA } from './config.schema.js';
import { ConfigurationInvalid, type ConfigurationProblem } from './configuration-invalid.error.js';
import type { DeadlineRuleSettings } from './deadline-rules.schema.js';

/** The configuration of one Flyt process, validated once at start. */
export interface FlytConfig {
  environment: 'development' | 'test' | 'production';
  http: { host: string; port: number; publicUrl: string; bodyLimit: string; webAppDir: string };
  log: { level: string };
  /** Secret: the URL may hold a password. */
  database: { url: string; poolSize: number };
  /** Secret: the URL may hold a password. */
  redis: { url: string };
  queue: { prefix: string };
  /**
   * The worker: how often the outbox relay polls (besides LISTEN/NOTIFY), its batch size, how often
   * timers are reconciled with Redis, and how long a job claimed by a worker that died stays claimed.
   */
  worker: { outboxPollMs: number; outboxBatchSize: number; timerSweepEveryMs: number; jobLockMs: number };
  auth: {
    /** Issuer of tokens from the university's OpenID Connect provider; unset means none is trusted. */
    issuer?: string;
    audience: string;
    jwksUrl?: string;
    /** Which claim of an external token names the Flyt user. */
    userClaim: 'email' | 'sub';
    devLogin: { enabled: boolean; issuer: string; tokenTtlSeconds: number };
    /** Sign-in in the web app with the provider that issues AUTH_ISSUER's tokens; unset when not configured. */
    oidc?: OidcSignIn;
  };
  /** Cost-benefit assessments of improvement cases. */
  costBenefit: { discountRate: number };
  /**
   * The thresholds past which a case is no local improvement (LOCAL_IMPROVEMENT_MAX_MONTHS,
   * LOCAL_IMPROVEMENT_MAX_COST_NOK): it must be escalated, and as a project the programme council
   * and the rector decide its gates.
   */
  localImprovement: { maxMonths: number; maxCostNok: number };
  /** Mandates: the longest period, in years, a process owner may delegate the process-responsible role for. */
  mandates: { maxYears: number };
  /**
   * Deadlines of workflow timers: the time of day (HH:MM, Europe/Oslo) day-counted deadlines fall at, closed days
   * (`MM-DD..MM-DD` / `YYYY-MM-DD..YYYY-MM-DD` entries) and rules by delay name (for every workflow with that delay) or by workflow
   * and delay name, which libs/calendar merges over the workflows' defaults.
   */
  deadlines: { timeOfDay: string; closedDays: string[]; rules: DeadlineRuleSettings; moveLimit: number };
  /** Notifications: e-mail over SMTP (secret: the URL may hold a password), the daily digest's time in Europe/Oslo, links. */
  notifications: { smtpUrl: string; mailFrom: string; digestTime: { hour: number; minute: number }; appUrl: string };
}

/** How the web app signs people in with the university's OpenID Connect provider (authorization code flow with PKCE). */
export interface OidcSignIn {
  clientId: string;
  scopes: string[];
  /** A resource indicator (RFC 8707) asked for with the authorization. */
  resource?: string;
  /** The token the web app sends to the API as its bearer token. */
  apiToken: 'access_token' | 'id_token';
}

export const DEV_TOKEN_ISSUER = 'urn:flyt:dev-login';

export function loadConfig(env: Record<string, string | undefined>): FlytConfig {
  const blanksRemoved = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = ENVIRONMENT_SCHEMA.safeParse(blanksRemoved);
  if (!parsed.success) {
    throw new ConfigurationInvalid(
      parsed.error.issues.map((issue) => ({ variable: String(issue.path[0] ?? '?'), reason: issue.message })),
    );
  }
  const e = parsed.data;
  if (e.AUTH_JWKS_URL && !e.AUTH_ISSUER) {
    throw new ConfigurationInvalid([{ variable: 'AUTH_ISSUER', reason: 'required when AUTH_JWKS_URL is set' }]);
  }
  const oidcProblems = e.AUTH_OIDC_CLIENT_ID ? oidcSignInProblems(e) : [];
  if (oidcProblems.length) throw new ConfigurationInvalid(oidcProblems);
  const devLoginEnabled = e.AUTH_DEV_LOGIN ?? e.NODE_ENV !== 'production';
  if (devLoginEnabled && e.NODE_ENV === 'production') {
    throw new ConfigurationInvalid([{ variable: 'AUTH_DEV_LOGIN', reason: 'dev login cannot be enabled in production' }]);
  }
  return {
    environment: e.NODE_ENV,
    http: {
      host: e.HOST,
      port: e.PORT,
      publicUrl: e.PUBLIC_URL ?? `http://${e.HOST.includes(':') ? `[${e.HOST}]` : e.HOST}:${e.PORT}`,
      bodyLimit: e.HTTP_BODY_LIMIT,
      webAppDir: e.WEB_APP_DIR,
    },
    log: { level: e.LOG_LEVEL },
    database: { url: e.DATABASE_URL, poolSize: e.DATABASE_POOL_SIZE },
    redis: { url: e.REDIS_URL },
    queue: { prefix: e.QUEUE_PREFIX ?? defaultQueuePrefix(e.DATABASE_URL) },
    worker: {
      outboxPollMs: e.OUTBOX_POLL_MS,
      outboxBatchSize: e.OUTBOX_BATCH_SIZE,
      timerSweepEveryMs: e.TIMER_SWEEP_EVERY_MS,
      jobLockMs: e.JOB_LOCK_MS,
    },
    auth: {
      issuer: e.AUTH_ISSUER,
      audience: e.AUTH_AUDIENCE,
      jwksUrl: e.AUTH_JWKS_URL,
      userClaim: e.AUTH_USER_CLAIM,
      devLogin: { enabled: devLoginEnabled, issuer: DEV_TOKEN_ISSUER, tokenTtlSeconds: e.AUTH_DEV_TOKEN_TTL_SECONDS },
      ...(e.AUTH_OIDC_CLIENT_ID
        ? {
            oidc: {
              clientId: e.AUTH_OIDC_CLIENT_ID,
              scopes: e.AUTH_OIDC_SCOPES,
              ...(e.AUTH_OIDC_RESOURCE ? { resource: e.AUTH_OIDC_RESOURCE } : {}),
              apiToken: e.AUTH_OIDC_API_TOKEN,
            },
          }
        : {}),
    },
    costBenefit: { discountRate: e.COST_BENEFIT_DISCOUNT_RATE },
    localImprovement: { maxMonths: e.LOCAL_IMPROVEMENT_MAX_MONTHS, maxCostNok: e.LOCAL_IMPROVEMENT_MAX_COST_NOK },
    mandates: { maxYears: e.MANDATE_MAX_YEARS },
    deadlines: { timeOfDay: e.DEADLINE_TIME_OF_DAY, closedDays: e.CALENDAR_CLOSED_DAYS, rules: e.DEADLINE_RULES ?? {}, moveLimit: e.DEADLINE_MOVE_LIMIT },
    notifications: {
      smtpUrl: e.SMTP_URL,
      mailFrom: e.MAIL_FROM,
      digestTime: { hour: Number(e.DIGEST_TIME.slice(0, 2)), minute: Number(e.DIGEST_TIME.slice(3, 5)) },
      appUrl: (e.APP_URL ?? e.PUBLIC_URL ?? `http://${e.HOST.includes(':') ? `[${e.HOST}]` : e.HOST}:${e.PORT}`).replace(/\/+$/, ''),
    },
  };
}

/**
 * What OpenID Connect sign-in needs besides its client id: the browser finds the provider by its
 * issuer, and the API must trust the tokens the web app will send it.
 */
function oidcSignInProblems(e: ReturnType<typeof ENVIRONMENT_SCHEMA.parse>): ConfigurationProblem[] {
  const problems: ConfigurationProblem[] = [];
  if (!e.AUTH_ISSUER) problems.push({ variable: 'AUTH_ISSUER', reason: 'required when AUTH_OIDC_CLIENT_ID is set: the provider the web app signs people in with' });
  else if (!/^https?:$/.test(URL.parse(e.AUTH_ISSUER)?.protocol ?? '')) {
    problems.push({ variable: 'AUTH_ISSUER', reason: 'must be the provider’s address, https://…, when AUTH_OIDC_CLIENT_ID is set: the web app reads its discovery document there' });
  }
  if (!e.AUTH_JWKS_URL) problems.push({ variable: 'AUTH_JWKS_URL', reason: 'required when AUTH_OIDC_CLIENT_ID is set: the API checks the provider’s tokens with these keys' });
  if (e.AUTH_OIDC_API_TOKEN === 'id_token' && e.AUTH_AUDIENCE !== e.AUTH_OIDC_CLIENT_ID) {
    problems.push({ variable: 'AUTH_AUDIENCE', reason: 'must be the client id (AUTH_OIDC_CLIENT_ID) when AUTH_OIDC_API_TOKEN=id_token: an ID token’s audience is the client' });
  }
  return problems;
}

/** A URL with its password replaced, safe to print. */
export function redactUrl(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}

/**
 * The BullMQ prefix of an installation that sets no QUEUE_PREFIX: `flyt-<database name>`. Two
 * installations on one Redis (test and staging) then keep their jobs apart as long as their
 * databases are named apart; the name, not the whole URL, so every process of one installation
 * agrees however it spells the server's address. Installations whose databases share a name on
 * different servers are caught at start-up by libs/queue (the prefix is claimed for one database)
 * and must set QUEUE_PREFIX. Characters a prefix cannot hold become `-`, with a short hash of the
 * name so that two names do not become one.
 */
export function defaultQueuePrefix(databaseUrl: string): string {
  const url = new URL(databaseUrl);
  const decoded = (text: string) => {
    try {
      return decodeURIComponent(text);
    } catch {
      return text;
    }
  };
  // libpq's default database is the user's name.
  const name = decoded(url.pathname.replace(/^\//, '')) || decoded(url.username) || 'postgres';
  const safe = name.replace(/[^a-zA-Z0-9_-]/g, '-');
  return safe === name ? `flyt-${name}` : `flyt-${safe}-${createHash('sha256').update(name).digest('hex').slice(0, 8)}`;
}
