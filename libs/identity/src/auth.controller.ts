import { Body, Controller, Get, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { z } from 'zod';
import { PublicRoute } from '#flyt/access';
import { FLYT_CONFIG, type FlytConfig } from '#flyt/config';
import { ApiAnswer, ApiProblems } from '#flyt/http';
import { InputInvalid, NotFound } from '#flyt/kernel';
import { AuthorityService } from '#flyt/organisation';
import { DEV_LOGIN, DEV_TOKEN, JWKS, SIGN_IN_OPTIONS, type SignInOptionsView } from './auth.dto.js';
import { DevSigningKeyService } from './dev-signing-key.service.js';
import { SignInOptionsService } from './sign-in-options.service.js';
import { TokenVerifierService } from './token-verifier.service.js';

@ApiTags('auth')
@Controller('api/auth')
export class AuthController {
  constructor(
    @Inject(FLYT_CONFIG) private readonly config: FlytConfig,
    private readonly tokens: TokenVerifierService,
    private readonly devKeys: DevSigningKeyService,
    private readonly authority: AuthorityService,
    private readonly signInOptions: SignInOptionsService,
  ) {}

  @Get('sign-in-options')
  @PublicRoute()
  @ApiOperation({
    summary: 'How people sign in here: the people of dev login, grouped by role, and the OpenID Connect provider',
    description:
      'For the web app’s sign-in page, before anyone is signed in. `devLogin` is null when dev login is off (always in production); ' +
      'otherwise it lists a few people per role they hold today (role assignments and mandates; people without a role as employees), ' +
      'the demo organisation’s personas first, each person once. `oidc` is null unless AUTH_OIDC_CLIENT_ID is set.',
  })
  @ApiAnswer(200, SIGN_IN_OPTIONS, 'The ways to sign in')
  signInOptionsOf(): Promise<SignInOptionsView> {
    return this.signInOptions.options();
  }

  @Post('dev-login')
  @HttpCode(200)
  @PublicRoute()
  @ApiOperation({
    summary: 'Sign in as any active user by e-mail, without a password (demo and tests only)',
    description: 'Off when NODE_ENV=production or AUTH_DEV_LOGIN=false; the route then answers 404.',
  })
  @ApiAnswer(200, DEV_TOKEN, 'A bearer token for the user')
  @ApiProblems(400, 404)
  async devLogin(@Body({ schema: DEV_LOGIN }) body: z.infer<typeof DEV_LOGIN>) {
    this.assertDevLoginEnabled();
    const user = await this.authority.findActiveUserBy({ email: body.email });
    if (!user) throw new InputInvalid([{ field: 'email', reason: 'no active Flyt user has this e-mail' }]);
    const { token, expiresAt } = await this.tokens.signDevToken(user);
    return { token, expiresAt: expiresAt.toISOString(), tokenType: 'Bearer' as const };
  }

  @Get('dev-jwks')
  @PublicRoute()
  @ApiOperation({ summary: 'The public key that dev-login tokens are signed with (JWKS)' })
  @ApiAnswer(200, JWKS, 'The key set')
  @ApiProblems(404)
  async devJwks() {
    this.assertDevLoginEnabled();
    return { keys: [(await this.devKeys.current()).publicJwk] };
  }

  private assertDevLoginEnabled(): void {
    if (!this.config.auth.devLogin.enabled) throw new NotFound('route', 'dev-login');
  }
}
