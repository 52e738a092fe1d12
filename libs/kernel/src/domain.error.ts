/** A field of the input and why it was refused. */
export interface FieldError {
  field: string;
  reason: string;
}

/**
 * Errors that domain code throws. They carry a stable code; the HTTP edge and the worker map
 * codes to responses and retries, so domain code never knows about HTTP.
 */
export abstract class DomainError extends Error {
  abstract readonly code: string;
  readonly details: Record<string, unknown> = {};

  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

export class InputInvalid extends DomainError {
  readonly code = 'input_invalid';
  constructor(readonly errors: FieldError[]) {
    super(errors.map((e) => `${e.field}: ${e.reason}`).join('; '));
  }
}

export class Unauthenticated extends DomainError {
  readonly code = 'unauthenticated';
}

export class NotPermitted extends DomainError {
  readonly code = 'not_permitted';
  constructor(
    readonly action: string,
    /** The roles, any one of which would have allowed the action, with their scope. */
    readonly requiredRoles: string[],
    message?: string,
  ) {
    super(message ?? `Not permitted to ${action}: requires one of ${requiredRoles.join(', ')}`);
  }
}

export class NotFound extends DomainError {
  readonly code = 'not_found';
  constructor(
    readonly resource: string,
    readonly id: string,
  ) {
    super(`${resource} ${id} was not found`);
  }
}

/** The request contradicts the data as it is now (a duplicate, a cycle, an ended record). */
export class Conflict extends DomainError {
  readonly code = 'conflict';
  constructor(
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

/** Someone else changed the resource first: the caller's revision is no longer the current one. */
export class RevisionConflict extends DomainError {
  readonly code = 'revision_conflict';
  constructor(
    readonly resource: string,
    readonly id: string,
    readonly currentRevision: number,
    expectedRevision?: number,
  ) {
    super(
      expectedRevision === undefined
        ? `${resource} ${id} was changed by someone else at the same moment; reload it (revision ${currentRevision}) and try again`
        : `${resource} ${id} is at revision ${currentRevision}, not ${expectedRevision}; reload it and try again`,
    );
    this.details.currentRevision = currentRevision;
  }
}

/** The event is not one that can happen in the resource's current state (or its data does not allow it yet). */
export class TransitionRejected extends DomainError {
  readonly code = 'transition_rejected';
  constructor(
    readonly eventType: string,
    readonly state: string,
    /** The events the caller may send now. */
    readonly allowedEvents: string[],
    reason?: string,
    /** The state as people call it; the message uses it instead of the state's code. */
    stateLabel?: string,
  ) {
    super(
      `${eventType} is not possible now (${stateLabel ?? state})${reason ? `: ${reason}` : ''}. ` +
        (allowedEvents.length ? `What you may do now: ${allowedEvents.join(', ')}.` : 'There is nothing you may do in it now.'),
    );
    this.details.state = state;
    this.details.allowedEvents = allowedEvents;
    if (reason) this.details.reason = reason;
  }
}

/**
 * An idempotency key already used for a different request (another event, payload or sender): the
 * first request's result stands, and this one is refused rather than silently answered with it.
 */
export class IdempotencyKeyReused extends DomainError {
  readonly code = 'idempotency_key_reused';
  constructor(
    readonly key: string,
    readonly firstUsedAt: string,
    /** What differs from the first request: `type`, `payload`, `sender`. */
    readonly differs: string[],
  ) {
    super(
      `The idempotency key "${key}" was first used at ${firstUsedAt} for a different request (another ${differs.join(', ')}). ` +
        'A repeated key must come with the same request; send a new request with a new key.',
    );
    this.details.idempotencyKey = key;
    this.details.firstUsedAt = firstUsedAt;
    this.details.differs = differs;
  }
}
