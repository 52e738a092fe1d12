import type { AnyStateMachine } from 'xstate';
import type { ZodType } from 'zod';

/**
 * A machine as the runtime knows it: pinned by id and version, with the role vocabulary its
 * guards check and the payload schema of every event a person or the system may send.
 */
export interface MachineRegistration<TMachine extends AnyStateMachine = AnyStateMachine> {
  id: string;
  version: number;
  machine: TMachine;
  roles: readonly string[];
  events: Readonly<Record<string, ZodType>>;
  /** What an instance is called in messages to people: "case". */
  resourceName?: string;
}
