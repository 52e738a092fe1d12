/** The source of "now". Injected so that rules about dates can be tested at any moment. */
export interface Clock {
  now(): Date;
}

export const SYSTEM_CLOCK: Clock = { now: () => new Date() };

export const CLOCK = Symbol('CLOCK');
