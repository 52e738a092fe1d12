import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { exportJWK, generateKeyPair, importJWK, type JWK, type CryptoKey } from 'jose';
import { DataSource } from 'typeorm';

const PURPOSE = 'dev-login';
export const DEV_SIGNING_ALGORITHM = 'ES256';

export interface DevSigningKey {
  kid: string;
  privateKey: CryptoKey;
  /** Imported once: importing the JWK on every request cost a few per cent of the API's CPU under load. */
  publicKey: CryptoKey;
  publicJwk: JWK;
}

/**
 * The key that signs dev-login tokens. It lives in PostgreSQL so that every API process signs
 * and accepts the same tokens; the first process to need it creates it.
 */
@Injectable()
export class DevSigningKeyService {
  private key?: Promise<DevSigningKey>;

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  current(): Promise<DevSigningKey> {
    this.key ??= this.loadOrCreate().catch((error) => {
      this.key = undefined;
      throw error;
    });
    return this.key;
  }

  private async loadOrCreate(): Promise<DevSigningKey> {
    const { privateKey, publicKey } = await generateKeyPair(DEV_SIGNING_ALGORITHM, { extractable: true });
    const kid = randomUUID();
    const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: DEV_SIGNING_ALGORITHM, use: 'sig' };
    const privateJwk = { ...(await exportJWK(privateKey)), kid, alg: DEV_SIGNING_ALGORITHM };
    // Several processes may start at once: the first insert wins and everybody reads the winner.
    await this.db.query(
      `INSERT INTO signing_key (kid, purpose, algorithm, private_jwk, public_jwk) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (purpose) DO NOTHING`,
      [kid, PURPOSE, DEV_SIGNING_ALGORITHM, privateJwk, publicJwk],
    );
    const [row] = await this.db.query(`SELECT kid, private_jwk, public_jwk FROM signing_key WHERE purpose = $1`, [PURPOSE]);
    return {
      kid: row.kid,
      privateKey: (await importJWK(row.private_jwk, DEV_SIGNING_ALGORITHM)) as CryptoKey,
      publicKey: (await importJWK(row.public_jwk, DEV_SIGNING_ALGORITHM)) as CryptoKey,
      publicJwk: row.public_jwk,
    };
  }
}
