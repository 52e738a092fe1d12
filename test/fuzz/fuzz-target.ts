import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ROLES, type Role } from '#flyt/access';
import { DEMO_PERSONA, DEMO_PROCESS_CODES, demoId, loadDemoData } from '#flyt/demo-data';
import { osloDay } from '#flyt/kernel';
import { childInstanceId, sqlOfManager, WorkflowRuntime } from '#flyt/workflow-runtime';
import { DataSource } from 'typeorm';
import { startTestApi, type TestApi } from '../support/test-api.js';
import { JsonSchemaValidator } from './json-schema-validator.js';
import { type JsonSchema, type OpenApiDocument, type Operation, operationsOf, SchemaResolver, undocumentedOperation } from './openapi-document.js';

/**
 * The API under fuzz: in-process on its own database with the demo organisation, listening on a
 * port of its own so that requests go over real HTTP with the bytes the fuzzer chooses. Besides
 * the demo organisation it holds material for every kind of path parameter: cases in several
 * states, notifications, dead outbox rows, absences, and organisation rows the fuzzer may end.
 */

export type Caller = Role | 'anonymous';
export const CALLERS: readonly Caller[] = [...ROLES, 'anonymous'];

export type ResourceKind = 'unit' | 'process' | 'user' | 'roleAssignment' | 'mandate' | 'absence' | 'case' | 'instance' | 'workflow' | 'outboxRow' | 'notification' | 'timer' | 'round' | 'scenario' | 'year' | 'project' | 'followUp' | 'artefactKind';
export const RESOURCE_KINDS: readonly ResourceKind[] = [
  'unit',
  'process',
  'user',
  'roleAssignment',
  'mandate',
  'absence',
  'case',
  'instance',
  'workflow',
  'outboxRow',
  'notification',
  'timer',
  'round',
  'scenario',
  'year',
  'project',
  'followUp',
  'artefactKind',
];

/** The kind of resource a path parameter names, read from the path segment before it. */
const KIND_BY_SEGMENT: Record<string, ResourceKind> = {
  units: 'unit',
  processes: 'process',
  users: 'user',
  'role-assignments': 'roleAssignment',
  mandates: 'mandate',
  absences: 'absence',
  cases: 'case',
  instances: 'instance',
  workflows: 'workflow',
  outbox: 'outboxRow',
  notifications: 'notification',
  deadlines: 'timer',
  rounds: 'round',
  // /api/rounds/{id}/candidates/{caseId} and …/conflicts/{caseId}
  candidates: 'case',
  conflicts: 'case',
  // /api/development-plans/{year}: a plan is named by its year
  'development-plans': 'year',
  // /api/reports/annual/{year}: so is an annual report
  annual: 'year',
  projects: 'project',
  'follow-ups': 'followUp',
  // /api/projects/{id}/artefacts/{kind}: an artefact is named by its kind
  artefacts: 'artefactKind',
};

export function kindOfPathParameter(path: string, name: string): ResourceKind | undefined {
  const segments = path.split('/');
  const at = segments.indexOf(`{${name}}`);
  return at > 0 ? KIND_BY_SEGMENT[segments[at - 1]] : undefined;
}

/** Which uuid-valued fields (body or query) name which kind of resource. */
const KIND_BY_FIELD: Record<string, ResourceKind> = {
  processId: 'process',
  unitId: 'unit',
  reportingUnitId: 'unit',
  parentId: 'unit',
  owningUnitId: 'unit',
  within: 'unit',
  userId: 'user',
  holderId: 'user',
  deputyId: 'user',
  delegatedBy: 'user',
  teamMemberIds: 'user',
  caseId: 'case',
  instanceId: 'instance',
  mandateId: 'mandate',
  absenceId: 'absence',
  memberIds: 'user',
  memberId: 'user',
  requires: 'case',
  mandatory: 'case',
  scenarioId: 'scenario',
  projectOwnerId: 'user',
  projectManagerId: 'user',
  ownerId: 'user',
  responsibleManagerId: 'user',
  benefitOwnerIds: 'user',
  contactUserId: 'user',
  operationsOwner: 'user',
};
export const kindOfField = (name: string | undefined): ResourceKind | undefined => (name ? KIND_BY_FIELD[name] : undefined);

