import { Global, Injectable, Module } from '@nestjs/common';
import type { Principal } from '#flyt/access';

/**
 * What waits for a user in workflows other than cases (a priority round's ballot, a
 * recommendation to approve), as their libs report it. The inbox lists it beside the cases; a lib
 * adds its source to OtherWorkSources without the cases lib knowing its tables.
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
  /** The page of the web app where people open it (a path under APP_URL). */
  path: string;
}

export interface OtherWorkSource {
  itemsFor(principal: Principal): Promise<OtherWorkItem[]>;
}

/**
 * Every lib's source of other work, gathered for the inbox: a lib's source adds itself when it is
 * made (`sources.add(this)` in its constructor), so the cases lib needs to know none of them.
 */
@Injectable()
export class OtherWorkSources implements OtherWorkSource {
  private readonly sources: OtherWorkSource[] = [];

  add(source: OtherWorkSource): void {
    this.sources.push(source);
  }

  async itemsFor(principal: Principal): Promise<OtherWorkItem[]> {
    return (await Promise.all(this.sources.map((source) => source.itemsFor(principal)))).flat();
  }
}

/** Global, so that every lib's module can add its source without importing the cases module. */
@Global()
@Module({ providers: [OtherWorkSources], exports: [OtherWorkSources] })
export class OtherWorkModule {}
