import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '#flyt/access';
import { CLOCK, type Clock, osloDay, Unauthenticated } from '#flyt/kernel';
import { AuthorityService } from '#flyt/organisation';
import { TokenVerifierService } from './token-verifier.service.js';

/** Turns a bearer token into the principal of a request: an active user and the grants in force today. */
@Injectable()
export class AuthenticationService {
  constructor(
    private readonly tokens: TokenVerifierService,
    private readonly authority: AuthorityService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async principalFor(authorization: string | undefined): Promise<Principal> {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
    if (!match) throw new Unauthenticated('Send a bearer token in the Authorization header');
    const identity = await this.tokens.verify(match[1]!);
    const day = osloDay(this.clock.now());
    const found = await this.authority.activeUserWithGrants('userId' in identity ? { id: identity.userId } : identity, day);
    if (!found) throw new Unauthenticated('The token names no active Flyt user');
    const { user, grants } = found;
    return { userId: user.id, email: user.email, name: user.name, unitId: user.unitId, grants, day };
  }
}
