// Run by `npm start` once the API answers: reports a handful of demo cases through the HTTP API
// as the demo personas, and takes each to a different point of its lifecycle, so every persona's
// inbox has something in it. Nothing happens when cases already exist or dev login is off.
import { randomUUID } from 'node:crypto';
import { loadConfig } from '#flyt/config';
import { osloDay } from '#flyt/kernel';
import { buildDemoOrganisation, DEMO_PERSONA, DEMO_PERSONA_EXTRA, DEMO_PROCESS_CODES } from './demo-organisation.js';

const config = loadConfig(process.env);
const base = config.http.publicUrl.replace(/\/$/, '');
const demo = buildDemoOrganisation(osloDay(new Date()));
const unit = (code: string) => demo.units.find((u) => u.code === code)!.id;
const processId = (code: string) => demo.processes.find((p) => p.code === code)!.id;

/** The holder of the process's mandate in force today. */
const responsibleFor = (code: string) => {
  const mandate = demo.mandates.find((m) => m.processId === processId(code) && m.validFrom <= demo.today && demo.today <= m.validTo);
  return demo.users.find((u) => u.id === mandate?.holderId);
};

const tokens = new Map<string, string>();

async function call(email: string, method: string, path: string, body?: unknown): Promise<Record<string, unknown>> {
  let token = tokens.get(email);
  if (!token) {
    const login = await fetch(`${base}/api/auth/dev-login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email }) });
    if (!login.ok) throw new Error(`dev login as ${email}: ${login.status} ${await login.text()}`);
    token = ((await login.json()) as { token: string }).token;
    tokens.set(email, token);
  }
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path} as ${email}: ${response.status} ${text}`);
  return text ? (JSON.parse(text) as Record<string, unknown>) : {};
}

const report = (email: string, fields: Record<string, unknown>) =>
  call(email, 'POST', '/api/cases', { significantItComponent: true, estimatedSize: 'medium', ...fields }) as Promise<{ id: string }>;
const send = (email: string, id: string, type: string, payload: Record<string, unknown> = {}) => call(email, 'POST', `/api/cases/${id}/events`, { type, payload });

const COST_BENEFIT = {
  values: [
    { description: 'Ingen papirskjema å skanne og arkivere', nature: 'direct', kind: 'efficiency', priced: true, yearlyAmountNok: 350_000, yearlyHours: 700 },
    { description: 'Deltakerne trekker samtykke selv, når som helst', nature: 'indirect', kind: 'quality', priced: false },
  ],
  costs: { oneOff: [{ description: 'Innføring og opplæring', amountNok: 600_000 }], yearly: [{ description: 'Lisens og drift', amountNok: 80_000 }] },
  costShifts: [],
  contributors: [
    { name: 'Knut Olsen', level: 'unit' },
    { name: 'Ingrid Sæther', level: 'central' },
  ],
  horizonYears: 5,
  // A solution for the whole university: more than a local improvement (docs/domain.md, "Larger than local").
  durationMonths: 9,
  needsResourcesOutsideUnit: true,
};

async function main(): Promise<void> {
  if (!config.auth.devLogin.enabled) {
    console.log('Demo cases: dev login is off, so none were reported.');
    return;
  }
  const existing = (await call(DEMO_PERSONA.admin, 'GET', '/api/cases?limit=1')) as { total: number };
  if (existing.total > 0) return;

  const { line_manager: knut, process_responsible: siri, process_owner: ingrid, employee: sofie } = DEMO_PERSONA;
  const nv = unit('NV-IFI');

  const signing = await report(knut, {
    title: 'Digital signering av vedtak',
    problem: 'Vedtak skrives ut, signeres for hånd og skannes inn igjen før de sendes.',
    description: 'Gjelder alle vedtak instituttet fatter i studiesaker.',
    processId: processId(DEMO_PROCESS_CODES.caseHandling),
    reportingUnitId: nv,
    strategicGoals: [2, 9],
  });
  await send(knut, signing.id, 'SUBMIT');

  const minutes = await report(knut, {
    title: 'Felles mal for møtereferater i instituttstyret',
    problem: 'Hvert institutt skriver referater på sin måte, og vedtak er vanskelige å finne igjen.',
    processId: processId(DEMO_PROCESS_CODES.caseHandling),
    reportingUnitId: nv,
    strategicGoals: [9],
    estimatedSize: 'small',
  });
  await send(knut, minutes.id, 'SUBMIT');
  await send(siri, minutes.id, 'REQUEST_INFO', { question: 'Hvilke andre institutter bruker egne maler i dag?' });

  const admissions = await report(DEMO_PERSONA_EXTRA.otherLineManager, {
    title: 'Automatisk påminnelse om manglende dokumentasjon i opptak',
    problem: 'Søkere som mangler dokumentasjon får beskjed for sent, og saksbehandlerne purrer manuelt.',
    processId: processId(DEMO_PROCESS_CODES.admissions),
    reportingUnitId: unit('HF-ILN'),
    strategicGoals: [1, 9],
    estimatedSize: 'large',
  });
  await send(DEMO_PERSONA_EXTRA.otherLineManager, admissions.id, 'SUBMIT');
  const admissionsResponsible = responsibleFor(DEMO_PROCESS_CODES.admissions);
  if (admissionsResponsible) await send(admissionsResponsible.email, admissions.id, 'ESCALATE', { text: 'Berører alle fakulteter og Studieavdelingen.' });

  await report(sofie, {
    title: 'Selvbetjent bestilling av programvarelisenser',
    problem: 'Ansatte venter i dager på lisenser som kunne vært tildelt automatisk.',
    processId: processId(DEMO_PROCESS_CODES.procurement),
    reportingUnitId: nv,
    strategicGoals: [9],
    estimatedSize: 'small',
  });

  const researchData = await report(DEMO_PERSONA_EXTRA.facultyLineManager, {
    title: 'Lagringsplan for forskningsdata i masterprosjekter',
    problem: 'Masterstudenter lagrer forskningsdata på private disker uten plan.',
    processId: processId(DEMO_PROCESS_CODES.researchData),
    reportingUnitId: unit('NV'),
    strategicGoals: [4, 9],
    estimatedSize: 'small',
  });
  await send(DEMO_PERSONA_EXTRA.facultyLineManager, researchData.id, 'SUBMIT');
  const researchResponsible = responsibleFor(DEMO_PROCESS_CODES.researchData);
  if (researchResponsible) await send(researchResponsible.email, researchData.id, 'ACCEPT_LOCAL', { plan: 'Fakultetet lager en mal og prøver den ut på ett institutt.' });

  const consent = await report(knut, {
    title: 'Elektronisk samtykke i forskningsprosjekter',
    problem: 'Samtykkeskjema på papir må skannes, og trekking av samtykke er tungvint for deltakerne.',
    processId: processId(DEMO_PROCESS_CODES.privacySecurity),
    reportingUnitId: nv,
    strategicGoals: [4, 5, 9],
    estimatedSize: 'large',
  });
  await send(knut, consent.id, 'SUBMIT');
  await send(DEMO_PERSONA_EXTRA.standingInDeputy, consent.id, 'ESCALATE', { text: 'Krever en felles løsning for hele universitetet.' });
  await call(ingrid, 'PATCH', `/api/cases/${consent.id}`, { costBenefit: COST_BENEFIT });
  await send(ingrid, consent.id, 'PROPOSE_TO_PROGRAMME', { text: 'Foreslås til prioritering i neste runde.' });

  await prioritisedProject(knut, ingrid, nv);

  console.log(
    'Reported 7 demo cases: waiting for triage, for information, for the process owner, for endorsement, in local improvement, proposed to the programme, ' +
      'and one prioritised by a priority round whose project is in its concept phase.',
  );
}

/**
 * A case the programme council prioritised in a priority round the rector approved: its project
 * (started by the worker, through the outbox) gets its team and a first draft of its project
 * justification, so the project manager's inbox asks for BP2 (docs/projects.md).
 */
async function prioritisedProject(lineManager: string, processOwner: string, unitId: string): Promise<void> {
  const protocols = await report(lineManager, {
    title: 'Digitale eksamensprotokoller',
    problem: 'Eksamensprotokoller fylles ut på papir, skannes og registreres for hånd.',
    processId: processId(DEMO_PROCESS_CODES.caseHandling),
    reportingUnitId: unitId,
    strategicGoals: [2, 9],
    estimatedSize: 'large',
  });
  await send(lineManager, protocols.id, 'SUBMIT');
  const responsible = responsibleFor(DEMO_PROCESS_CODES.caseHandling);
  if (!responsible) return;
  await send(responsible.email, protocols.id, 'ESCALATE', { text: 'Gjelder alle fakulteter.' });
  await call(processOwner, 'PATCH', `/api/cases/${protocols.id}`, { costBenefit: { ...COST_BENEFIT, needsResourcesOutsideUnit: false, durationMonths: 6 } });
  await send(processOwner, protocols.id, 'PROPOSE_TO_PROGRAMME', { text: 'Foreslås til prioritering.' });

  const secretariat = DEMO_PERSONA.programme_secretariat;
  const council = demo.users.find((u) => u.email === DEMO_PERSONA.programme_council)!;
  const year = Number(demo.today.slice(0, 4)) + 1;
  const round = (await call(secretariat, 'POST', '/api/rounds', {
    title: `Utviklingsplan ${year}, første runde`,
    planYear: year,
    boardDecision: 'Styresak 12/26',
    budget: [{ year, amountNok: 3_000_000 }],
    candidates: [{ caseId: protocols.id }],
    memberIds: [council.id],
  })) as { id: string; criteria: { key: string }[] };
  const event = (email: string, type: string, payload: Record<string, unknown> = {}) => call(email, 'POST', `/api/rounds/${round.id}/events`, { type, payload });
  await event(secretariat, 'OPEN', { closesAt: new Date(Date.now() + 7 * 86_400_000).toISOString() });
  await call(council.email, 'PUT', `/api/rounds/${round.id}/ballot`, { votes: [{ caseId: protocols.id, scores: Object.fromEntries(round.criteria.map((c) => [c.key, 4])) }] });
  await event(secretariat, 'CLOSE_VOTING');
  const scenarios = (await call(secretariat, 'GET', `/api/rounds/${round.id}/scenarios`)) as { items: { id: string }[] };
  await event(secretariat, 'RECOMMEND', { scenarioId: scenarios.items[0]!.id });
  await event(DEMO_PERSONA.rector, 'APPROVE', { note: 'Godkjent.' });

  // The worker starts the project when it carries the round's decision to the case.
  let projectId: string | undefined;
  for (let attempt = 0; attempt < 60 && !projectId; attempt += 1) {
    const page = (await call(processOwner, 'GET', '/api/projects')) as { items: { id: string; case: { id: string } }[] };
    projectId = page.items.find((p) => p.case.id === protocols.id)?.id;
    if (!projectId) await new Promise((resolve) => setTimeout(resolve, 500));
  }
  if (!projectId) throw new Error('the prioritised case started no project: is the worker running?');
  const manager = demo.users.find((u) => u.email === DEMO_PERSONA.project_manager)!;
  const owner = demo.users.find((u) => u.email === lineManager)!;
  await call(processOwner, 'POST', `/api/projects/${projectId}/events`, {
    type: 'APPOINT_TEAM',
    payload: { projectOwnerId: owner.id, projectManagerId: manager.id, note: 'Knut eier prosjektet, Anders leder det.' },
  });
  await call(manager.email, 'PUT', `/api/projects/${projectId}/artefacts/justification`, {
    content: {
      background: 'Protokollene fylles ut på papir og registreres for hånd; det tar tid og gir feil.',
      objectives: 'Alle eksamensprotokoller er digitale innen ett år.',
      alternatives: [
        { id: randomUUID(), name: 'Fortsette som i dag', description: 'Papir og skanning.', benefit: 'Ingen.', costNok: 0 },
        { id: randomUUID(), name: 'Protokoll i eksamenssystemet', description: 'Sensorene fyller ut protokollen digitalt.', benefit: '700 timer i året.', costNok: 1_000_000, chosen: true },
      ],
      recommendation: 'Protokoll i eksamenssystemet.',
    },
  });
}

main().catch((error: unknown) => {
  console.error(`demo-cases: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
