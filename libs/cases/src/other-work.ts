import type { Principal } from '#flyt/access';

/**
 * What waits for a user in workflows other than cases (a priority round's ballot, a
 * recommendation to approve), as their libs report it. The inbox lists it beside the cases; a lib
 * provides it under OTHER_WORK without the cases lib knowing its tables.
 */
export interface OtherWorkItem {
  workflowId: string;
  instanceId: string;
  reference: string;
  title: string;
  state: string;
  stateLabel: { nb: string; en: string };
  /** What the user is to do, in words. */
  task: { nb: string; en: string };
  /** When it must be done by, if anything says so. */
  dueAt: string | null;
  /** Where people open it, under APP_URL. */
  path: string;
}

export interface OtherWorkSource {
  itemsFor(principal: Principal): Promise<OtherWorkItem[]>;
}

export const OTHER_WORK = Symbol('OTHER_WORK');
