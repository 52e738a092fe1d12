import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Queue } from 'bullmq';
import type { NextFunction, Request, Response } from 'express';
import type { Redis } from 'ioredis';
import { decideAction } from '#flyt/access';
import type { FlytConfig } from '#flyt/config';
import { PROBLEM_CONTENT_TYPE, problemType, requestIdOf } from '#flyt/http';
import { AuthenticationService } from '#flyt/identity';
import { DomainError, NotPermitted, Unauthenticated } from '#flyt/kernel';
import { QUEUE_NAMES, REDIS } from '#flyt/queue';

export const QUEUE_DASHBOARD_PATH = '/admin/queues';
/** Browsers cannot send a bearer header when they open the dashboard: they may carry the token in this cookie. */
export const TOKEN_COOKIE = 'flyt_token';

function tokenOf(request: Request): string | undefined {
  if (request.headers.authorization) return request.headers.authorization;
  const cookie = (request.headers.cookie ?? '')
    .split(';')
    .map((part) => part.trim())
    .find((part) => part.startsWith(`${TOKEN_COOKIE}=`));
  if (!cookie) return undefined;
  try {
    return `Bearer ${decodeURIComponent(cookie.slice(TOKEN_COOKIE.length + 1))}`;
  } catch {
    // A cookie that is not even percent-encoded text holds no token: the caller is not signed in.
    throw new Unauthenticated(`The ${TOKEN_COOKIE} cookie does not hold a token; sign in again`);
  }
}

/** Outside Nest's routes the global filter does not run: the refusal is written as the same problem+json. */
function refuse(request: Request, response: Response, error: DomainError & { code: string }): void {
  const status = error instanceof Unauthenticated ? 401 : 403;
  if (status === 401) response.setHeader('WWW-Authenticate', 'Bearer');
  response
    .status(status)
    .type(PROBLEM_CONTENT_TYPE)
    .send(
      JSON.stringify({
        type: problemType(error.code),
        title: status === 401 ? 'Authentication required' : 'Not permitted',
        status,
        detail: error.message,
        instance: request.originalUrl,
        requestId: requestIdOf(request),
        ...(error instanceof NotPermitted ? { action: error.action, requiredRoles: error.requiredRoles } : {}),
      }),
    );
}

/**
 * Bull Board at /admin/queues: every queue of Flyt, for admins (the global admin role) only.
 * It shares the API's Redis connection, so it opens none of its own and closes with the app.
 */
export function mountQueueDashboard(app: NestExpressApplication, config: FlytConfig): void {
  const redis = app.get<Redis>(REDIS, { strict: false });
  const authentication = app.get(AuthenticationService, { strict: false });
  const board = new ExpressAdapter();
  board.setBasePath(QUEUE_DASHBOARD_PATH);
  createBullBoard({
    queues: QUEUE_NAMES.map((name) => {
      const queue = new Queue(name, { connection: redis, prefix: config.queue.prefix });
      // A Redis outage shows in /health and in the dashboard's own failing requests, not as raw console errors.
      queue.on('error', () => undefined);
      return new BullMQAdapter(queue);
    }),
    // @bull-board/express 9.10.1 brings its own @bull-board/api 9.10.1: same shape, separate declarations.
    serverAdapter: board as unknown as Parameters<typeof createBullBoard>[0]['serverAdapter'],
  });
  const adminOnly = (request: Request, response: Response, next: NextFunction) => {
    // Started in a promise so that a refusal while reading the token is answered like any other.
    Promise.resolve()
      .then(() => authentication.principalFor(tokenOf(request)))
      .then((principal) => {
        const decision = decideAction(principal, 'queues.manage');
        if (!decision.allowed) throw new NotPermitted('open the queue dashboard', decision.requiredRoles);
        next();
      })
      .catch((error: unknown) => (error instanceof Unauthenticated || error instanceof NotPermitted ? refuse(request, response, error) : next(error)));
  };
  app.use(QUEUE_DASHBOARD_PATH, adminOnly, board.getRouter());
}
