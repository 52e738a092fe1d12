import type { NextFunction, Request, Response } from 'express';
import { DomainError } from '#flyt/kernel';

/** The media types of the bodies Flyt reads; the JSON parser is configured with the same list. */
export const JSON_MEDIA_TYPES = ['application/json', 'application/*+json'];

/** A body in a media type Flyt does not read (415). */
export class MediaTypeUnsupported extends DomainError {
  readonly code = 'unsupported_media_type';
  constructor(received: string | undefined) {
    super(
      `The body must be JSON, sent with Content-Type: application/json (or another application/*+json type); ${
        received ? `this request sent ${received}` : 'this request named no content type'
      }.`,
    );
    this.details.acceptedMediaTypes = JSON_MEDIA_TYPES;
  }
}

function hasBody(request: Request): boolean {
  const length = request.headers['content-length'];
  return request.headers['transfer-encoding'] !== undefined || (length !== undefined && Number(length) > 0);
}

/**
 * The JSON parser skips a body of any other type, so the handler saw no body and the schema
 * answered "expected object", as if the caller had sent nothing. A body that is there but not JSON
 * is refused as such, whichever route it is for: every body Flyt reads is JSON.
 */
export function requireJsonBody(request: Request, _response: Response, next: NextFunction): void {
  if (hasBody(request) && !request.is(JSON_MEDIA_TYPES)) {
    next(new MediaTypeUnsupported(request.headers['content-type']));
    return;
  }
  next();
}
