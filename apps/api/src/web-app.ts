import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import type { FlytConfig } from '#flyt/config';

/**
 * Paths the API itself answers: the web app never shadows them. The queue dashboard lives at
 * /admin/queues; every other /admin page is the web app's.
 */
const API_PATHS = /^\/(api|docs|docs-json|health|admin\/queues)(\/|$)/;

/**
 * Serves the built web app (README, "The web app") from the API's own address, so one URL is all a
 * person opens: its files as they are, and `index.html` for any other page a browser asks for
 * (`/cases/…`), since the app routes in the browser. Fingerprinted assets are cached for a year;
 * `index.html` never, so a new release is picked up at once.
 */
export function mountWebApp(app: NestExpressApplication, config: FlytConfig): boolean {
  const dir = resolve(process.cwd(), config.http.webAppDir);
  const index = resolve(dir, 'index.html');
  if (!existsSync(index)) return false;
  app.useStaticAssets(dir, {
    index: false,
    setHeaders: (res, path) => res.setHeader('cache-control', path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache'),
  });
  app.use((req: Request, res: Response, next: NextFunction) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || API_PATHS.test(req.path) || !req.accepts('html')) return next();
    res.setHeader('cache-control', 'no-cache');
    // Relative to its folder: `send` refuses any path with a dot-folder in it (a build kept under node_modules/.cache).
    res.sendFile('index.html', { root: dir });
  });
  return true;
}
