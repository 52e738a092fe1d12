import { Inject, Injectable } from '@nestjs/common';
import { createRemoteJWKSet, errors, jwtVerify, SignJWT, type JWTPayload } from 'jose';
import { FLYT_CONFIG, type FlytConfig } from '#flyt/config';
import { Unauthenticated } from '#flyt/kernel';
import { DEV_SIGNING_ALGORITHM, DevSigningKeyService } from './dev-signing-key.service.js';

/** Who a verified token names: a Flyt user id (dev login) or a claim of the university's provider. */
export type TokenIdentity = { userId: string } | { email: string } | { externalSubject: string };

@Injectable()
export class TokenVerifierService {
  private readonly remoteKeys?: ReturnType<typeof createRemoteJWKSet>;

  constructor(
    @Inject(FLYT_CONFIG) private readonly config: FlytConfig,
    private readonly devKeys: DevSigningKeyService,
  ) {
    if (config.auth.jwksUrl) this.remoteKeys = createRemoteJWKSet(new URL(config.auth.jwksUrl));
  }

  async verify(token: string): Promise<TokenIdentity> {
    const { auth } = this.config;
    let issuer: string | undefined;
    try {
      const [, payload] = token.split('.');
      issuer = (JSON.parse(Buffer.from(payload ?? '', 'base64url').toString('utf8')) as JWTPayload).iss;
    } catch {
      throw new Unauthenticated('The bearer token is not a JWT');
    }
    try {
      if (auth.devLogin.enabled && issuer === auth.devLogin.issuer) {
        const key = await this.devKeys.current();
        const { payload } = await jwtVerify(token, key.publicKey, {
          issuer: auth.devLogin.issuer,
          audience: auth.audience,
          algorithms: [DEV_SIGNING_ALGORITHM],
        });
        if (!payload.sub) throw new Unauthenticated('The token names no user');
        return { userId: payload.sub };
      }
      if (this.remoteKeys && auth.issuer && issuer === auth.issuer) {
        const { payload } = await jwtVerify(token, this.remoteKeys, { issuer: auth.issuer, audience: auth.audience });
        const claim = payload[auth.userClaim];
        if (typeof claim !== 'string' || !claim) throw new Unauthenticated(`The token has no ${auth.userClaim} claim`);
        return auth.userClaim === 'email' ? { email: claim.toLowerCase() } : { externalSubject: claim };
      }
    } catch (error) {
      if (error instanceof Unauthenticated) throw error;
      if (error instanceof errors.JWTExpired) throw new Unauthenticated('The bearer token has expired');
      if (error instanceof errors.JOSEError) throw new Unauthenticated(`The bearer token was refused (${error.code})`);
      throw error;
    }
    throw new Unauthenticated('The bearer token comes from an issuer Flyt does not trust');
  }

  /** Signs a dev-login token for a Flyt user. */
  async signDevToken(user: { id: string; email: string; name: string }): Promise<{ token: string; expiresAt: Date }> {
    const { devLogin, audience } = this.config.auth;
    const key = await this.devKeys.current();
    const expiresAt = new Date(Date.now() + devLogin.tokenTtlSeconds * 1000);
    const token = await new SignJWT({ email: user.email, name: user.name })
      .setProtectedHeader({ alg: DEV_SIGNING_ALGORITHM, kid: key.kid, typ: 'JWT' })
      .setIssuer(devLogin.issuer)
      .setAudience(audience)
      .setSubject(user.id)
      .setIssuedAt()
      .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
      .sign(key.privateKey);
    return { token, expiresAt };
  }
}
