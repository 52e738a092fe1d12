import { randomUUID } from 'node:crypto';
import { ROLES, type Role } from '#flyt/access';
import { addDays, buildDemoOrganisation, DEMO_PERSONA, DEMO_PROCESS_CODES, type DemoOrganisation, loadDemoData } from '#flyt/demo-data';
import { osloDay } from '#flyt/kernel';
import { childInstanceId, sqlOfManager, WorkflowRuntime } from '#flyt/workflow-runtime';
import { DataSource } from 'typeorm';
import { declaredRoutes } from '../support/declared-routes.js';
import { startTestApi, type TestApi } from '../support/test-api.js';

/**
 * Every role × every endpoint, on the demo organisation: each role's persona either gets its
 * answer (2xx) or is refused with 403 and nothing in the organisation changes; without a token,
 * every non-public endpoint answers 401. A new route without a row here fails the last test.
 */

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
interface Request {
  path: string;
  body?: object;
  query?: Record<string, string>;
}
interface Row {
  method: Method;
  /** The route as Nest declares it, in OpenAPI form. */
  route: string;
  /** What the row exercises, when a route has several rows. */
  variant?: string;
  allowed: readonly Role[] | 'everyone';
  /** Roles that cannot see the resource at all: it answers 404 for them, as if it did not exist (cases). */
  invisibleTo?: readonly Role[];
  /** Public routes need no token. */
  public?: true;
  /** Builds a fresh request, creating what it needs, once per caller (the role's persona; none for the call without a token). */
  prepare(ctx: Context, role?: Role): Promise<Request> | Request;
}

interface Context {
  api: TestApi;
  demo: DemoOrganisation;
  next(): number;
  unitId(code: string): string;
  processId(code: string): string;
  userId(email: string): string;
}

const FAR_FUTURE = '2099-12-31';

const ORGANISATION_TABLES = ['unit', 'app_user', 'process', 'process_team_member', 'role_assignment', 'mandate', 'mandate_absence'];
const CASE_TABLES = ['improvement_case', 'case_comment', 'workflow_instance', 'workflow_event', 'workflow_outbox', 'workflow_timer'];

/** One fingerprint of every organisation and case table: equal before and after means nothing was written. */
async function organisationDigest(api: TestApi): Promise<string> {
  const parts = await Promise.all(
    [...ORGANISATION_TABLES, ...CASE_TABLES].map(async (table) => {
      const [{ digest }] = await api.db.query(`SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS digest FROM ${table} t`);
      return `${table}:${digest}`;
    }),
  );
  return parts.join(' ');
}

async function freshUser(ctx: Context, unitCode = 'FA-IT') {
  const n = ctx.next();
  return ctx.api.factories.user({ email: `matrise.${n}@universitet.example`, name: `Matrise Person ${n}`, unitId: ctx.unitId(unitCode) });
}

/** A notification of the role's persona (the employee's without a role), for routes on one's own notifications. */
async function ownNotification(ctx: Context, role: Role = 'employee'): Promise<string> {
  const [row] = await ctx.api.db.query(
    `INSERT INTO notification (user_id, template, params, source_key, email_due)
     VALUES ($1, 'caseSubmitted', '{"reference": "FLYT-2026-0001", "title": "Matrisesak", "state": "submitted"}', $2, 'immediate') RETURNING id`,
    [ctx.userId(DEMO_PERSONA[role]), `matrix-${ctx.next()}`],
  );
  return row.id as string;
}

async function freshUnit(ctx: Context) {
  const parent = ctx.demo.units.find((u) => u.code === 'FA')!;
  return ctx.api.factories.unit({ code: `MATRISE-${ctx.next()}`, kind: 'section', parent });
}

async function freshAssignment(ctx: Context) {
  const user = await freshUser(ctx);
  return ctx.api.factories.role(user.id, 'employee', { unitId: ctx.unitId('FA-IT') });
}

let mandateSlot = 0;

/** A day of its own for every mandate a row makes, after the demo's: a process has one process responsible at a time. */
function freeMandateDay(ctx: Context) {
  mandateSlot += 1;
  const day = addDays(ctx.demo.mandates.map((m) => m.validTo).sort().at(-1)!, mandateSlot);
  return { validFrom: day, validTo: day };
}

async function freshCaseHandlingMandate(ctx: Context) {
  const holder = await freshUser(ctx);
  return ctx.api.factories.mandate({
    processId: ctx.processId(DEMO_PROCESS_CODES.caseHandling),
    holderId: holder.id,
    delegatedBy: ctx.userId(DEMO_PERSONA.process_owner),
    ...freeMandateDay(ctx),
  });
}

/** The demo mandate by which the process-responsible persona holds case handling. */
function personaMandate(ctx: Context) {
  const mandate = ctx.demo.mandates.find(
    (m) => m.holderId === ctx.userId(DEMO_PERSONA.process_responsible) && m.processId === ctx.processId(DEMO_PROCESS_CODES.caseHandling),
  );
  if (!mandate) throw new Error('the demo organisation lost the mandate of its process-responsible persona');
  return mandate;
}

let absenceSlot = 0;

/** A two-day absence of its own for every call, inside the persona's mandate and clear of the others. */
function absencePeriod(ctx: Context) {
  const mandate = personaMandate(ctx);
  absenceSlot += 1;
  const start = new Date(`${ctx.demo.today}T12:00:00Z`);
  start.setUTCDate(start.getUTCDate() + 10 + 3 * absenceSlot);
  const startsOn = start.toISOString().slice(0, 10);
  const end = new Date(start);
  end.setUTCDate(end.getUTCDate() + 1);
  const endsOn = end.toISOString().slice(0, 10);
  if (endsOn > mandate.validTo) throw new Error(`the persona's mandate ends ${mandate.validTo}, before the absence ${startsOn} – ${endsOn}`);
  return { mandate, startsOn, endsOn };
}