export interface WorkflowEvent {
  type: string;
  payloadSchema: JsonSchema;
}

export interface HttpRequest {
  method: string;
  /** Path and query, encoded as they go on the request line. */
  target: string;
  headers: Record<string, string>;
  body?: Buffer;
  /** Send the body in chunks instead of with a content-length. */
  chunked?: boolean;
}

export interface HttpAnswer {
  /** 0 when no answer came. */
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  /** The parsed body when the answer says it is JSON. */
  json?: unknown;
  /** Why a body said to be JSON does not parse. */
  jsonError?: string;
  /** Why no answer came. */
  error?: string;
  ms: number;
}

export const ANSWER_TIMEOUT_MS = 30_000;

const ids = (rows: { id: unknown }[]) => rows.map((r) => String(r.id));
/** Only ids of this shape are looked up for the fuzzer's own bookkeeping; hostile ones go to the API alone. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export class FuzzTarget {
  readonly operations: Operation[];
  readonly resolver: SchemaResolver;
  readonly validator: JsonSchemaValidator;
  /** Real ids per kind, in a fixed order; `writable` leaves out what the personas stand on. */
  readonly pools: { all: Record<ResourceKind, string[]>; writable: Record<ResourceKind, string[]> } = {
    all: emptyPools(),
    writable: emptyPools(),
  };
  /** Path parameters that belong together: a case with one of its deadlines, a mandate with one of its absences. */
  readonly pairs: { caseTimer: [string, string][]; mandateAbsence: [string, string][] } = { caseTimer: [], mandateAbsence: [] };
  workflowEvents: WorkflowEvent[] = [];
  private readonly tokens = new Map<Role, string>();
  private readonly personas = new Map<Role, { user: string; unit: string }>();
  private readonly agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  private port = 0;
  private digestQuery = '';
  private sequence = 0;

  private constructor(
    readonly api: TestApi,
    readonly doc: OpenApiDocument,
    readonly today: string,
  ) {
    this.resolver = new SchemaResolver(doc);
    this.validator = new JsonSchemaValidator(doc);
    const documented = operationsOf(doc);
    const extra = [
      // Not Nest routes: the queue dashboard is mounted on Express beside them.
      undocumentedOperation('get', '/admin/queues'),
      undocumentedOperation('get', '/admin/queues/api/queues'),
      ...(documented.some((op) => op.key === 'GET /health') ? [] : [undocumentedOperation('get', '/health')]),
    ];
    this.operations = [...documented, ...extra];
  }

  static async start(): Promise<FuzzTarget> {
    const api = await startTestApi();
    let target: FuzzTarget | undefined;
    try {
      const today = osloDay(new Date());
      await loadDemoData(api.db, today);
      const docAnswer = await api.http.get('/docs-json');
      if (docAnswer.status !== 200) throw new Error(`GET /docs-json answered ${docAnswer.status}`);
      target = new FuzzTarget(api, docAnswer.body as OpenApiDocument, today);
      await target.listen();
      for (const role of ROLES) target.tokens.set(role, await api.tokenFor(DEMO_PERSONA[role]));
      await target.prepareMaterial();
      await target.readPools();
      target.digestQuery = await digestQueryFor(api);
      return target;
    } catch (error) {
      // Jest would wait for the open server and connections forever.
      await (target ? target.close() : api.close());
      throw error;
    }
  }

  async close(): Promise<void> {
    this.agent.destroy();
    await this.api.close();
  }

  tokenOf(caller: Caller): string | undefined {
    return caller === 'anonymous' ? undefined : this.tokens.get(caller);
  }

  emailOf(caller: Caller): string {
    return caller === 'anonymous' ? 'no token' : DEMO_PERSONA[caller];
  }

  /** The caller's own user id or home unit; a uuid of nothing for a caller without a token. */
  ownId(caller: Caller, kind: 'unit' | 'user'): string {
    return caller === 'anonymous' ? '00000000-0000-4000-8000-000000000000' : this.personas.get(caller)![kind];
  }

  /** One fingerprint per table (row count and md5 of every row): equal before and after means nothing was written. */
  async digest(): Promise<Record<string, string>> {
    const [row] = await this.api.db.query(this.digestQuery);
    return row.digest as Record<string, string>;
  }

  async send(request: HttpRequest): Promise<HttpAnswer> {
    const started = performance.now();
    const headers = { ...request.headers };
    if (request.body && request.chunked) headers['transfer-encoding'] = 'chunked';
    else if (request.body) headers['content-length'] = String(request.body.length);
    return new Promise<HttpAnswer>((resolve) => {
      const done = (answer: Omit<HttpAnswer, 'ms'>) => resolve({ ...answer, ms: Math.round(performance.now() - started) });
      const call = http.request({ host: '127.0.0.1', port: this.port, method: request.method.toUpperCase(), path: request.target, headers, agent: this.agent });
      call.setTimeout(ANSWER_TIMEOUT_MS, () => call.destroy(new Error(`no answer within ${ANSWER_TIMEOUT_MS / 1000} s`)));
      call.on('error', (error) => done({ status: 0, headers: {}, text: '', error: error.message }));
      call.on('response', (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', (error) => done({ status: response.statusCode ?? 0, headers: response.headers, text: '', error: error.message }));
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          const answer: Omit<HttpAnswer, 'ms'> = { status: response.statusCode ?? 0, headers: response.headers, text };
          if (/json/i.test(response.headers['content-type'] ?? '')) {
            try {
              answer.json = JSON.parse(text);
            } catch (error) {
              answer.jsonError = (error as Error).message;
            }
          }
          done(answer);
        });
      });
      call.end(request.body);
    });
  }

  /** Calls the API as a persona to prepare material; fails loudly, since the fuzzer cannot go on without it. */
  async callAs(role: Role, method: 'get' | 'post' | 'patch', path: string, body?: object): Promise<Record<string, unknown>> {
    const answer = await this.send({
      method,
      target: path,
      headers: { authorization: `Bearer ${this.tokens.get(role)}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? Buffer.from(JSON.stringify(body)) : undefined,
    });
    if (answer.status >= 300 || answer.status === 0) throw new Error(`preparing: ${method.toUpperCase()} ${path} as ${role}: ${answer.status} ${answer.error ?? answer.text.slice(0, 500)}`);
    return (answer.json ?? {}) as Record<string, unknown>;
  }

  /** A new case of the employee persona, in draft or submitted by its line manager; for events that need a case that has not ended. */
  async freshCase(state: 'draft' | 'submitted'): Promise<string> {
    const n = ++this.sequence;
    const { id } = await this.callAs('employee', 'post', '/api/cases', {
      title: `Fuzzsak ${n}`,
      problem: 'Manuelle rutiner tar tid',
      processId: demoId('process', DEMO_PROCESS_CODES.caseHandling),
      reportingUnitId: demoId('unit', 'NV-IFI'),
    });
    if (state === 'submitted') await this.callAs('line_manager', 'post', `/api/cases/${String(id)}/events`, { type: 'ENDORSE', payload: {} });
    return String(id);
  }

  async currentRevision(caseId: string): Promise<number | undefined> {
    if (!UUID.test(caseId)) return undefined;
    const rows: { revision: number }[] = await this.api.db.query(`SELECT revision FROM workflow_instance WHERE id::text = $1`, [caseId]);
    return rows[0]?.revision;
  }

  /** The events the caller may send to the case now, as the API tells them. */
  async allowedEvents(caseId: string, caller: Caller): Promise<string[]> {
    const token = this.tokenOf(caller);
    if (!token || !UUID.test(caseId)) return [];
    const answer = await this.send({ method: 'get', target: `/api/cases/${caseId}`, headers: { authorization: `Bearer ${token}` } });
    const events = (answer.json as { allowedEvents?: { type: string }[] } | undefined)?.allowedEvents;
    return answer.status === 200 && Array.isArray(events) ? events.map((e) => e.type) : [];
  }

  private async listen(): Promise<void> {
    const server = this.api.app.getHttpServer() as http.Server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.port = (server.address() as AddressInfo).port;
  }

  /** Cases in the states the workflow has before the programme decides, and rows of every other kind. */
  private async prepareMaterial(): Promise<void> {
    const db = this.api.db;
    const send = (role: Role, id: string, type: string, payload: object = {}) => this.callAs(role, 'post', `/api/cases/${id}/events`, { type, payload });

    await this.freshCase('draft');
    await this.freshCase('draft');
    await this.freshCase('submitted');
    const askedForInfo = await this.freshCase('submitted');
    await send('process_responsible', askedForInfo, 'REQUEST_INFO', { question: 'Hvilke systemer gjelder det?' });
    const escalated = await this.freshCase('submitted');
    await send('process_responsible', escalated, 'ESCALATE', { text: 'Til prosesseier' });
    const local = await this.freshCase('submitted');
    await send('process_responsible', local, 'ACCEPT_LOCAL', { plan: 'Prøv ut ny rutine' });
    const proposedCase = async () => {
      const id = await this.freshCase('submitted');
      await send('process_responsible', id, 'ESCALATE', { text: 'Til prosesseier' });
      await this.callAs('process_owner', 'patch', `/api/cases/${id}`, {
        costBenefit: {
          values: [{ description: 'Spart tid', nature: 'direct', kind: 'efficiency', priced: true, yearlyAmountNok: 100_000 }],
          costs: { oneOff: [{ description: 'Innføring', amountNok: 200_000 }], yearly: [] },
          costShifts: [],
          contributors: [{ name: 'Ingrid Sæther', level: 'central' }],
          horizonYears: 5,
          durationMonths: 6,
          needsResourcesOutsideUnit: false,
        },
      });
      await send('process_owner', id, 'PROPOSE_TO_PROGRAMME');
      return id;
    };
    await proposedCase();
    // Priority rounds with the council persona as member: one being set up, one open for voting.
    const council = (await db.query(`SELECT id FROM app_user WHERE email = $1`, [DEMO_PERSONA.programme_council]))[0].id as string;
    for (const open of [false, true]) {
      const round = await this.callAs('programme_secretariat', 'post', '/api/rounds', {
        title: open ? 'Fuzzrunde, åpen' : 'Fuzzrunde',
        planYear: 2027,
        budget: [{ year: 2027, amountNok: 1_000_000 }],
        memberIds: [council],
        candidates: [{ caseId: await proposedCase() }],
      });
      if (open) await this.callAs('programme_secretariat', 'post', `/api/rounds/${round.id}/events`, { type: 'OPEN', payload: { closesAt: '2099-12-31T12:00:00+01:00' } });
    }
    // A project in its concept phase (the line manager persona owns it, the project manager persona
    // runs it) and a benefits follow-up waiting for BP6, started as the workflows start them: no
    // worker carries the round's messages here.
    const runtime = this.api.app.get(WorkflowRuntime);
    const start = (instanceId: string, workflowId: string, input: object, parentInstanceId: string) =>
      this.api.app.get(DataSource).transaction((manager) => runtime.start(sqlOfManager(manager), { instanceId, workflowId, input, actor: { userId: null, roles: ['system'] }, parentInstanceId }));
    const processId = demoId('process', DEMO_PROCESS_CODES.caseHandling);
    for (const appointed of [false, true]) {
      const caseId = await proposedCase();
      const projectId = childInstanceId(caseId, 'project');
      await start(projectId, 'project', { caseId, processId }, caseId);
      if (!appointed) continue;
      const [owner, manager] = await Promise.all([DEMO_PERSONA.line_manager, DEMO_PERSONA.project_manager].map(async (email) => (await db.query(`SELECT id FROM app_user WHERE email = $1`, [email]))[0].id));
      await this.callAs('process_owner', 'post', `/api/projects/${projectId}/events`, { type: 'APPOINT_TEAM', payload: { projectOwnerId: owner, projectManagerId: manager } });
      await start(childInstanceId(projectId, 'benefits'), 'benefits-followup', { caseId, projectId, processId, points: [] }, projectId);
    }
    const rejected = await this.freshCase('submitted');
    await send('process_responsible', rejected, 'REJECT', { reason: 'not_feasible', text: 'Ikke gjennomførbart nå' });
    const held = await this.freshCase('submitted');
    await this.callAs('admin', 'post', `/api/workflows/instances/${held}/hold`, { reason: 'Omorganisering' });

    // A notification of every persona, and effects that died, for the routes on them.
    for (const role of ROLES) {
      await db.query(
        `INSERT INTO notification (user_id, template, params, source_key, email_due)
         SELECT id, 'caseSubmitted', '{"reference": "FLYT-2026-0001", "title": "Fuzzsak", "state": "submitted"}', $2, 'immediate' FROM app_user WHERE email = $1`,
        [DEMO_PERSONA[role], `fuzz-${role}`],
      );
    }
    await db.query(
      `INSERT INTO workflow_outbox (instance_id, event_id, kind, key, payload, attempts, last_error, dead_at)
       SELECT e.instance_id, e.id, 'notify', 'fuzz-dead-' || e.id, '{"to": "processOwner", "template": "caseEscalated"}', 1, 'nobody to notify', now()
         FROM workflow_event e WHERE e.revision = 0 ORDER BY e.id LIMIT 2`,
    );

    // Organisation rows of no persona: the fuzzer may end and change them without losing a role.
    const fuzzId = (kind: string, n: number) => demoId(`fuzz-${kind}`, String(n));
    const faculty = demoId('unit', 'FA');
    const [parent] = await db.query(`SELECT path FROM unit WHERE id = $1`, [faculty]);
    for (const n of [1, 2]) {
      await db.query(`INSERT INTO unit (id, code, name_nb, name_en, kind, parent_id, path) VALUES ($1, $2, $3, $3, 'section', $4, $5)`, [
        fuzzId('unit', n),
        `FUZZ-${n}`,
        `Fuzzseksjon ${n}`,
        faculty,
        [...(parent.path as string[]), fuzzId('unit', n)],
      ]);
    }
    for (const n of [1, 2, 3]) {
      await db.query(`INSERT INTO app_user (id, email, name, unit_id) VALUES ($1, $2, $3, $4)`, [fuzzId('user', n), `fuzz.person.${n}@universitet.example`, `Fuzz Person ${n}`, fuzzId('unit', 1)]);
      await db.query(`INSERT INTO role_assignment (id, user_id, role, scope_kind, unit_id, valid_from) VALUES ($1, $2, 'employee', 'unit', $3, $4)`, [
        fuzzId('role', n),
        fuzzId('user', n),
        fuzzId('unit', 1),
        this.today,
      ]);
    }
    await db.query(`INSERT INTO process (id, code, name_nb, name_en, owning_unit_id) VALUES ($1, 'fuzz-prosess', 'Fuzzprosess', 'Fuzz process', $2)`, [fuzzId('process', 1), faculty]);
    // Mandates are delegated for a few years at most; the absence lies a year into this one.
    await db.query(
      `INSERT INTO mandate (id, process_id, holder_id, deputy_id, delegated_by, valid_from, valid_to)
       VALUES ($1, $2, $3, $4, $5, $6::date, ($6::date + interval '3 years')::date)`,
      [fuzzId('mandate', 1), fuzzId('process', 1), fuzzId('user', 1), fuzzId('user', 2), demoId('user', DEMO_PERSONA.process_owner), this.today],
    );
    await db.query(
      `INSERT INTO mandate_absence (id, mandate_id, starts_on, ends_on, reason, created_by)
       VALUES ($1, $2, ($4::date + interval '1 year')::date, ($4::date + interval '1 year 4 days')::date, 'Kurs', $3)`,
      [fuzzId('absence', 1), fuzzId('mandate', 1), fuzzId('user', 1), this.today],
    );
  }

  private async readPools(): Promise<void> {
    const db = this.api.db;
    const personaIds = ids(await db.query(`SELECT id FROM app_user WHERE email = ANY($1) ORDER BY id`, [Object.values(DEMO_PERSONA)]));
    for (const role of ROLES) {
      const [persona] = await db.query(`SELECT id, unit_id FROM app_user WHERE email = $1`, [DEMO_PERSONA[role]]);
      this.personas.set(role, { user: persona.id, unit: persona.unit_id });
    }
    const q = async (sql: string, params: unknown[] = []) => ids(await db.query(sql, params));
    const all = this.pools.all;
    all.unit = await q(`SELECT id FROM unit ORDER BY code`);
    all.process = await q(`SELECT id FROM process ORDER BY code`);
    all.user = await q(`SELECT id FROM app_user ORDER BY email`);
    all.roleAssignment = await q(`SELECT id FROM role_assignment ORDER BY id`);
    all.mandate = await q(`SELECT id FROM mandate ORDER BY id`);
    all.absence = await q(`SELECT id FROM mandate_absence ORDER BY id`);
    all.case = await q(`SELECT id FROM improvement_case ORDER BY reference`);
    all.instance = await q(`SELECT id FROM workflow_instance ORDER BY created_at, id`);
    all.workflow = [...new Set((await q(`SELECT workflow_id AS id FROM workflow_instance ORDER BY 1`)).concat('improvement-case'))];
    all.outboxRow = await q(`SELECT id FROM workflow_outbox ORDER BY dead_at NULLS LAST, id LIMIT 4`);
    all.notification = await q(`SELECT id FROM notification ORDER BY source_key`);
    all.timer = [...new Set(await q(`SELECT timer_id AS id FROM workflow_timer ORDER BY timer_id`))];
    all.round = await q(`SELECT id FROM priority_round ORDER BY reference`);
    // No round has voted and closed in the fixture: scenarios are named by ids of other kinds, and refused.
    all.scenario = all.round;
    all.year = ['2027', '2026', '2028', '2100'];
    all.project = await q(`SELECT id FROM project ORDER BY created_at, id`);
    all.followUp = await q(`SELECT id FROM benefits_followup ORDER BY created_at, id`);
    all.artefactKind = ['justification', 'governingDocument', 'milestones', 'riskRegister', 'steeringGroup', 'benefitPlan', 'handover', 'finalReport'];

    // What the personas stand on: ending or moving it would take a role from them for the rest of the run.
    const protectedIds = new Set<string>([
      ...personaIds,
      ...(await q(`SELECT id FROM role_assignment WHERE user_id = ANY($1)`, [personaIds])),
      ...(await q(`SELECT id FROM mandate WHERE holder_id = ANY($1) OR deputy_id = ANY($1)`, [personaIds])),
      ...(await q(`SELECT a.id FROM mandate_absence a JOIN mandate m ON m.id = a.mandate_id WHERE m.holder_id = ANY($1) OR m.deputy_id = ANY($1)`, [personaIds])),
      ...(await q(
        `SELECT DISTINCT unnest(u.path) AS id FROM unit u
          WHERE u.id IN (SELECT unit_id FROM app_user WHERE id = ANY($1) UNION SELECT unit_id FROM role_assignment WHERE user_id = ANY($1) AND unit_id IS NOT NULL)`,
        [personaIds],
      )),
      ...(await q(
        `SELECT process_id AS id FROM role_assignment WHERE user_id = ANY($1) AND process_id IS NOT NULL
         UNION SELECT process_id FROM mandate WHERE holder_id = ANY($1) OR deputy_id = ANY($1)
         UNION SELECT process_id FROM process_team_member WHERE user_id = ANY($1)`,
        [personaIds],
      )),
    ]);
    for (const kind of RESOURCE_KINDS) this.pools.writable[kind] = all[kind].filter((id) => !protectedIds.has(id));

    const timers: { instance_id: string; timer_id: string }[] = await db.query(
      `SELECT t.instance_id, t.timer_id FROM workflow_timer t JOIN improvement_case c ON c.id = t.instance_id WHERE t.status = 'pending' ORDER BY c.reference, t.timer_id`,
    );
    this.pairs.caseTimer = timers.map((t) => [t.instance_id, t.timer_id]);
    const absences: { mandate_id: string; id: string }[] = await db.query(`SELECT mandate_id, id FROM mandate_absence ORDER BY id`);
    this.pairs.mandateAbsence = absences.filter((a) => !protectedIds.has(a.id)).map((a) => [a.mandate_id, a.id]);

    const workflows = await this.callAs('admin', 'get', '/api/workflows');
    this.workflowEvents = ((workflows.items ?? []) as { events: WorkflowEvent[] }[]).flatMap((w) => w.events);
  }
}

function emptyPools(): Record<ResourceKind, string[]> {
  return Object.fromEntries(RESOURCE_KINDS.map((kind) => [kind, [] as string[]])) as Record<ResourceKind, string[]>;
}

/** One query that fingerprints every table of the schema: its row count and an md5 of all its rows. */
async function digestQueryFor(api: TestApi): Promise<string> {
  const tables: { table_name: string }[] = await api.db.query(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`,
  );
  const parts = tables.map(
    ({ table_name: t }) => `'${t}', (SELECT count(*) || ' rows, md5 ' || md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) FROM "${t}" t)`,
  );
  return `SELECT json_build_object(${parts.join(', ')}) AS digest`;
}
