import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { assertAllowed, POLICY_METADATA, type Principal, type RoutePolicy } from '#flyt/access';
import { AuthenticationService } from './authentication.service.js';

/** Runs before every route: authenticates the caller and enforces the policy the route declares. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly authentication: AuthenticationService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const policy = this.reflector.getAllAndOverride<RoutePolicy | undefined>(POLICY_METADATA, [context.getHandler(), context.getClass()]);
    // RoutePolicyAudit refuses to start an app with an undeclared route; this is the last line.
    if (!policy) throw new Error(`Route ${context.getClass().name}.${context.getHandler().name} declares no policy`);
    if ('public' in policy) return true;
    const request = context.switchToHttp().getRequest<{ headers: Record<string, string | undefined>; principal?: Principal }>();
    const principal = await this.authentication.principalFor(request.headers.authorization);
    request.principal = principal;
    if (!policy.resource) assertAllowed(principal, policy.action);
    return true;
  }
}