const READERS_OF_OTHER_USERS: readonly Role[] = ['admin', 'programme_secretariat', 'process_owner', 'process_responsible', 'process_adviser'];

/** Acts as a demo persona over HTTP, failing loudly: the matrix only prepares with it. */
async function callAs(ctx: Context, email: string, method: 'post' | 'patch' | 'put', path: string, body: object) {
  const response = await ctx.api.http[method](path).auth(await ctx.api.tokenFor(email), { type: 'bearer' }).send(body);
  if (response.status >= 300) throw new Error(`${method} ${path} as ${email}: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}

/** A fresh draft the employee persona reported in NV-IFI, process saksbehandling. */
async function employeeDraft(ctx: Context): Promise<string> {
  const body = await callAs(ctx, DEMO_PERSONA.employee, 'post', '/api/cases', {
    title: `Matrisesak ${ctx.next()}`,
    problem: 'Manuelle rutiner',
    processId: ctx.processId(DEMO_PROCESS_CODES.caseHandling),
    reportingUnitId: ctx.unitId('NV-IFI'),
  });
  return body.id as string;
}

let proposedCase: Promise<string> | undefined;

/** One case of the employee persona, taken by the demo roles all the way to the programme (read-only rows share it). */
function caseProposedToProgramme(ctx: Context): Promise<string> {
  proposedCase ??= proposeCase(ctx);
  return proposedCase;
}

/** A fresh case of the employee persona, taken by the demo roles all the way to the programme. */
async function proposeCase(ctx: Context): Promise<string> {
  {
    const id = await employeeDraft(ctx);
    const send = (email: string, type: string, payload: object = {}) => callAs(ctx, email, 'post', `/api/cases/${id}/events`, { type, payload });
    await send(DEMO_PERSONA.line_manager, 'ENDORSE');
    await send(DEMO_PERSONA.process_responsible, 'ESCALATE', { text: 'Til prosesseier' });
    await callAs(ctx, DEMO_PERSONA.process_owner, 'patch', `/api/cases/${id}`, {
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
    await send(DEMO_PERSONA.process_owner, 'PROPOSE_TO_PROGRAMME');
    return id;
  }
}

/** Who sees a priority round: the programme, the rector and admins (and its members, here the council persona). */
const SEE_ROUND: readonly Role[] = ['programme_secretariat', 'programme_council', 'rector', 'admin'];
const BLIND_TO_ROUND: readonly Role[] = ROLES.filter((role) => !SEE_ROUND.includes(role));

/**
 * A priority round set up by the secretariat persona with the council persona as its member and,
 * past its draft, one fresh candidate case; opened with a far closing time, or closed early after
 * the member voted.
 */
async function priorityRound(ctx: Context, stage: 'draft' | 'open' | 'closed', withCandidate = stage !== 'draft'): Promise<{ id: string; caseId: string | null }> {
  const secretariat = DEMO_PERSONA.programme_secretariat;
  const caseId = withCandidate ? await proposeCase(ctx) : null;
  const round = await callAs(ctx, secretariat, 'post', '/api/rounds', {
    title: `Utviklingsplan ${ctx.next()}`,
    planYear: 2027,
    budget: [{ year: 2027, amountNok: 1_000_000 }],
    memberIds: [ctx.userId(DEMO_PERSONA.programme_council)],
    candidates: caseId ? [{ caseId }] : [],
  });
  if (stage === 'draft') return { id: round.id, caseId };
  await callAs(ctx, secretariat, 'post', `/api/rounds/${round.id}/events`, { type: 'OPEN', payload: { closesAt: `${FAR_FUTURE}T12:00:00+01:00` } });
  if (stage === 'closed') {
    const scores = { userValue: 3, resourceSavings: 3, quality: 3, strategicFit: 3, riskAndFeasibility: 3 };
    await callAs(ctx, DEMO_PERSONA.programme_council, 'put', `/api/rounds/${round.id}/ballot`, { votes: [{ caseId, scores }] });
    await callAs(ctx, secretariat, 'post', `/api/rounds/${round.id}/events`, { type: 'CLOSE_VOTING', payload: {} });
  }
  return { id: round.id, caseId };
}

/** Who sees a project of the demo process: the programme, the rector, admins and the process roles (and, once appointed, its owner and manager). */
const SEE_PROJECT: readonly Role[] = ['programme_secretariat', 'programme_council', 'rector', 'admin', 'process_owner', 'process_responsible', 'process_adviser'];
const SEE_APPOINTED_PROJECT: readonly Role[] = [...SEE_PROJECT, 'line_manager', 'project_manager'];

/**
 * A project of a fresh case proposed to the programme, started as a prioritised case's workflow
 * starts it (the matrix runs no worker to carry the round's messages); past its mandate with the
 * line manager persona as its owner and the project manager persona as its manager.
 */
async function project(ctx: Context, stage: 'mandate' | 'concept'): Promise<string> {
  const caseId = await proposeCase(ctx);
  const projectId = childInstanceId(caseId, 'project');
  const runtime = ctx.api.app.get(WorkflowRuntime);
  await ctx.api.app.get(DataSource).transaction(async (manager) => {
    await runtime.start(sqlOfManager(manager), {
      instanceId: projectId,
      workflowId: 'project',
      input: { caseId, processId: ctx.processId(DEMO_PROCESS_CODES.caseHandling) },
      actor: { userId: null, roles: ['system'] },
      parentInstanceId: caseId,
    });
  });
  if (stage === 'concept') {
    await callAs(ctx, DEMO_PERSONA.process_owner, 'post', `/api/projects/${projectId}/events`, {
      type: 'APPOINT_TEAM',
      payload: { projectOwnerId: ctx.userId(DEMO_PERSONA.line_manager), projectManagerId: ctx.userId(DEMO_PERSONA.project_manager) },
    });
  }
  return projectId;
}

/** A benefits follow-up of a project that planned no measurement dates: it waits for the process owner's conclusion (BP6). */
async function followUp(ctx: Context): Promise<string> {
  const projectId = await project(ctx, 'concept');
  const [row] = await ctx.api.db.query(`SELECT case_id, process_id FROM project WHERE id = $1`, [projectId]);
  const followupId = childInstanceId(projectId, 'benefits');
  await ctx.api.app.get(DataSource).transaction(async (manager) => {
    await ctx.api.app.get(WorkflowRuntime).start(sqlOfManager(manager), {
      instanceId: followupId,
      workflowId: 'benefits-followup',
      input: { caseId: row.case_id, projectId, processId: row.process_id, points: [] },
      actor: { userId: null, roles: ['system'] },
      parentInstanceId: projectId,
    });
  });
  return followupId;
}

/** Who may read the reports on projects and benefits (action reports.read). */
const REPORT_READERS: readonly Role[] = ['admin', 'programme_secretariat', 'programme_council', 'rector', 'process_owner'];

/** Who sees a case of the employee persona once it is proposed to the programme. */
const SEE_PROPOSED_CASE: readonly Role[] = [
  'employee',
  'line_manager',
  'process_responsible',
  'process_adviser',
  'process_owner',
  'programme_secretariat',
  'programme_council',
  'rector',
  'admin',
];
/** Who does not see a draft of the employee persona in NV-IFI: the programme, and roles outside its unit and process. */
const BLIND_TO_DRAFT: readonly Role[] = ['programme_secretariat', 'programme_council', 'rector', 'project_manager', 'benefit_owner'];

const TABLE: Row[] = [
  // Public
  { method: 'get', route: '/health', allowed: 'everyone', public: true, prepare: () => ({ path: '/health' }) },
  { method: 'get', route: '/api/auth/dev-jwks', allowed: 'everyone', public: true, prepare: () => ({ path: '/api/auth/dev-jwks' }) },
  {
    method: 'post',
    route: '/api/auth/dev-login',
    allowed: 'everyone',
    public: true,
    prepare: () => ({ path: '/api/auth/dev-login', body: { email: DEMO_PERSONA.employee } }),
  },
  { method: 'get', route: '/api/auth/sign-in-options', allowed: 'everyone', public: true, prepare: () => ({ path: '/api/auth/sign-in-options' }) },
  { method: 'get', route: '/api/me', allowed: 'everyone', prepare: () => ({ path: '/api/me' }) },
  // One's own language: every persona speaks bokmål, and keeps it.
  { method: 'patch', route: '/api/me', allowed: 'everyone', prepare: () => ({ path: '/api/me', body: { locale: 'nb' } }) },

  // Units
  { method: 'get', route: '/api/units', allowed: 'everyone', prepare: () => ({ path: '/api/units' }) },
  { method: 'get', route: '/api/units/{id}', allowed: 'everyone', prepare: (ctx) => ({ path: `/api/units/${ctx.unitId('NV-IFI')}` }) },
  {
    method: 'post',
    route: '/api/units',
    allowed: ['admin'],
    prepare: (ctx) => {
      const n = ctx.next();
      return { path: '/api/units', body: { code: `NY-${n}`, nameNb: `Ny seksjon ${n}`, nameEn: `New section ${n}`, kind: 'section', parentId: ctx.unitId('FA') } };
    },
  },
  {
    method: 'patch',
    route: '/api/units/{id}',
    allowed: ['admin'],
    prepare: async (ctx) => ({ path: `/api/units/${(await freshUnit(ctx)).id}`, body: { nameNb: 'Omdøpt seksjon' } }),
  },
  {
    method: 'post',
    route: '/api/units/{id}/end',
    allowed: ['admin'],
    prepare: async (ctx) => ({ path: `/api/units/${(await freshUnit(ctx)).id}/end` }),
  },

  // Processes
  { method: 'get', route: '/api/processes', allowed: 'everyone', prepare: () => ({ path: '/api/processes' }) },
  {
    method: 'get',
    route: '/api/processes/{id}',
    allowed: 'everyone',
    prepare: (ctx) => ({ path: `/api/processes/${ctx.processId(DEMO_PROCESS_CODES.caseHandling)}` }),
  },
  {
    method: 'post',
    route: '/api/processes',
    allowed: ['admin'],
    prepare: (ctx) => {
      const n = ctx.next();
      return { path: '/api/processes', body: { code: `ny-prosess-${n}`, nameNb: `Ny prosess ${n}`, nameEn: `New process ${n}`, owningUnitId: ctx.unitId('FA') } };
    },
  },
  {
    method: 'patch',
    route: '/api/processes/{id}',
    variant: 'a process the process-owner persona owns',
    allowed: ['admin', 'process_owner'],
    prepare: (ctx) => ({
      path: `/api/processes/${ctx.processId(DEMO_PROCESS_CODES.caseHandling)}`,
      body: { description: `Revidert beskrivelse ${ctx.next()}` },
    }),
  },
  {
    method: 'patch',
    route: '/api/processes/{id}',
    variant: 'a process another process owner owns',
    allowed: ['admin'],
    prepare: (ctx) => ({
      path: `/api/processes/${ctx.processId(DEMO_PROCESS_CODES.admissions)}`,
      body: { description: `Revidert beskrivelse ${ctx.next()}` },
    }),
  },
  {
    method: 'post',
    route: '/api/processes/{id}/end',
    allowed: ['admin'],
    prepare: async (ctx) => {
      const process = await ctx.api.factories.process({ code: `avvikles-${ctx.next()}`, owningUnitId: ctx.unitId('FA') });
      return { path: `/api/processes/${process.id}/end` };
    },
  },

  // Users
  { method: 'get', route: '/api/users', allowed: 'everyone', prepare: () => ({ path: '/api/users' }) },
  {
    method: 'get',
    route: '/api/users/{id}',
    variant: "a user in the line-manager persona's department",
    allowed: [...READERS_OF_OTHER_USERS, 'line_manager'],
    prepare: async (ctx) => ({ path: `/api/users/${(await freshUser(ctx, 'NV-IFI')).id}` }),
  },
  {
    method: 'get',
    route: '/api/users/{id}',
    variant: 'a user in another faculty',
    allowed: READERS_OF_OTHER_USERS,
    prepare: async (ctx) => ({ path: `/api/users/${(await freshUser(ctx, 'HF-ILN')).id}` }),
  },
  {
    method: 'post',
    route: '/api/users',
    allowed: ['admin'],
    prepare: (ctx) => {
      const n = ctx.next();
      return { path: '/api/users', body: { email: `ny.${n}@universitet.example`, name: `Ny Bruker ${n}`, unitId: ctx.unitId('FA-IT') } };
    },
  },
  {
    method: 'patch',
    route: '/api/users/{id}',
    allowed: ['admin'],
    prepare: async (ctx) => ({ path: `/api/users/${(await freshUser(ctx)).id}`, body: { name: 'Nytt Navn' } }),
  },
  {
    method: 'post',
    route: '/api/users/{id}/end',
    allowed: ['admin'],
    prepare: async (ctx) => ({ path: `/api/users/${(await freshUser(ctx)).id}/end` }),
  },

  // Role assignments
  { method: 'get', route: '/api/role-assignments', variant: 'your own', allowed: 'everyone', prepare: () => ({ path: '/api/role-assignments' }) },
  {
    method: 'get',
    route: '/api/role-assignments',
    variant: "another user's",
    allowed: ['admin', 'programme_secretariat'],
    prepare: async (ctx) => ({ path: '/api/role-assignments', query: { userId: (await freshUser(ctx)).id } }),
  },
  {
    method: 'get',
    route: '/api/role-assignments/{id}',
    allowed: ['admin', 'programme_secretariat'],
    prepare: async (ctx) => ({ path: `/api/role-assignments/${await freshAssignment(ctx)}` }),
  },
  {
    method: 'post',
    route: '/api/role-assignments',
    allowed: ['admin'],
    prepare: async (ctx) => ({
      path: '/api/role-assignments',
      body: { userId: (await freshUser(ctx)).id, role: 'line_manager', unitId: ctx.unitId('FA-IT') },
    }),
  },
  {
    method: 'patch',
    route: '/api/role-assignments/{id}',
    allowed: ['admin'],
    prepare: async (ctx) => ({ path: `/api/role-assignments/${await freshAssignment(ctx)}`, body: { validTo: FAR_FUTURE } }),
  },
  {
    method: 'post',
    route: '/api/role-assignments/{id}/end',
    allowed: ['admin'],
    prepare: async (ctx) => ({ path: `/api/role-assignments/${await freshAssignment(ctx)}/end`, body: { reason: 'Omorganisering' } }),
  },

  // Mandates
  { method: 'get', route: '/api/mandates', allowed: 'everyone', prepare: () => ({ path: '/api/mandates' }) },
  { method: 'get', route: '/api/mandates/{id}', allowed: 'everyone', prepare: (ctx) => ({ path: `/api/mandates/${personaMandate(ctx).id}` }) },
  {
    method: 'post',
    route: '/api/mandates',
    variant: 'for a process the process-owner persona owns',
    allowed: ['admin', 'process_owner'],
    prepare: async (ctx) => ({
      path: '/api/mandates',
      body: { processId: ctx.processId(DEMO_PROCESS_CODES.caseHandling), holderId: (await freshUser(ctx)).id, ...freeMandateDay(ctx) },
    }),
  },
  {
    method: 'post',
    route: '/api/mandates',
    variant: 'for a process another process owner owns',
    allowed: ['admin'],
    prepare: async (ctx) => ({
      path: '/api/mandates',
      body: { processId: ctx.processId(DEMO_PROCESS_CODES.admissions), holderId: (await freshUser(ctx)).id, ...freeMandateDay(ctx) },
    }),
  },
  {
    method: 'patch',
    route: '/api/mandates/{id}',
    allowed: ['admin', 'process_owner'],
    prepare: async (ctx) => ({ path: `/api/mandates/${await freshCaseHandlingMandate(ctx)}`, body: { description: 'Utvidet mandat' } }),
  },
  {
    method: 'post',
    route: '/api/mandates/{id}/end',
    allowed: ['admin', 'process_owner'],
    prepare: async (ctx) => ({ path: `/api/mandates/${await freshCaseHandlingMandate(ctx)}/end`, body: { reason: 'Ny prosessansvarlig' } }),
  },
  {
    method: 'post',
    route: '/api/mandates/{id}/absences',
    variant: "the process-responsible persona's own mandate",
    allowed: ['admin', 'process_owner', 'process_responsible'],
    prepare: (ctx) => {
      const { mandate, startsOn, endsOn } = absencePeriod(ctx);
      return { path: `/api/mandates/${mandate.id}/absences`, body: { startsOn, endsOn, reason: 'Ferie' } };
    },
  },
  {
    method: 'delete',
    route: '/api/mandates/{id}/absences/{absenceId}',
    allowed: ['admin', 'process_owner', 'process_responsible'],
    prepare: async (ctx) => {
      const { mandate, startsOn, endsOn } = absencePeriod(ctx);
      const absenceId = randomUUID();
      await ctx.api.db.query(
        `INSERT INTO mandate_absence (id, mandate_id, starts_on, ends_on, reason, created_by) VALUES ($1, $2, $3, $4, 'Kurs', $5)`,
        [absenceId, mandate.id, startsOn, endsOn, mandate.holderId],
      );
      return { path: `/api/mandates/${mandate.id}/absences/${absenceId}` };
    },
  },
  // Cases: a case one may not see answers 404 (it does not exist for them), one one may see but not act on 403
  { method: 'get', route: '/api/cases', allowed: 'everyone', prepare: () => ({ path: '/api/cases' }) },
  {
    method: 'post',
    route: '/api/cases',
    variant: 'for NV-IFI, home of the employee and line-manager personas',
    allowed: ['employee', 'line_manager'],
    prepare: (ctx) => ({
      path: '/api/cases',
      body: { title: `Ny sak ${ctx.next()}`, problem: 'Manuelle rutiner', processId: ctx.processId(DEMO_PROCESS_CODES.caseHandling), reportingUnitId: ctx.unitId('NV-IFI') },
    }),
  },
  {
    method: 'get',
    route: '/api/cases/{id}',
    variant: 'a case proposed to the programme',
    allowed: SEE_PROPOSED_CASE,
    invisibleTo: ['project_manager', 'benefit_owner'],
    prepare: async (ctx) => ({ path: `/api/cases/${await caseProposedToProgramme(ctx)}` }),
  },
  {
    method: 'get',
    route: '/api/cases/{id}/history',
    variant: 'a case proposed to the programme',
    allowed: SEE_PROPOSED_CASE,
    invisibleTo: ['project_manager', 'benefit_owner'],
    prepare: async (ctx) => ({ path: `/api/cases/${await caseProposedToProgramme(ctx)}/history` }),
  },
  {
    method: 'get',
    route: '/api/cases/{id}/comments',
    variant: 'a case proposed to the programme',
    allowed: SEE_PROPOSED_CASE,
    invisibleTo: ['project_manager', 'benefit_owner'],
    prepare: async (ctx) => ({ path: `/api/cases/${await caseProposedToProgramme(ctx)}/comments` }),
  },
  {
    method: 'post',
    route: '/api/cases/{id}/comments',
    variant: 'a case proposed to the programme',
    allowed: SEE_PROPOSED_CASE,
    invisibleTo: ['project_manager', 'benefit_owner'],
    prepare: async (ctx) => ({ path: `/api/cases/${await caseProposedToProgramme(ctx)}/comments`, body: { body: `Kommentar ${ctx.next()}` } }),
  },
  {
    method: 'patch',
    route: '/api/cases/{id}',
    variant: "the text of the employee persona's draft",
    allowed: ['employee'],
    invisibleTo: BLIND_TO_DRAFT,
    prepare: async (ctx) => ({ path: `/api/cases/${await employeeDraft(ctx)}`, body: { title: 'Skarpere tittel' } }),
  },
  {
    method: 'post',
    route: '/api/cases/{id}/events',
    variant: "ENDORSE of the employee persona's draft",
    allowed: ['line_manager'],
    invisibleTo: BLIND_TO_DRAFT,
    prepare: async (ctx) => ({ path: `/api/cases/${await employeeDraft(ctx)}/events`, body: { type: 'ENDORSE', payload: {} } }),
  },
  {
    method: 'post',
    route: '/api/cases/{id}/deadlines/{timerId}/move',
    variant: 'the triage reminder of a submitted case',
    allowed: ['process_responsible', 'admin'],
    invisibleTo: BLIND_TO_DRAFT,
    prepare: async (ctx) => {
      const id = await employeeDraft(ctx);
      await callAs(ctx, DEMO_PERSONA.line_manager, 'post', `/api/cases/${id}/events`, { type: 'ENDORSE', payload: {} });
      return {
        path: `/api/cases/${id}/deadlines/xstate.after.responsibleReminder.improvement-case.submitted/move`,
        body: { workingDays: 3, reason: 'Venter på fakultetet' },
      };
    },
  },
  { method: 'get', route: '/api/inbox', allowed: 'everyone', prepare: () => ({ path: '/api/inbox' }) },
  { method: 'get', route: '/api/workflows', allowed: 'everyone', prepare: () => ({ path: '/api/workflows' }) },
  {
    method: 'get',
    route: '/api/workflows/{id}/diagram',
    allowed: 'everyone',
    prepare: () => ({ path: '/api/workflows/improvement-case/diagram' }),
  },
  {
    method: 'get',
    route: '/api/workflows/instances/{id}',
    variant: "the employee persona's draft",
    allowed: ['admin'],
    prepare: async (ctx) => ({ path: `/api/workflows/instances/${await employeeDraft(ctx)}` }),
  },
  {
    method: 'post',
    route: '/api/workflows/instances/{id}/hold',
    variant: "the employee persona's draft",
    allowed: ['admin'],
    prepare: async (ctx) => ({ path: `/api/workflows/instances/${await employeeDraft(ctx)}/hold`, body: { reason: 'Omorganisering' } }),
  },
  {
    method: 'post',
    route: '/api/workflows/instances/{id}/resume',
    variant: "the employee persona's draft, on hold",
    allowed: ['admin'],
    prepare: async (ctx) => {
      const id = await employeeDraft(ctx);
      await callAs(ctx, DEMO_PERSONA.admin, 'post', `/api/workflows/instances/${id}/hold`, { reason: 'Omorganisering' });
      return { path: `/api/workflows/instances/${id}/resume`, body: { reason: 'Ferdig omorganisert' } };
    },
  },
  { method: 'get', route: '/api/admin/outbox/dead', allowed: ['admin'], prepare: () => ({ path: '/api/admin/outbox/dead' }) },
  {
    method: 'post',
    route: '/api/admin/outbox/{id}/retry',
    variant: 'a notification of a draft that nobody could receive',
    allowed: ['admin'],
    prepare: async (ctx) => {
      const id = await employeeDraft(ctx);
      const [row] = await ctx.api.db.query(
        `INSERT INTO workflow_outbox (instance_id, event_id, kind, key, payload, attempts, last_error, dead_at)
         SELECT $1, e.id, 'notify', $2, '{"to": "processOwner", "template": "caseEscalated"}', 1, 'nobody to notify', now()
           FROM workflow_event e WHERE e.instance_id = $1 AND e.revision = 0 RETURNING id`,
        [id, `matrix-dead-${ctx.next()}`],
      );
      return { path: `/api/admin/outbox/${row.id}/retry` };
    },
  },

  // Notifications: each caller's own only
  { method: 'get', route: '/api/notifications', allowed: 'everyone', prepare: () => ({ path: '/api/notifications', query: { unread: 'true' } }) },
  { method: 'post', route: '/api/notifications/read-all', allowed: 'everyone', prepare: () => ({ path: '/api/notifications/read-all' }) },
  {
    method: 'post',
    route: '/api/notifications/{id}/read',
    variant: "the caller's own",
    allowed: 'everyone',
    prepare: async (ctx, role) => ({ path: `/api/notifications/${await ownNotification(ctx, role)}/read` }),
  },
  { method: 'get', route: '/api/me/notification-settings', allowed: 'everyone', prepare: () => ({ path: '/api/me/notification-settings' }) },
  {
    method: 'put',
    route: '/api/me/notification-settings',
    allowed: 'everyone',
    prepare: () => ({ path: '/api/me/notification-settings', body: { delivery: 'immediate' } }),
  },
  // Projects and benefits follow-up
  { method: 'get', route: '/api/projects', allowed: 'everyone', prepare: () => ({ path: '/api/projects' }) },
  {
    method: 'get',
    route: '/api/projects/{id}',
    allowed: SEE_APPOINTED_PROJECT,
    invisibleTo: ROLES.filter((role) => !SEE_APPOINTED_PROJECT.includes(role)),
    prepare: async (ctx) => ({ path: `/api/projects/${await project(ctx, 'concept')}` }),
  },
  {
    method: 'get',
    route: '/api/projects/{id}/history',
    allowed: SEE_APPOINTED_PROJECT,
    invisibleTo: ROLES.filter((role) => !SEE_APPOINTED_PROJECT.includes(role)),
    prepare: async (ctx) => ({ path: `/api/projects/${await project(ctx, 'concept')}/history` }),
  },
  {
    method: 'get',
    route: '/api/follow-ups/{id}/history',
    allowed: SEE_APPOINTED_PROJECT,
    invisibleTo: ROLES.filter((role) => !SEE_APPOINTED_PROJECT.includes(role)),
    prepare: async (ctx) => ({ path: `/api/follow-ups/${await followUp(ctx)}/history` }),
  },
  {
    method: 'post',
    route: '/api/projects/{id}/events',
    variant: 'APPOINT_TEAM of a project in its mandate',
    allowed: ['process_owner', 'programme_secretariat'],
    invisibleTo: ROLES.filter((role) => !SEE_PROJECT.includes(role)),
    prepare: async (ctx) => ({
      path: `/api/projects/${await project(ctx, 'mandate')}/events`,
      body: { type: 'APPOINT_TEAM', payload: { projectOwnerId: ctx.userId(DEMO_PERSONA.line_manager), projectManagerId: ctx.userId(DEMO_PERSONA.project_manager) } },
    }),
  },
  {
    method: 'put',
    route: '/api/projects/{id}/artefacts/{kind}',
    allowed: ['line_manager', 'project_manager'],
    invisibleTo: ROLES.filter((role) => !SEE_APPOINTED_PROJECT.includes(role)),
    prepare: async (ctx) => ({
      path: `/api/projects/${await project(ctx, 'concept')}/artefacts/governingDocument`,
      body: {
        content: { objectives: 'Mål', scope: 'Omfang', deliverables: 'Leveranser', organisation: 'Organisering', budgetNok: 100_000, qualityAssurance: 'Test', plan: 'Plan' },
      },
    }),
  },
  {
    method: 'get',
    route: '/api/follow-ups/{id}',
    allowed: SEE_APPOINTED_PROJECT,
    invisibleTo: ROLES.filter((role) => !SEE_APPOINTED_PROJECT.includes(role)),
    prepare: async (ctx) => ({ path: `/api/follow-ups/${await followUp(ctx)}` }),
  },
  {
    method: 'post',
    route: '/api/follow-ups/{id}/events',
    variant: 'CONCLUDE (BP6) of a follow-up with every date measured',
    allowed: ['process_owner'],
    invisibleTo: ROLES.filter((role) => !SEE_APPOINTED_PROJECT.includes(role)),
    prepare: async (ctx) => ({ path: `/api/follow-ups/${await followUp(ctx)}/events`, body: { type: 'CONCLUDE', payload: { outcome: 'notRealised', summary: 'Ingen målinger planlagt.' } } }),
  },
  // Priority rounds
  { method: 'get', route: '/api/rounds', allowed: 'everyone', prepare: () => ({ path: '/api/rounds' }) },
  { method: 'get', route: '/api/rounds/candidates', allowed: ['programme_secretariat'], prepare: () => ({ path: '/api/rounds/candidates' }) },
  {
    method: 'post',
    route: '/api/rounds',
    allowed: ['programme_secretariat'],
    prepare: (ctx) => ({ path: '/api/rounds', body: { title: `Runde ${ctx.next()}`, planYear: 2027, budget: [{ year: 2027, amountNok: 1_000_000 }] } }),
  },
  {
    method: 'get',
    route: '/api/rounds/{id}',
    allowed: SEE_ROUND,
    invisibleTo: BLIND_TO_ROUND,
    prepare: async (ctx) => ({ path: `/api/rounds/${(await priorityRound(ctx, 'draft')).id}` }),
  },
  {
    method: 'patch',
    route: '/api/rounds/{id}',
    allowed: ['programme_secretariat'],
    prepare: async (ctx) => ({ path: `/api/rounds/${(await priorityRound(ctx, 'draft')).id}`, body: { title: 'Nytt navn' } }),
  },
  {
    method: 'post',
    route: '/api/rounds/{id}/events',
    variant: 'CANCEL of a round in draft',
    allowed: ['programme_secretariat'],
    invisibleTo: BLIND_TO_ROUND,
    prepare: async (ctx) => ({ path: `/api/rounds/${(await priorityRound(ctx, 'draft')).id}/events`, body: { type: 'CANCEL', payload: { reason: 'Feil ramme' } } }),
  },
  {
    method: 'put',
    route: '/api/rounds/{id}/candidates/{caseId}/outcome',
    allowed: ['programme_secretariat'],
    prepare: async (ctx) => {
      const round = await priorityRound(ctx, 'draft', true);
      return { path: `/api/rounds/${round.id}/candidates/${round.caseId}/outcome`, body: { ifLeftOut: 'decline', declineReason: 'Utenfor rammen' } };
    },
  },
  {
    method: 'get',
    route: '/api/rounds/{id}/ballot',
    variant: 'the council persona is a member',
    allowed: ['programme_council'],
    invisibleTo: BLIND_TO_ROUND,
    prepare: async (ctx) => ({ path: `/api/rounds/${(await priorityRound(ctx, 'draft')).id}/ballot` }),
  },
  {
    method: 'put',
    route: '/api/rounds/{id}/ballot',
    variant: 'an open round; the council persona is a member',
    allowed: ['programme_council'],
    invisibleTo: BLIND_TO_ROUND,
    prepare: async (ctx) => {
      const round = await priorityRound(ctx, 'open');
      const scores = { userValue: 4, resourceSavings: 2, quality: 5, strategicFit: 1, riskAndFeasibility: 0 };
      return { path: `/api/rounds/${round.id}/ballot`, body: { votes: [{ caseId: round.caseId, scores }] } };
    },
  },
  {
    method: 'get',
    route: '/api/rounds/{id}/ballots',
    variant: 'a closed round',
    allowed: SEE_ROUND,
    invisibleTo: BLIND_TO_ROUND,
    prepare: async (ctx) => ({ path: `/api/rounds/${(await priorityRound(ctx, 'closed')).id}/ballots` }),
  },
  {
    method: 'post',
    route: '/api/rounds/{id}/conflicts',
    variant: 'the council persona is a member',
    allowed: ['programme_council'],
    invisibleTo: BLIND_TO_ROUND,
    prepare: async (ctx) => {
      const round = await priorityRound(ctx, 'draft', true);
      return { path: `/api/rounds/${round.id}/conflicts`, body: { caseId: round.caseId, reason: 'Min enhet meldte saken' } };
    },
  },
  {
    method: 'delete',
    route: '/api/rounds/{id}/conflicts/{caseId}',
    variant: "the council persona's own declaration",
    allowed: ['programme_council'],
    invisibleTo: BLIND_TO_ROUND,
    prepare: async (ctx) => {
      const round = await priorityRound(ctx, 'draft', true);
      await callAs(ctx, DEMO_PERSONA.programme_council, 'post', `/api/rounds/${round.id}/conflicts`, { caseId: round.caseId });
      return { path: `/api/rounds/${round.id}/conflicts/${round.caseId}` };
    },
  },
  {
    method: 'put',
    route: '/api/rounds/{id}/conflicts/decision',
    allowed: ['programme_secretariat'],
    prepare: async (ctx) => {
      const round = await priorityRound(ctx, 'draft', true);
      return { path: `/api/rounds/${round.id}/conflicts/decision`, body: { memberId: ctx.userId(DEMO_PERSONA.programme_council), caseId: round.caseId, decision: 'upheld' } };
    },
  },
  {
    method: 'get',
    route: '/api/rounds/{id}/scenarios',
    variant: 'a closed round',
    allowed: SEE_ROUND,
    invisibleTo: BLIND_TO_ROUND,
    prepare: async (ctx) => ({ path: `/api/rounds/${(await priorityRound(ctx, 'closed')).id}/scenarios` }),
  },
  {
    method: 'post',
    route: '/api/rounds/{id}/scenarios',
    variant: 'a closed round',
    allowed: ['programme_secretariat'],
    prepare: async (ctx) => ({ path: `/api/rounds/${(await priorityRound(ctx, 'closed')).id}/scenarios`, body: { name: 'Uten gulv', scoreFloor: null } }),
  },
  {
    method: 'get',
    route: '/api/rounds/{id}/minutes',
    variant: 'a closed round',
    allowed: SEE_ROUND,
    invisibleTo: BLIND_TO_ROUND,
    prepare: async (ctx) => ({ path: `/api/rounds/${(await priorityRound(ctx, 'closed')).id}/minutes` }),
  },
  // The development plan: the university's published plan
  { method: 'get', route: '/api/development-plans/{year}', allowed: 'everyone', prepare: () => ({ path: '/api/development-plans/2027' }) },
  { method: 'get', route: '/api/development-plans/{year}/csv', allowed: 'everyone', prepare: () => ({ path: '/api/development-plans/2027/csv' }) },
  // Reports on projects and benefits, and the annual report (a process owner's answer holds only the processes they own)
  { method: 'get', route: '/api/reports/benefits', allowed: REPORT_READERS, prepare: () => ({ path: '/api/reports/benefits', query: { groupBy: 'process' } }) },
  { method: 'get', route: '/api/reports/benefits/csv', allowed: REPORT_READERS, prepare: () => ({ path: '/api/reports/benefits/csv', query: { groupBy: 'year' } }) },
  { method: 'get', route: '/api/reports/projects', allowed: REPORT_READERS, prepare: () => ({ path: '/api/reports/projects' }) },
  { method: 'get', route: '/api/reports/projects/csv', allowed: REPORT_READERS, prepare: () => ({ path: '/api/reports/projects/csv' }) },
  { method: 'get', route: '/api/reports/annual/{year}', allowed: REPORT_READERS, prepare: () => ({ path: '/api/reports/annual/2026' }) },
  { method: 'get', route: '/api/reports/annual/{year}/csv', allowed: REPORT_READERS, prepare: () => ({ path: '/api/reports/annual/2026/csv' }) },
  { method: 'get', route: '/api/reports/annual/{year}/pdf', allowed: REPORT_READERS, prepare: () => ({ path: '/api/reports/annual/2026/pdf', query: { lang: 'en' } }) },
];

const describeRow = (row: Row) => `${row.method.toUpperCase()} ${row.route}${row.variant ? ` (${row.variant})` : ''}`;
const isAllowed = (row: Row, role: Role) => row.allowed === 'everyone' || row.allowed.includes(role);

describe('who may use which endpoint: every role × every endpoint on the demo organisation', () => {
  let api: TestApi;
  let ctx: Context;
  const tokens = new Map<Role, string>();
  let documentedStatuses: (row: Row) => string[];

  beforeAll(async () => {
    api = await startTestApi();
    const today = osloDay(new Date());
    await loadDemoData(api.db, today);
    const demo = buildDemoOrganisation(today);
    let sequence = 0;
    const find = <T>(rows: T[], match: (row: T) => boolean, what: string): T => {
      const row = rows.find(match);
      if (!row) throw new Error(`the demo organisation has no ${what}`);
      return row;
    };
    ctx = {
      api,
      demo,
      next: () => ++sequence,
      unitId: (code) => find(demo.units, (u) => u.code === code, `unit ${code}`).id,
      processId: (code) => find(demo.processes, (p) => p.code === code, `process ${code}`).id,
      userId: (email) => find(demo.users, (u) => u.email === email, `user ${email}`).id,
    };
    for (const role of ROLES) tokens.set(role, await api.tokenFor(DEMO_PERSONA[role]));
    const doc = (await api.http.get('/docs-json')).body as { paths: Record<string, Record<string, { responses: object }>> };
    documentedStatuses = (row) => Object.keys(doc.paths[row.route]?.[row.method]?.responses ?? {});
  });
  afterAll(() => api.close());

  it('has a row for every route the API declares', () => {
    const declared = declaredRoutes(api.app).map((r) => `${r.method} ${r.path}`);
    const covered = new Set(TABLE.map((row) => `${row.method} ${row.route}`));
    expect(declared.filter((route) => !covered.has(route)).sort()).toEqual([]);
    expect([...covered].filter((route) => !declared.includes(route)).sort()).toEqual([]);
  });

  describe.each(TABLE.map((row) => [describeRow(row), row] as const))('%s', (_name, row) => {
    it.each([...ROLES])(`as %s: ${row.allowed === 'everyone' ? 'allowed to everyone' : `allowed to ${row.allowed.join(', ')} only${row.invisibleTo ? `, not found by ${row.invisibleTo.join(', ')}` : ''}`}`, async (role) => {
      const request = await row.prepare(ctx, role);
      const before = await organisationDigest(api);
      let call = api.http[row.method](request.path).auth(tokens.get(role)!, { type: 'bearer' });
      if (request.query) call = call.query(request.query);
      const response = request.body ? await call.send(request.body) : await call;

      if (isAllowed(row, role)) {
        expect(response.status < 300 ? 'answered' : `${response.status} ${JSON.stringify(response.body)}`).toBe('answered');
      } else if (row.invisibleTo?.includes(role)) {
        expect(response.status).toBe(404);
        expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
        expect(await organisationDigest(api)).toBe(before);
        expect(documentedStatuses(row)).toContain('404');
      } else {
        expect(response.status).toBe(403);
        expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
        expect(response.body.requiredRoles.length).toBeGreaterThan(0);
        expect(await organisationDigest(api)).toBe(before);
        expect(documentedStatuses(row)).toContain('403');
      }
    });

    if (!row.public) {
      it('without a token: 401, and nothing written', async () => {
        const request = await row.prepare(ctx);
        const before = await organisationDigest(api);
        const call = api.http[row.method](request.path);
        const response = request.body ? await call.send(request.body) : await call;
        expect(response.status).toBe(401);
        expect(response.headers['www-authenticate']).toBe('Bearer');
        expect(await organisationDigest(api)).toBe(before);
        expect(documentedStatuses(row)).toContain('401');
      });
    }
  });
});
