import { createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Action } from './domain/actions.js';
import type { Principal } from './principal.js';

export const POLICY_METADATA = 'flyt:policy';

/**
 * Every route declares its policy. `public` routes need no token; an action is checked by the
 * auth guard before the handler runs, against the resource when the handler checks it itself
 * (`resource: true`: the guard only requires a signed-in user).
 */
export type RoutePolicy = { public: true } | { action: Action; resource?: true };

export const PublicRoute = () => SetMetadata(POLICY_METADATA, { public: true } satisfies RoutePolicy);

/** The action this route performs. With `{ resource: true }` the handler checks it against the resource it loads. */
export const Policy = (action: Action, options: { resource?: true } = {}) =>
  SetMetadata(POLICY_METADATA, { action, ...options } satisfies RoutePolicy);

export const CurrentPrincipal = createParamDecorator((_data: unknown, context: ExecutionContext): Principal => {
  const principal = context.switchToHttp().getRequest<{ principal?: Principal }>().principal;
  if (!principal) throw new Error('CurrentPrincipal used on a route without authentication');
  return principal;
});
