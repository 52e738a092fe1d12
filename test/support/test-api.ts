import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import type { FlytConfig } from '#flyt/config';
import { createTestEnvironment, Factories, type TestEnvironment } from '#flyt/testing';
import type { ApiOptions } from '../../apps/api/src/api.module.js';
import { createApiApp } from '../../apps/api/src/create-api-app.js';

export interface TestApi extends TestEnvironment {
  app: NestExpressApplication;
  http: ReturnType<typeof request>;
  factories: Factories;
  /** A bearer token for the user with this e-mail, through dev login. */
  tokenFor(email: string): Promise<string>;
  close(): Promise<void>;
}

/** The API in-process on its own fresh database and queue prefix; `options` to run other workflows than the installed ones. */
export async function startTestApi(overrides?: (config: FlytConfig) => FlytConfig, options: ApiOptions = {}): Promise<TestApi> {
  const env = await createTestEnvironment(overrides);
  const app = await createApiApp(env.config, options);
  await app.init();
  const http = request(app.getHttpServer());
  const tokens = new Map<string, string>();
  return {
    ...env,
    app,
    http,
    factories: new Factories(env.db),
    async tokenFor(email: string) {
      const cached = tokens.get(email);
      if (cached) return cached;
      const response = await http.post('/api/auth/dev-login').send({ email });
      if (response.status !== 200) throw new Error(`dev login as ${email} failed: ${response.status} ${JSON.stringify(response.body)}`);
      tokens.set(email, response.body.token);
      return response.body.token as string;
    },
    async close() {
      await app.close();
      await env.drop();
    },
  };
}
