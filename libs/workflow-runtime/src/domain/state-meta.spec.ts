import { initialTransition, setup, transition } from 'xstate';
import { PROJECT_STATE_LABELS, projectMachine, type ProjectEvent } from '#workflows/project/project.machine';
import { PROJECT_WORKFLOW } from '#workflows/project/project.workflow';
import { MachineRegistry } from './machine-registry.js';
import { deadlineOwnerAt, labelAt, pathOf, stateNodesOf, waitsForAt } from './state-meta.js';
import { stateName } from './stepping.js';

/*
 * A parallel machine is in one state per region; the runtime stores them as one path, the regions
 * joined by commas, each from the root. The project (workflows/project) is the machine that has
 * them: its phase first, its monthly reporting second.
 */

const PHASE_LEAVES = stateNodesOf(projectMachine)
  .filter((node) => node.path[1] === 'phase' && node.path.length === 4)
  .map(pathOf);
const REPORT_LEAVES = ['active.reporting.awaitingReport', 'active.reporting.reportOverdue'];

/** A plain machine with a compound state, and a parallel one whose first region waits for no one. */
const plain = setup({}).createMachine({
  id: 'plain',
  initial: 'review',
  states: {
    review: {
      meta: { label: { nb: 'Til vurdering', en: 'In review' }, waitsFor: ['reviewer'], deadlineOwner: 'lead' },
      initial: 'first',
      states: { first: { meta: { label: { nb: 'Første runde', en: 'First round' } } }, second: { meta: { label: { nb: 'Andre runde', en: 'Second round' }, waitsFor: ['author'] } } },
    },
    both: {
      type: 'parallel',
      meta: { label: { nb: 'Begge', en: 'Both' } },
      states: {
        log: { initial: 'open', states: { open: { meta: { label: { nb: 'Logg', en: 'Log' }, waitsFor: [] } } } },
        sign: { initial: 'waiting', states: { waiting: { meta: { label: { nb: 'Signering', en: 'Signing' }, waitsFor: ['signer', 'witness'] } } } },
      },
    },
  },
});

describe('stateName: where an instance stands, as the runtime stores it', () => {
  it('gives a plain state its name and a nested one its dotted path', () => {
    expect(stateName('mandate')).toBe('mandate');
    expect(stateName({ review: 'second' })).toBe('review.second');
    expect(stateName({ a: { b: 'c' } })).toBe('a.b.c');
  });

  it('gives every parallel region its full path from the root, joined by commas, in the order of the regions', () => {
    expect(stateName({ active: { phase: { concept: 'working' }, reporting: 'awaitingReport' } })).toBe('active.phase.concept.working,active.reporting.awaitingReport');
    expect(stateName({ a: { b: { c: { d: 'e', f: 'g' } }, h: 'i' } })).toBe('a.b.c.d.e,a.b.c.f.g,a.h.i');
  });

  it('names the project’s states as its lib reads them', () => {
    const ev = (type: string, roles: string[], payload: object = {}) => ({ type, payload, actor: { userId: 'u', roles }, facts: { checklistMissing: [] } }) as unknown as ProjectEvent;
    let [s] = initialTransition(projectMachine, { caseId: '7b0e4c1a-0000-4000-8000-000000000001', processId: '7b0e4c1a-0000-4000-8000-000000000002' });
    expect(stateName(s.value)).toBe('mandate');
    [s] = transition(projectMachine, s, ev('APPOINT_TEAM', ['processOwner'], { projectOwnerId: '7b0e4c1a-0000-4000-8000-000000000003', projectManagerId: '7b0e4c1a-0000-4000-8000-000000000004' }));
    expect(stateName(s.value)).toBe('active.phase.concept.working,active.reporting.awaitingReport');
    [s] = transition(projectMachine, s, ev('SUBMIT_FOR_GATE', ['projectManager']));
    [s] = transition(projectMachine, s, ev('HOLD', ['processOwner'], { reason: 'r' }));
    expect(stateName(s.value)).toBe('active.phase.concept.onHold,active.reporting.awaitingReport');
    [s] = transition(projectMachine, s, { type: 'xstate.after.statusReportOverdue.project.active.reporting.awaitingReport' } as unknown as ProjectEvent);
    expect(stateName(s.value)).toBe('active.phase.concept.onHold,active.reporting.reportOverdue');
    // Every region's path is one the machine knows.
    for (const region of stateName(s.value).split(',')) expect(PROJECT_STATE_LABELS[region]).toBeDefined();
  });
});

