import { startTestApi, type TestApi } from '../support/test-api.js';
import { TcpProxy } from '../support/tcp-proxy.js';

function viaProxy(url: string, port: number): string {
  const parsed = new URL(url);
  parsed.hostname = '127.0.0.1';
  parsed.port = String(port);
  return parsed.toString();
}

describe('/health', () => {
  const postgresProxy = new TcpProxy({ host: '127.0.0.1', port: 5432 });
  const redisProxy = new TcpProxy({ host: '127.0.0.1', port: 6379 });
  let api: TestApi;

  beforeAll(async () => {
    const [pgPort, redisPort] = await Promise.all([postgresProxy.start(), redisProxy.start()]);
    api = await startTestApi((config) => ({
      ...config,
      database: { ...config.database, url: viaProxy(config.database.url, pgPort) },
      redis: { url: viaProxy(config.redis.url, redisPort) },
    }));
  });
  afterAll(async () => {
    postgresProxy.restore();
    redisProxy.restore();
    await api.close();
    await Promise.all([postgresProxy.stop(), redisProxy.stop()]);
  });

  it('answers ok when PostgreSQL and Redis answer, without a token', async () => {
    const response = await api.http.get('/health');
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ status: 'ok', checks: { postgres: { status: 'up' }, redis: { status: 'up' } } });
    expect(response.body.worker).toMatchObject({ status: 'down', lastHeartbeatAt: null });
  });

  it('answers 503 naming PostgreSQL when PostgreSQL is unreachable, and ok again when it is back', async () => {
    postgresProxy.cut();
    const down = await api.http.get('/health');
    expect(down.status).toBe(503);
    expect(down.body.status).toBe('unavailable');
    expect(down.body.checks.postgres.status).toBe('down');
    expect(down.body.checks.redis.status).toBe('up');

    postgresProxy.restore();
    const up = await api.http.get('/health');
    expect(up.status).toBe(200);
  });

  it('answers 503 naming Redis when Redis is unreachable', async () => {
    redisProxy.cut();
    const down = await api.http.get('/health');
    expect(down.status).toBe(503);
    expect(down.body.checks.redis.status).toBe('down');
    expect(down.body.checks.postgres.status).toBe('up');
    redisProxy.restore();
  });
});
