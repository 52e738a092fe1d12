import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { NestExpressApplication } from '@nestjs/platform-express';
import helmet from 'helmet';
import type { Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import { z } from 'zod';
import type { FlytConfig } from '#flyt/config';
import { JSON_MEDIA_TYPES, requireJsonBody } from './json-body.js';
import { PROBLEM_SCHEMA } from './problem.js';
import { ProblemDetailsFilter } from './problem-details.filter.js';
import { REQUEST_ID_HEADER, requestIdFor } from './request-id.js';
import { createValidationPipe } from './validation.js';

/** Everything an HTTP app of Flyt has around its controllers. */
export function configureHttp(app: NestExpressApplication, config: FlytConfig, logger: Logger): void {
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  // The web app signs people in with the university's provider: it reads the provider's discovery document and exchanges the code there.
  const signInProvider = config.auth.oidc && config.auth.issuer ? [new URL(config.auth.issuer).origin] : [];
  app.use(
    helmet({
      // Swagger UI at /docs needs inline scripts and styles of its own.
      contentSecurityPolicy: {
        directives: {
          'script-src': ["'self'", "'unsafe-inline'"],
          'style-src': ["'self'", "'unsafe-inline'"],
          'img-src': ["'self'", 'data:'],
          'connect-src': ["'self'", ...signInProvider],
        },
      },
    }),
  );
  app.use(
    pinoHttp({
      logger,
      genReqId: (req, res) => {
        const id = requestIdFor(req);
        res.setHeader(REQUEST_ID_HEADER, id);
        return id;
      },
      customLogLevel: (_req, res, error) => (error || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'info' : 'debug'),
    }),
  );
  app.useBodyParser('json', { limit: config.http.bodyLimit, type: JSON_MEDIA_TYPES });
  app.use(requireJsonBody);
  app.useGlobalFilters(new ProblemDetailsFilter());
  app.useGlobalPipes(createValidationPipe());
  app.enableShutdownHooks();
  setUpApiDocs(app);
}

export function setUpApiDocs(app: INestApplication): void {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Flyt API')
      .setDescription(
        'Improvement requests, priority rounds and project gating. Authenticate with a bearer token from the ' +
          "university's OpenID Connect provider, or, outside production, from `POST /api/auth/dev-login`. " +
          'Errors are RFC 9457 problem+json.',
      )
      .setVersion('1')
      .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
      .build(),
  );
  document.components ??= {};
  document.components.schemas ??= {};
  const { $schema: _drop, ...problem } = z.toJSONSchema(PROBLEM_SCHEMA, { target: 'openapi-3.0' }) as Record<string, unknown>;
  document.components.schemas.Problem = problem;
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json', raw: ['json'] });
}
