import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestApi, type TestApi } from '../support/test-api.js';

/**
 * The API serves the built web app from its own address (WEB_APP_DIR): the files as they are, the
 * app's page for any other page a browser opens, and never in the way of the API, the OpenAPI
 * description or the health check. Without a build, nothing is served at `/`.
 */
describe('serving the web app', () => {
  const dir = mkdtempSync(join(tmpdir(), 'flyt-web-'));
  let api: TestApi;
  let bare: TestApi;

  beforeAll(async () => {
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><html lang="nb"><title>Flyt</title><div id="root"></div></html>');
    writeFileSync(join(dir, 'assets', 'app-1a2b3c.js'), 'console.log("flyt");');
    api = await startTestApi((config) => ({ ...config, http: { ...config.http, webAppDir: dir } }));
    bare = await startTestApi((config) => ({ ...config, http: { ...config.http, webAppDir: join(dir, 'missing') } }));
  });
  afterAll(async () => {
    await Promise.all([api?.close(), bare?.close()]);
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers / and every page of the app with its index.html, never cached', async () => {
    for (const path of ['/', '/cases/7d0c1f6e-2b1a-4c3e-9f00-000000002027', '/inbox?limit=10', '/admin', '/admin/mandates/7d0c1f6e-2b1a-4c3e-9f00-000000002027']) {
      const page = await api.http.get(path).set('accept', 'text/html');
      expect({ path, status: page.status, type: page.headers['content-type'] }).toEqual({ path, status: 200, type: expect.stringContaining('text/html') });
      expect(page.text).toContain('<div id="root">');
      expect(page.headers['cache-control']).toBe('no-cache');
    }
  });

  it('serves fingerprinted assets to be cached for a year', async () => {
    const asset = await api.http.get('/assets/app-1a2b3c.js');
    expect(asset.status).toBe(200);
    expect(asset.headers['content-type']).toContain('javascript');
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('leaves the API, its description and the health check alone', async () => {
    const unknown = await api.http.get('/api/nothing-here').set('accept', 'text/html');
    expect(unknown.status).toBe(404);
    expect(unknown.headers['content-type']).toContain('application/problem+json');
    expect((await api.http.get('/docs-json')).body.info.title).toBe('Flyt API');
    expect((await api.http.get('/health')).status).not.toBe(404);
    // The queue dashboard is the API's, though the web app's admin pages live beside it.
    const queues = await api.http.get('/admin/queues').set('accept', 'text/html');
    expect(queues.text ?? '').not.toContain('<div id="root">');
    // A client that asks for JSON gets no page for a path the API does not know.
    expect((await api.http.get('/cases/1').set('accept', 'application/json')).status).toBe(404);
  });

  it('serves nothing at / when the web app is not built', async () => {
    expect((await bare.http.get('/').set('accept', 'text/html')).status).toBe(404);
  });
});
