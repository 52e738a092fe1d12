import { assertPostgresReachable, assertRedisReachable, ServerUnreachable } from './server-reachability.js';

describe('start-up reachability checks', () => {
  it('pass against the running servers', async () => {
    await expect(assertPostgresReachable('postgres://postgres@127.0.0.1:5432/does_not_exist_yet')).resolves.toBeUndefined();
    await expect(assertRedisReachable('redis://127.0.0.1:6379')).resolves.toBeUndefined();
  });

  it('say in one line that PostgreSQL is down, where, and how to start it', async () => {
    const error = await assertPostgresReachable('postgres://postgres@127.0.0.1:1/flyt', 1000).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServerUnreachable);
    const message = (error as Error).message;
    expect(message).toMatch(/^PostgreSQL is not reachable at 127\.0\.0\.1:1 \(ECONNREFUSED\)\. /);
    expect(message).toContain('pg_ctlcluster --skip-systemctl-redirect');
    expect(message).not.toContain('\n');
  });

  it('say in one line that Redis is down, where, and how to start it', async () => {
    const error = await assertRedisReachable('redis://127.0.0.1:1', 1000).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServerUnreachable);
    const message = (error as Error).message;
    expect(message).toMatch(/^Redis is not reachable at 127\.0\.0\.1:1 \(ECONNREFUSED\)\. /);
    expect(message).toContain('redis-server --daemonize yes');
    expect(message).not.toContain('\n');
  });

  it('hide the database password in the message', async () => {
    const error = await assertPostgresReachable('postgres://flyt:hemmelig@127.0.0.1:1/flyt', 1000).catch((e: unknown) => e);
    expect((error as Error).message).not.toContain('hemmelig');
  });
});
