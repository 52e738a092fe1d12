import { Module } from '@nestjs/common';
import { APP_GUARD, DiscoveryModule } from '@nestjs/core';
import { CLOCK, SYSTEM_CLOCK } from '#flyt/kernel';
import { OrganisationModule } from '#flyt/organisation';
import { AuthController } from './auth.controller.js';
import { AuthGuard } from './auth.guard.js';
import { AuthenticationService } from './authentication.service.js';
import { DevSigningKeyService } from './dev-signing-key.service.js';
import { MeController } from './me.controller.js';
import { RoutePolicyAudit } from './route-policy.audit.js';
import { SignInOptionsService } from './sign-in-options.service.js';
import { TokenVerifierService } from './token-verifier.service.js';

/** Authentication (bearer JWTs, dev login) and the guard that enforces every route's policy. */
@Module({
  imports: [OrganisationModule, DiscoveryModule],
  controllers: [AuthController, MeController],
  providers: [
    { provide: CLOCK, useValue: SYSTEM_CLOCK },
    DevSigningKeyService,
    SignInOptionsService,
    TokenVerifierService,
    AuthenticationService,
    RoutePolicyAudit,
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [AuthenticationService, TokenVerifierService],
})
export class IdentityModule {}
