import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Conflict, DomainError, InputInvalid, NotFound, NotPermitted } from '#flyt/kernel';
import { PROBLEM_CONTENT_TYPE, type Problem, problemType } from './problem.js';
import { requestIdOf } from './request-id.js';

const STATUS_BY_CODE: Record<string, number> = {
  input_invalid: HttpStatus.BAD_REQUEST,
  unauthenticated: HttpStatus.UNAUTHORIZED,
  not_permitted: HttpStatus.FORBIDDEN,
  not_found: HttpStatus.NOT_FOUND,
  conflict: HttpStatus.CONFLICT,
  revision_conflict: HttpStatus.CONFLICT,
  transition_rejected: HttpStatus.UNPROCESSABLE_ENTITY,
  idempotency_key_reused: HttpStatus.UNPROCESSABLE_ENTITY,
  unsupported_media_type: HttpStatus.UNSUPPORTED_MEDIA_TYPE,
};

const TITLE_BY_STATUS: Record<number, string> = {
  400: 'Invalid input',
  401: 'Authentication required',
  403: 'Not permitted',
  404: 'Not found',
  409: 'Conflict',
  413: 'Request body too large',
  415: 'Unsupported media type',
  422: 'Not allowed now',
  500: 'Internal error',
  503: 'Service unavailable',
};

/** The one place where errors become HTTP responses: RFC 9457 problem+json, logged once. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('http');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request>();
    const response = http.getResponse<Response>();
    const problem = this.toProblem(exception, request);
    if (problem.status >= 500) {
      this.logger.error({ requestId: problem.requestId, err: exception }, 'Request failed');
    }
    if (response.headersSent) return;
    if (problem.status === 401) response.setHeader('WWW-Authenticate', 'Bearer');
    response.status(problem.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem));
  }

  private toProblem(exception: unknown, request: Request): Problem {
    const base = { instance: request.originalUrl ?? request.url, requestId: requestIdOf(request) };
    if (exception instanceof DomainError) {
      const status = STATUS_BY_CODE[exception.code] ?? HttpStatus.INTERNAL_SERVER_ERROR;
      const problem: Problem = {
        type: problemType(exception.code),
        title: TITLE_BY_STATUS[status] ?? 'Error',
        status,
        detail: exception.message,
        ...base,
        ...exception.details,
      };
      if (exception instanceof InputInvalid) problem.errors = exception.errors;
      if (exception instanceof NotPermitted) {
        problem.action = exception.action;
        problem.requiredRoles = exception.requiredRoles;
      }
      if (exception instanceof NotFound) problem.resource = exception.resource;
      if (exception instanceof Conflict && exception.field) problem.errors = [{ field: exception.field, reason: exception.message }];
      return problem;
    }
    if (exception instanceof HttpException && exception.cause instanceof SyntaxError) {
      // The JSON body parser refused the body before any handler ran.
      return {
        type: problemType('input_invalid'),
        title: TITLE_BY_STATUS[400]!,
        status: 400,
        detail: `The body is not valid JSON: ${exception.cause.message}`,
        ...base,
        errors: [{ field: 'body', reason: 'not valid JSON' }],
      };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const body = exception.getResponse();
      const detail = typeof body === 'string' ? body : ((body as { message?: unknown }).message ?? exception.message);
      return {
        type: status === 404 ? problemType('not_found') : 'about:blank',
        title: TITLE_BY_STATUS[status] ?? exception.name,
        status,
        detail: Array.isArray(detail) ? detail.join('; ') : String(detail),
        ...base,
      };
    }
    return { type: 'about:blank', title: 'Internal error', status: 500, detail: 'An unexpected error occurred; it has been logged.', ...base };
  }
}
