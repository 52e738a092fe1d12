import type { FlytConfig } from '#flyt/config';
import { buildDemoOrganisation, DEMO_PROCESS_CODES, type DemoOrganisation, loadDemoData } from '#flyt/demo-data';
import { osloDay } from '#flyt/kernel';
import { type SendOutcome, systemActor, WorkflowReplay, WorkflowRuntime } from '#flyt/workflow-runtime';
import type { ApiOptions } from '../../apps/api/src/api.module.js';
import { startTestApi, type TestApi } from '../support/test-api.js';

/**
 * A complete assessment: 1 MNOK to build, 400 kNOK a year saved, 100 kNOK a year to run, over 5
 * years; 6 months to introduce, within the unit. Right at the thresholds for a local improvement
 * (6 months, NOK 1 500 000 in all), crossing none.
 */
export const COMPLETE_COST_BENEFIT = {
  values: [
    { description: 'Mindre manuell registrering av saker', nature: 'direct', kind: 'efficiency', priced: true, yearlyAmountNok: 400_000, yearlyHours: 800 },
    { description: 'Raskere svar til studentene', nature: 'indirect', kind: 'gainsForOthers', priced: false },
  ],
  costs: { oneOff: [{ description: 'Innføring', amountNok: 1_000_000 }], yearly: [{ description: 'Drift og lisens', amountNok: 100_000 }] },
  costShifts: [],
  contributors: [
    { name: 'Knut Olsen', level: 'unit' },
    { name: 'Ingrid Sæther', level: 'central' },
  ],
  horizonYears: 5,
  durationMonths: 6,
  needsResourcesOutsideUnit: false,
};

/** A priority round's decisions, as libs/portfolio sends them on the rector's approval (docs/domain.md). */
export const ROUND_DECISION = {
  PRIORITISE: {
    roundId: '7d0c1f6e-2b1a-4c3e-9f00-000000002027',
    roundTitle: 'Utviklingsplan 2027',
    score: 3.9,
    explanation: 'Valgt, med poengsum 3,9.',
    allocation: { amountNok: 1_100_000, byYear: [{ year: 2027, amountNok: 1_000_000 }, { year: 2028, amountNok: 100_000 }] },
  },
  DEFER: {
    roundId: '7d0c1f6e-2b1a-4c3e-9f00-000000002027',
    roundTitle: 'Utviklingsplan 2027',
    score: 2.4,
    explanation: 'Ikke med: rammen for 2027 er brukt opp.',
    reason: 'Ikke med i porteføljen til Utviklingsplan 2027; venter på neste prioriteringsrunde.',
  },
  DECLINE: {
    roundId: '7d0c1f6e-2b1a-4c3e-9f00-000000002027',
    roundTitle: 'Utviklingsplan 2027',
    score: null,
    explanation: 'Ikke med: ingen i programrådet kunne stemme på den.',
    reason: 'Utenfor programmets mandat.',
  },
} as const;
export type RoundDecisionType = keyof typeof ROUND_DECISION;

/**
 * Delivers a round's decision to a case as the outbox relay does: through the runtime, as Flyt
 * itself, the facts read by the case's own hook. Only a priority round prioritises, defers or
 * declines a case, and a round is more than these tests need.
 */
export function sendAsRound(runtime: WorkflowRuntime, caseId: string, type: RoundDecisionType, payload: object = ROUND_DECISION[type]): Promise<SendOutcome> {
  return runtime.send({ instanceId: caseId, type, payload, actor: systemActor(), grants: [] });
}

export interface CaseApi {
  api: TestApi;
  demo: DemoOrganisation;
  unitId(code: string): string;
  processId(code: string): string;
  as(email: string): Promise<Caller>;
  /** Rows in the tables a case writes to, to prove a refusal wrote nothing. */
  footprint(): Promise<Record<string, number>>;
  /** A priority round's decision delivered to the case (`sendAsRound`). */
  decideAsRound(caseId: string, type: RoundDecisionType, payload?: object): Promise<SendOutcome>;
  /** Rebuilds every case of this test database from its event log: how many, and which differ from the stored snapshot. */
  replayAll(): Promise<{ checked: number; mismatched: string[] }>;
  close(): Promise<void>;
}

type Response = Awaited<ReturnType<TestApi['http']['get']>>;

/** The parts of a case body the tests read. */
export interface CaseBody {
  id: string;
  reference: string;
  revision: number;
  state: string;
  myRoles: string[];
  allowedEvents: { type: string; payloadSchema: Record<string, unknown> }[];
  [field: string]: unknown;
}

export interface Caller {
  get(path: string, query?: Record<string, string | string[]>): Promise<Response>;
  post(path: string, body?: object): Promise<Response>;
  patch(path: string, body: object): Promise<Response>;
  /** Reports a case and answers its body; fails the test unless it is created. */
  report(fields?: Partial<Record<string, unknown>>): Promise<CaseBody>;
  /** Sends an event and answers the response. */
  send(caseId: string, type: string, payload?: object, extra?: object): Promise<Response>;
}

/**
 * The API on a fresh database with the demo organisation; `options` to run other workflows (or
 * versions) than the installed ones, `overrides` to configure it otherwise than by default.
 */
export async function startCaseApi(options: ApiOptions = {}, overrides?: (config: FlytConfig) => FlytConfig): Promise<CaseApi> {
  const api = await startTestApi(overrides, options);
  const today = osloDay(new Date());
  await loadDemoData(api.db, today);
  const demo = buildDemoOrganisation(today);
  const unitId = (code: string) => demo.units.find((u) => u.code === code)!.id;
  const processId = (code: string) => demo.processes.find((p) => p.code === code)!.id;
  return {
    api,
    demo,
    unitId,
    processId,
    async as(email) {
      const token = await api.tokenFor(email);
      const caller: Caller = {
        get: (path, query) => api.http.get(path).query(query ?? {}).auth(token, { type: 'bearer' }),
        post: (path, body) => api.http.post(path).auth(token, { type: 'bearer' }).send(body ?? {}),
        patch: (path, body) => api.http.patch(path).auth(token, { type: 'bearer' }).send(body),
        async report(fields = {}) {
          const response = await caller.post('/api/cases', {
            title: 'Digital signering av vedtak',
            problem: 'Vedtak skrives ut, signeres for hånd og skannes inn igjen.',
            description: 'Alle vedtak i instituttets saksbehandling.',
            processId: processId(DEMO_PROCESS_CODES.caseHandling),
            reportingUnitId: unitId('NV-IFI'),
            significantItComponent: true,
            strategicGoals: [2, 9],
            estimatedSize: 'medium',
            ...fields,
          });
          if (response.status !== 201) throw new Error(`reporting failed: ${response.status} ${JSON.stringify(response.body)}`);
          return response.body;
        },
        send: (caseId, type, payload = {}, extra = {}) => caller.post(`/api/cases/${caseId}/events`, { type, payload, ...extra }),
      };
      return caller;
    },
    async footprint() {
      const counts: Record<string, number> = {};
      for (const table of ['improvement_case', 'case_comment', 'workflow_instance', 'workflow_event', 'workflow_outbox', 'workflow_timer']) {
        const [{ count }] = await api.db.query(`SELECT count(*)::int AS count FROM ${table}`);
        counts[table] = count;
      }
      return counts;
    },
    decideAsRound: (caseId, type, payload) => sendAsRound(api.app.get(WorkflowRuntime), caseId, type, payload),
    replayAll: () => api.app.get(WorkflowReplay).replayAll('improvement-case'),
    close: () => api.close(),
  };
}
