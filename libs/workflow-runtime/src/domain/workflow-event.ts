/**
 * The shape of every event a Flyt machine receives. The runtime, not the client, fills in
 * `actor` and `facts`: who sends it with which roles *for this instance, right now*, and the
 * facts about the instance's data that guards need. Both are stored with the event, so a replay
 * takes the same transitions.
 */
export interface WorkflowEvent<TType extends string = string, TPayload = unknown, TFacts = Record<string, unknown>> {
  type: TType;
  payload: TPayload;
  actor: WorkflowActor;
  facts: TFacts;
}

/** Who sends an event, with the roles they hold for the instance at this moment. */
export interface WorkflowActor {
  /** null for the system itself (timers, other workflows). */
  userId: string | null;
  /** Role names from the machine's own vocabulary (`MachineRegistration.roles`). */
  roles: readonly string[];
}

/** How a role was held when it was used: recorded in the event log with the decision. */
export interface AuthorityGrant {
  role: string;
  /** A sentence for people: "process responsible for Saksbehandling, by mandate until 2027-06-30". */
  basis: string;
  /** Whatever identifies the grant: role assignment id, mandate id, absence id. */
  reference?: Record<string, string>;
}

export const SYSTEM_ROLE = 'system';

export const systemActor = (): WorkflowActor => ({ userId: null, roles: [SYSTEM_ROLE] });
