import { ConfigurationInvalid } from './configuration-invalid.error.js';
import { loadConfig, redactUrl } from './flyt-config.js';

describe('loadConfig', () => {
  it('gives a local machine working defaults', () => {
    const config = loadConfig({});
    expect(config.database.url).toBe('postgres://postgres@127.0.0.1:5432/flyt');
    expect(config.redis.url).toBe('redis://127.0.0.1:6379');
    expect(config.http.port).toBe(3000);
    expect(config.http.publicUrl).toBe('http://127.0.0.1:3000');
    expect(config.auth.devLogin.enabled).toBe(true);
    expect(config.queue.prefix).toBe('flyt-flyt');
  });

  it('gives each database its own queue prefix unless QUEUE_PREFIX names one', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://flyt:hemmelig@db.test.uni.no:5432/flyt_staging' }).queue.prefix).toBe('flyt-flyt_staging');
    expect(loadConfig({ DATABASE_URL: 'postgres://flyt@127.0.0.1/flyt_test' }).queue.prefix).toBe('flyt-flyt_test');
    // The same database however the server is reached: every process of an installation agrees.
    expect(loadConfig({ DATABASE_URL: 'postgres://flyt@localhost:5432/flyt_test' }).queue.prefix).toBe('flyt-flyt_test');
    // Characters a prefix cannot hold are replaced, and two names never become one.
    const dotted = loadConfig({ DATABASE_URL: 'postgres://flyt@127.0.0.1/flyt.test' }).queue.prefix;
    const spaced = loadConfig({ DATABASE_URL: 'postgres://flyt@127.0.0.1/flyt%20test' }).queue.prefix;
    expect(dotted).toMatch(/^flyt-flyt-test-[0-9a-f]{8}$/);
    expect(spaced).toMatch(/^flyt-flyt-test-[0-9a-f]{8}$/);
    expect(dotted).not.toBe(spaced);
    expect(loadConfig({ DATABASE_URL: 'postgres://flyt@127.0.0.1/flyt_test', QUEUE_PREFIX: 'flyt' }).queue.prefix).toBe('flyt');
  });

  it('turns dev login off in production unless asked, and refuses it there', () => {
    expect(loadConfig({ NODE_ENV: 'production' }).auth.devLogin.enabled).toBe(false);
    expect(() => loadConfig({ NODE_ENV: 'production', AUTH_DEV_LOGIN: 'true' })).toThrow(ConfigurationInvalid);
  });

  it('lets dev login be switched off outside production', () => {
    expect(loadConfig({ AUTH_DEV_LOGIN: 'false' }).auth.devLogin.enabled).toBe(false);
  });

  it('names every variable that is wrong and why', () => {
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x@127.0.0.1/flyt', QUEUE_PREFIX: 'a:b' });
      throw new Error('expected ConfigurationInvalid');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigurationInvalid);
      const variables = (error as ConfigurationInvalid).problems.map((p) => p.variable).sort();
      expect(variables).toEqual(['DATABASE_URL', 'PORT', 'QUEUE_PREFIX']);
      expect((error as ConfigurationInvalid).message).toContain('postgres://');
    }
  });

  it('needs an issuer when an external JWKS is configured', () => {
    expect(() => loadConfig({ AUTH_JWKS_URL: 'https://idp.example/jwks' })).toThrow(/AUTH_ISSUER/);
    const config = loadConfig({ AUTH_JWKS_URL: 'https://idp.example/jwks', AUTH_ISSUER: 'https://idp.example' });
    expect(config.auth.issuer).toBe('https://idp.example');
  });

  describe('OpenID Connect sign-in in the web app', () => {
    const provider = { AUTH_ISSUER: 'https://login.universitet.example', AUTH_JWKS_URL: 'https://login.universitet.example/jwks' };
    const problemsOf = (env: Record<string, string>) => {
      try {
        loadConfig(env);
        return [];
      } catch (error) {
        if (error instanceof ConfigurationInvalid) return error.problems.map((p) => p.variable).sort();
        throw error;
      }
    };

    it('is off unless a client id is configured', () => {
      expect(loadConfig(provider).auth.oidc).toBeUndefined();
    });

    it('asks for openid, profile and e-mail and sends the access token unless told otherwise', () => {
      expect(loadConfig({ ...provider, AUTH_OIDC_CLIENT_ID: 'flyt-web' }).auth.oidc).toEqual({
        clientId: 'flyt-web',
        scopes: ['openid', 'profile', 'email'],
        apiToken: 'access_token',
      });
      expect(
        loadConfig({
          ...provider,
          AUTH_OIDC_CLIENT_ID: 'flyt-web',
          AUTH_OIDC_SCOPES: 'openid email, groups',
          AUTH_OIDC_RESOURCE: 'https://flyt.universitet.example/api',
        }).auth.oidc,
      ).toEqual({ clientId: 'flyt-web', scopes: ['openid', 'email', 'groups'], resource: 'https://flyt.universitet.example/api', apiToken: 'access_token' });
    });

    it('needs the provider’s issuer as an address and its keys, so that the API accepts what the web app sends', () => {
      expect(problemsOf({ AUTH_OIDC_CLIENT_ID: 'flyt-web' })).toEqual(['AUTH_ISSUER', 'AUTH_JWKS_URL']);
      expect(problemsOf({ ...provider, AUTH_ISSUER: 'urn:universitet:login', AUTH_OIDC_CLIENT_ID: 'flyt-web' })).toEqual(['AUTH_ISSUER']);
    });

    it('refuses scopes without openid, a resource that is no URI, and an unknown token choice', () => {
      expect(problemsOf({ ...provider, AUTH_OIDC_CLIENT_ID: 'flyt-web', AUTH_OIDC_SCOPES: 'profile email' })).toEqual(['AUTH_OIDC_SCOPES']);
      expect(problemsOf({ ...provider, AUTH_OIDC_CLIENT_ID: 'flyt-web', AUTH_OIDC_RESOURCE: 'flyt api' })).toEqual(['AUTH_OIDC_RESOURCE']);
      expect(problemsOf({ ...provider, AUTH_OIDC_CLIENT_ID: 'flyt-web', AUTH_OIDC_API_TOKEN: 'refresh_token' })).toEqual(['AUTH_OIDC_API_TOKEN']);
    });

    it('sends the ID token only when the API expects the client as the audience', () => {
      expect(problemsOf({ ...provider, AUTH_OIDC_CLIENT_ID: 'flyt-web', AUTH_OIDC_API_TOKEN: 'id_token' })).toEqual(['AUTH_AUDIENCE']);
      const config = loadConfig({ ...provider, AUTH_OIDC_CLIENT_ID: 'flyt-web', AUTH_OIDC_API_TOKEN: 'id_token', AUTH_AUDIENCE: 'flyt-web' });
      expect(config.auth.oidc?.apiToken).toBe('id_token');
      expect(config.auth.audience).toBe('flyt-web');
    });
  });

  it('places deadlines at 09:00 with no closed days and the machines\' own rules unless configured', () => {
    expect(loadConfig({}).deadlines).toEqual({ timeOfDay: '09:00', closedDays: [], rules: {}, moveLimit: 1 });
    const configured = loadConfig({
      DEADLINE_TIME_OF_DAY: '15:30',
      CALENDAR_CLOSED_DAYS: '12-24..12-31, 2026-07-06..2026-07-31,',
      DEADLINE_RULES: '{"responsibleReminder": {"seconds": 2}, "stepDue": {"dueDate": "localImprovement.stepDueOn", "fallback": {"workingDays": 3}}}',
      DEADLINE_MOVE_LIMIT: '2.5',
    });
    expect(configured.deadlines).toEqual({
      timeOfDay: '15:30',
      closedDays: ['12-24..12-31', '2026-07-06..2026-07-31'],
      rules: {
        responsibleReminder: { seconds: 2 },
        stepDue: { dueDate: 'localImprovement.stepDueOn', fallback: { workingDays: 3 } },
      },
      moveLimit: 2.5,
    });
  });

  it('refuses a deadline time, closed day or rule it cannot read, naming the variable and the delay', () => {
    const problems = (env: Record<string, string>) => {
      try {
        loadConfig(env);
      } catch (error) {
        if (error instanceof ConfigurationInvalid) return error.problems;
      }
      throw new Error('expected ConfigurationInvalid');
    };
    expect(problems({ DEADLINE_TIME_OF_DAY: '9' })).toEqual([{ variable: 'DEADLINE_TIME_OF_DAY', reason: expect.stringContaining('HH:MM') }]);
    expect(problems({ DEADLINE_TIME_OF_DAY: '24:00' })[0]!.variable).toBe('DEADLINE_TIME_OF_DAY');
    expect(problems({ CALENDAR_CLOSED_DAYS: '12-24..12-31,christmas' })).toEqual([
      { variable: 'CALENDAR_CLOSED_DAYS', reason: expect.stringContaining('MM-DD..MM-DD') },
    ]);
    expect(problems({ DEADLINE_RULES: '{responsibleReminder: 5}' })).toEqual([{ variable: 'DEADLINE_RULES', reason: expect.stringContaining('is not JSON') }]);
    expect(problems({ DEADLINE_RULES: '[]' })).toEqual([{ variable: 'DEADLINE_RULES', reason: expect.stringContaining('JSON object') }]);
    expect(problems({ DEADLINE_MOVE_LIMIT: '20' })).toEqual([{ variable: 'DEADLINE_MOVE_LIMIT', reason: 'at most 10 times the deadline’s own length' }]);
    expect(problems({ DEADLINE_RULES: '{"ownerEscalation": {"workingDays": 0}}' })).toEqual([
      { variable: 'DEADLINE_RULES', reason: 'rule for delay "ownerEscalation" (workingDays): at least 1 day' },
    ]);
    expect(problems({ DEADLINE_RULES: '{"reporterReminder": {"workingDays": 5}, "informationTimeout": {"weeks": 4}}' })).toEqual([
      { variable: 'DEADLINE_RULES', reason: expect.stringMatching(/^rule for delay "informationTimeout": expected \{"workingDays": n\}/) },
    ]);
    expect(problems({ DEADLINE_RULES: '{"stepDue": {"dueDate": "stepDueOn"}}' })[0]!.reason).toContain('"stepDue"');
  });

  it('discounts cost-benefit at the public-sector real rate of 4 % unless configured', () => {
    expect(loadConfig({}).costBenefit.discountRate).toBe(0.04);
    expect(loadConfig({ COST_BENEFIT_DISCOUNT_RATE: '0.025' }).costBenefit.discountRate).toBe(0.025);
    expect(() => loadConfig({ COST_BENEFIT_DISCOUNT_RATE: '4' })).toThrow(/COST_BENEFIT_DISCOUNT_RATE/);
  });

  it('keeps a case local up to 6 months and NOK 1.5 million unless configured', () => {
    expect(loadConfig({}).localImprovement).toEqual({ maxMonths: 6, maxCostNok: 1_500_000 });
    expect(loadConfig({ LOCAL_IMPROVEMENT_MAX_MONTHS: '12', LOCAL_IMPROVEMENT_MAX_COST_NOK: '750000' }).localImprovement).toEqual({ maxMonths: 12, maxCostNok: 750_000 });
    const problems = (env: Record<string, string>) => {
      try {
        loadConfig(env);
      } catch (error) {
        if (error instanceof ConfigurationInvalid) return error.problems;
      }
      throw new Error('expected ConfigurationInvalid');
    };
    expect(problems({ LOCAL_IMPROVEMENT_MAX_MONTHS: '6.5' })).toEqual([{ variable: 'LOCAL_IMPROVEMENT_MAX_MONTHS', reason: 'whole months, e.g. 6' }]);
    expect(problems({ LOCAL_IMPROVEMENT_MAX_MONTHS: '0' })).toEqual([{ variable: 'LOCAL_IMPROVEMENT_MAX_MONTHS', reason: 'at least 1 month' }]);
    expect(problems({ LOCAL_IMPROVEMENT_MAX_COST_NOK: '-1' })).toEqual([{ variable: 'LOCAL_IMPROVEMENT_MAX_COST_NOK', reason: 'at least 0' }]);
    expect(problems({ LOCAL_IMPROVEMENT_MAX_COST_NOK: 'mye' })[0]!.variable).toBe('LOCAL_IMPROVEMENT_MAX_COST_NOK');
  });

  it('lets a mandate run at most 4 years unless configured, and never 25 years or more', () => {
    expect(loadConfig({}).mandates).toEqual({ maxYears: 4 });
    expect(loadConfig({ MANDATE_MAX_YEARS: '6' }).mandates).toEqual({ maxYears: 6 });
    const problems = (value: string) => {
      try {
        loadConfig({ MANDATE_MAX_YEARS: value });
      } catch (error) {
        if (error instanceof ConfigurationInvalid) return error.problems;
      }
      throw new Error('expected ConfigurationInvalid');
    };
    expect(problems('30')).toEqual([{ variable: 'MANDATE_MAX_YEARS', reason: 'at most 25 years, the longest mandate the database accepts' }]);
    expect(problems('0')).toEqual([{ variable: 'MANDATE_MAX_YEARS', reason: 'at least 1 year' }]);
    expect(problems('2.5')).toEqual([{ variable: 'MANDATE_MAX_YEARS', reason: 'whole years, e.g. 4' }]);
    expect(problems('four')[0]!.variable).toBe('MANDATE_MAX_YEARS');
  });

  it('mails notifications through a local SMTP server at 07:00 Oslo time unless configured', () => {
    expect(loadConfig({}).notifications).toEqual({
      smtpUrl: 'smtp://127.0.0.1:1025',
      mailFrom: 'Flyt <flyt@universitet.example>',
      digestTime: { hour: 7, minute: 0 },
      appUrl: 'http://127.0.0.1:3000',
    });
    const configured = loadConfig({ SMTP_URL: 'smtps://flyt:pw@smtp.uni.no:465', DIGEST_TIME: '16:30', PUBLIC_URL: 'https://flyt.uni.no/' });
    expect(configured.notifications.digestTime).toEqual({ hour: 16, minute: 30 });
    expect(configured.notifications.appUrl).toBe('https://flyt.uni.no');
    expect(loadConfig({ APP_URL: 'https://app.flyt.uni.no' }).notifications.appUrl).toBe('https://app.flyt.uni.no');
    expect(() => loadConfig({ SMTP_URL: 'http://127.0.0.1:1025' })).toThrow(/SMTP_URL/);
    expect(() => loadConfig({ DIGEST_TIME: '7:00' })).toThrow(/DIGEST_TIME/);
  });

  it('relays the outbox every second in batches of 100, sweeps timers every minute and frees a dead worker\'s jobs after 30 s unless configured', () => {
    expect(loadConfig({}).worker).toEqual({ outboxPollMs: 1000, outboxBatchSize: 100, timerSweepEveryMs: 60_000, jobLockMs: 30_000 });
    expect(loadConfig({ OUTBOX_POLL_MS: '250', OUTBOX_BATCH_SIZE: '500', TIMER_SWEEP_EVERY_MS: '5000', JOB_LOCK_MS: '5000' }).worker).toEqual({
      outboxPollMs: 250,
      outboxBatchSize: 500,
      timerSweepEveryMs: 5000,
      jobLockMs: 5000,
    });
    expect(() => loadConfig({ OUTBOX_BATCH_SIZE: '0' })).toThrow(/OUTBOX_BATCH_SIZE/);
    // Below a second, a busy worker would lose its jobs to another while still running them.
    expect(() => loadConfig({ JOB_LOCK_MS: '500' })).toThrow(/JOB_LOCK_MS/);
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ PORT: '' }).http.port).toBe(3000);
  });

  it('hides passwords when printing a URL', () => {
    expect(redactUrl('postgres://flyt:hemmelig@127.0.0.1:5432/flyt')).toBe('postgres://flyt:***@127.0.0.1:5432/flyt');
  });
});
