import { createRootLogger, PinoNestLogger } from './pino-logger.js';

function capture(readable = false) {
  const lines: string[] = [];
  const logger = createRootLogger('debug', 'flyt-test', { destination: { write: (line: string) => lines.push(line) }, readable });
  return { logger, lines, text: () => lines.join('') };
}

describe('the root logger', () => {
  it('hides fields named like secrets at any depth, in errors too, and keeps the rest', () => {
    const { logger, text } = capture();
    const failure = Object.assign(new Error('the identity provider refused https://idp.example/token?client_secret=cs-1&grant=x'), {
      config: { headers: { Authorization: 'Basic dXNlcjpwdy0y' }, data: { password: 'pw-3' } },
    });
    logger.error(
      { err: failure, user: { email: 'a@b.no', settings: [{ apiKey: 'key-4' }, { nested: { DB_PASSWORD: 'pw-5', privateKey: 'pk-6' } }] } },
      'Sign-in failed for smtp://flyt:pw-7@smtp.uni.no:587 with Bearer tok-8',
    );
    const log = text();
    for (const secret of ['cs-1', 'dXNlcjpwdy0y', 'pw-3', 'key-4', 'pw-5', 'pk-6', 'pw-7', 'tok-8']) expect([secret, log.includes(secret)]).toEqual([secret, false]);
    const entry = JSON.parse(log);
    expect(entry.user.email).toBe('a@b.no');
    expect(entry.user.settings[1].nested).toEqual({ DB_PASSWORD: '[REDACTED]', privateKey: '[REDACTED]' });
    expect(entry.msg).toBe('Sign-in failed for smtp://flyt:[REDACTED]@smtp.uni.no:587 with Bearer [REDACTED]');
    expect(entry.err.message).toBe('the identity provider refused https://idp.example/token?client_secret=[REDACTED]&grant=x');
  });

  it('hides secrets that reach it through Nest’s logger and through a child’s bound context', () => {
    const { logger, text } = capture();
    new PinoNestLogger(logger).error({ msg: 'Job failed', job: { data: { resetToken: 'rt-1' } } }, 'worker');
    logger.child({ session: { cookie: 'flyt_token=ck-2' } }).warn('GET /api/me?access_token=at-3');
    const log = text();
    for (const secret of ['rt-1', 'ck-2', 'at-3']) expect([secret, log.includes(secret)]).toEqual([secret, false]);
  });

  it('writes a line a person can read on a terminal: time, level, service, message, request, fields; the stack below', () => {
    const { logger, text } = capture(true);
    logger.info({ req: { id: 'r-1', method: 'GET', url: '/api/units?token=t-1' }, res: { statusCode: 200 }, responseTime: 4 }, 'request completed');
    logger.error({ err: new Error('boom'), job: 'timer.fire' }, 'Job failed');
    const [request, error] = text().split(/(?<=\n)(?=\d{2}:)/);
    expect(request).toMatch(/^\d{2}:\d{2}:\d{2}\.\d{3} INFO {2}flyt-test request completed GET \/api\/units\?token=\[REDACTED\] → 200 in 4 ms requestId=r-1\n$/);
    expect(error).toMatch(/^\d{2}:\d{2}:\d{2}\.\d{3} ERROR flyt-test Job failed job=timer\.fire\n {4}Error: boom\n +at /);
  });

  it('keeps Nest’s account of wiring itself up for LOG_LEVEL=debug', () => {
    const lines: string[] = [];
    const logger = createRootLogger('info', 'flyt-test', { destination: { write: (line: string) => lines.push(line) } });
    new PinoNestLogger(logger).log('CasesModule dependencies initialized', 'InstanceLoader');
    new PinoNestLogger(logger).log('Outbox relay started', 'outbox');
    expect(lines.map((line) => JSON.parse(line).msg)).toEqual(['Outbox relay started']);
  });
});