describe('labelAt', () => {
  it('labels a plain compound path by its own state, or the nearest one above it that has a label', () => {
    expect(labelAt(plain, 'review.second')).toEqual({ nb: 'Andre runde', en: 'Second round' });
    expect(labelAt(plain, 'review.gone')).toEqual({ nb: 'Til vurdering', en: 'In review' });
    expect(labelAt(plain, 'nowhere')).toBeNull();
  });

  it('labels a project by its phase, whatever its reporting cycle', () => {
    for (const phase of PHASE_LEAVES) {
      for (const report of REPORT_LEAVES) expect({ path: `${phase},${report}`, label: labelAt(projectMachine, `${phase},${report}`) }).toEqual({ path: `${phase},${report}`, label: PROJECT_STATE_LABELS[phase] });
    }
    expect(labelAt(projectMachine, 'active.phase.planning.awaitingApproval,active.reporting.reportOverdue')).toEqual({
      nb: 'Planleggingsfase – beslutningen ved BP3 venter på rektors godkjenning',
      en: 'Planning phase – the BP3 decision awaits the rector’s approval',
    });
    // A phase state a later version no longer has still shows the phase it was in.
    expect(labelAt(projectMachine, 'active.phase.execution.retired,active.reporting.awaitingReport')).toEqual({ nb: 'Gjennomføringsfase', en: 'Execution phase' });
  });

  it('is what the registry answers for a stored path', () => {
    const registry = new MachineRegistry([{ ...PROJECT_WORKFLOW, subject: async () => null, recipients: async () => [] }]);
    expect(registry.label('project', 'active.phase.closure.onHold,active.reporting.awaitingReport', 1)).toEqual({ nb: 'Avslutningsfase – satt på vent ved BP5', en: 'Closure phase – on hold at BP5' });
  });
});

describe('waitsForAt', () => {
  it('reads a plain compound path’s own roles, or those of the nearest state above it that names any', () => {
    expect(waitsForAt(plain, 'review.first')).toEqual(['reviewer']);
    expect(waitsForAt(plain, 'review.second')).toEqual(['author']);
    expect(waitsForAt(plain, 'nowhere')).toEqual([]);
  });

  it('unites the regions: the project waits for its decider and for its manager’s report at once, each role once', () => {
    expect(waitsForAt(projectMachine, 'mandate')).toEqual(['processOwner']);
    expect(waitsForAt(projectMachine, 'active.phase.concept.working,active.reporting.awaitingReport')).toEqual(['projectManager']);
    expect(waitsForAt(projectMachine, 'active.phase.concept.awaitingDecision,active.reporting.reportOverdue')).toEqual(['processOwner', 'council', 'projectManager']);
    expect(waitsForAt(projectMachine, 'active.phase.closure.awaitingApproval,active.reporting.awaitingReport')).toEqual(['rector', 'projectManager']);
    expect(waitsForAt(projectMachine, 'active.phase.execution.onHold,active.reporting.awaitingReport')).toEqual(['processOwner', 'council', 'projectManager']);
    expect(waitsForAt(projectMachine, 'closed')).toEqual([]);
    expect(waitsForAt(plain, 'both.log.open,both.sign.waiting')).toEqual(['signer', 'witness']);
  });
});

describe('deadlineOwnerAt', () => {
  it('names a plain compound path’s owner: declared, else the first role waited for, inherited from above', () => {
    expect(deadlineOwnerAt(plain, 'review.first')).toBe('lead');
    expect(deadlineOwnerAt(plain, 'review.second')).toBe('author');
  });

  it('takes the first region that names one: the project’s phase decides who keeps its deadlines', () => {
    expect(deadlineOwnerAt(projectMachine, 'active.phase.planning.working,active.reporting.reportOverdue')).toBe('projectManager');
    expect(deadlineOwnerAt(projectMachine, 'active.phase.planning.awaitingDecision,active.reporting.awaitingReport')).toBe('projectOwner');
    expect(deadlineOwnerAt(projectMachine, 'active.phase.planning.awaitingApproval,active.reporting.awaitingReport')).toBe('projectOwner');
    expect(deadlineOwnerAt(projectMachine, 'active.phase.planning.onHold,active.reporting.awaitingReport')).toBe('processOwner');
    expect(deadlineOwnerAt(projectMachine, 'stopped')).toBeNull();
    // A first region that waits for no one leaves it to the next.
    expect(deadlineOwnerAt(plain, 'both.log.open,both.sign.waiting')).toBe('signer');
  });
});
