import type { Locale, NotificationWording, WorkflowNotifications } from '#flyt/workflow-runtime/domain';
import type { ProjectDelay } from './project.deadlines.js';
import { PROJECT_RECIPIENTS, type ProjectNotificationTemplate } from './project.machine.js';

const by = (deadline: string | null, nb: boolean) => (deadline ? (nb ? ` innen ${deadline}` : ` by ${deadline}`) : '');
const within = (deadline: string | null) => (deadline ? ` (${deadline})` : '');

/**
 * Every notification of a project, in Norwegian bokmål and English. The subject is prefixed with
 * the project's reference and followed by its title; the lead says what happened and what, if
 * anything, the reader must do. Decisions and reports themselves are read in Flyt, not in the mail.
 */
export const PROJECT_TEMPLATES: Record<ProjectNotificationTemplate, Record<Locale, NotificationWording>> = {
  projectTeamAppointed: {
    nb: {
      subject: 'Prosjekteier og prosjektleder er utnevnt',
      lead: () => 'Du er utnevnt som prosjekteier eller prosjektleder for prosjektet. I Flyt finner du mandatet, fasen prosjektet er i, og sjekklisten for neste beslutningspunkt.',
    },
    en: {
      subject: 'The project owner and project manager are appointed',
      lead: () => 'You have been appointed project owner or project manager of the project. In Flyt you will find its mandate, the phase it is in and the checklist for its next gate.',
    },
  },
  gateReminder: {
    nb: {
      subject: 'Påminnelse: beslutningspunktet nærmer seg',
      lead: (d) =>
        `${d ? `Neste beslutningspunkt for prosjektet er planlagt til ${d}.` : 'Neste beslutningspunkt for prosjektet nærmer seg.'} Sørg for at sjekklisten er komplett og at prosjektet er sendt til beslutning i tide, eller sett en ny dato.`,
    },
    en: {
      subject: 'Reminder: the gate is coming up',
      lead: (d) =>
        `${d ? `The project’s next gate is planned for ${d}.` : 'The project’s next gate is coming up.'} Make sure the checklist is complete and the project is submitted for the decision in time, or set a new date.`,
    },
  },
  gateOverdue: {
    nb: {
      subject: 'Beslutningspunktet er passert uten beslutning',
      lead: (d) => `Fristen for beslutningspunktet${within(d)} er passert, og ingen beslutning er tatt. Som prosjekteier bør du følge opp med prosjektlederen, eller sette en ny dato for beslutningspunktet.`,
    },
    en: {
      subject: 'The gate has passed without a decision',
      lead: (d) => `The deadline for the gate${within(d)} has passed without a decision. As project owner, please follow it up with the project manager, or set a new date for the gate.`,
    },
  },
  gateSubmitted: {
    nb: {
      subject: 'Prosjekt klart til beslutning',
      lead: (d) =>
        `Prosjektlederen har sendt prosjektet til beslutning ved neste beslutningspunkt, med komplett sjekkliste. Avgjør om prosjektet skal gå videre, arbeides mer med, settes på vent eller stanses${by(d, true)}.`,
    },
    en: {
      subject: 'Project ready for a gate decision',
      lead: (d) =>
        `The project manager has submitted the project for its next gate decision, with the checklist complete. Please decide whether it goes on, is reworked, is put on hold or is stopped${by(d, false)}.`,
    },
  },
  gateSubmissionWithdrawn: {
    nb: {
      subject: 'Prosjektet er trukket tilbake fra beslutningspunktet',
      lead: () => 'Prosjektlederen har trukket prosjektet tilbake fra beslutningspunktet for å arbeide mer med det. Du trenger ikke ta stilling til det før det sendes inn på nytt.',
    },
    en: {
      subject: 'The project has been withdrawn from the gate',
      lead: () => 'The project manager has withdrawn the project from the gate to work more on it. No decision is needed from you until it is submitted again.',
    },
  },
  gateDecisionToApprove: {
    nb: {
      subject: 'Beslutning ved beslutningspunkt til godkjenning',
      lead: () =>
        'Programrådet har tatt en beslutning ved et beslutningspunkt i prosjektet. Beslutningen får virkning når du godkjenner den. Godkjenn den, eller send den tilbake til programrådet med en begrunnelse.',
    },
    en: {
      subject: 'Gate decision to approve',
      lead: () => 'The programme council has taken a decision at a gate of the project. It takes effect once you approve it. Approve it, or return it to the council with a reason.',
    },
  },
  gateDecisionReturned: {
    nb: {
      subject: 'Rektor har sendt beslutningen tilbake',
      lead: () => 'Rektor har sendt programrådets beslutning ved beslutningspunktet tilbake. Begrunnelsen står i prosjektet, som venter på en ny beslutning fra rådet.',
    },
    en: {
      subject: 'The rector has returned the gate decision',
      lead: () => 'The rector has returned the programme council’s decision at the gate. The reason is given in the project, which awaits a new decision by the council.',
    },
  },
  gateDecided: {
    nb: {
      subject: 'Beslutning ved beslutningspunktet',
      lead: () => 'Det er tatt en beslutning ved prosjektets beslutningspunkt. Se i Flyt hva som ble besluttet, begrunnelsen, og hva prosjektet skal gjøre nå.',
    },
    en: {
      subject: 'A decision at the gate',
      lead: () => 'A decision has been taken at the project’s gate. See in Flyt what was decided, why, and what the project does next.',
    },
  },
  projectResumed: {
    nb: {
      subject: 'Prosjektet er gjenopptatt',
      lead: () => 'Prosjektet var satt på vent og er nå gjenopptatt. Fristene løper videre med den tiden som var igjen da prosjektet ble satt på vent.',
    },
    en: {
      subject: 'The project has resumed',
      lead: () => 'The project was on hold and has now resumed. Its deadlines run on with the time they had left when it was put on hold.',
    },
  },
  statusReportReminder: {
    nb: { subject: 'Påminnelse: månedens statusrapport', lead: (d) => `Det er snart tid for månedens statusrapport for prosjektet. Lever den i Flyt${by(d, true)}.` },
    en: { subject: 'Reminder: this month’s status report', lead: (d) => `This month’s status report for the project is due soon. Please submit it in Flyt${by(d, false)}.` },
  },
  statusReportOverdue: {
    nb: {
      subject: 'Statusrapporten er ikke levert',
      lead: (d) => `Prosjektlederen har ikke levert månedens statusrapport innen fristen${within(d)}. Som prosjekteier bør du følge det opp.`,
    },
    en: {
      subject: 'The status report is overdue',
      lead: (d) => `The project manager has not submitted this month’s status report by the deadline${within(d)}. As project owner, please follow it up.`,
    },
  },
  statusReportSubmitted: {
    nb: { subject: 'Ny statusrapport for prosjektet', lead: () => 'Prosjektlederen har levert månedens statusrapport. Du kan lese den i Flyt.' },
    en: { subject: 'New status report for the project', lead: () => 'The project manager has submitted this month’s status report. You can read it in Flyt.' },
  },
  projectClosed: {
    nb: {
      subject: 'Prosjektet er avsluttet',
      lead: () => 'Prosjektet har passert det siste beslutningspunktet (BP5) og er avsluttet. Gevinstoppfølgingen etter gevinstrealiseringsplanen begynner nå.',
    },
    en: {
      subject: 'The project is closed',
      lead: () => 'The project has passed its last gate (BP5) and is closed. The follow-up of its benefits, by the benefits-realisation plan, starts now.',
    },
  },
  projectStopped: {
    nb: { subject: 'Prosjektet er stanset', lead: () => 'Prosjektet er stanset ved et beslutningspunkt. Begrunnelsen står i prosjektet. Saken prosjektet kom fra, er avsluttet.' },
    en: { subject: 'The project has been stopped', lead: () => 'The project has been stopped at a gate. The reason is given in the project. The case it came from is closed.' },
  },
};

/**
 * The deadline a template speaks of, by the name of the timer that carries it: a reminder speaks
 * of the deadline it warns of (the planned gate, the report's due date), not of itself.
 */
export const PROJECT_TEMPLATE_DEADLINES: Partial<Record<ProjectNotificationTemplate, ProjectDelay>> = {
  gateReminder: 'gateOverdue',
  gateOverdue: 'gateOverdue',
  gateSubmitted: 'gateOverdue',
  statusReportReminder: 'statusReportOverdue',
  statusReportOverdue: 'statusReportOverdue',
};

/** The notifications of a project, as its registration gives them to the platform. */
export const PROJECT_NOTIFICATIONS = {
  recipients: PROJECT_RECIPIENTS,
  templates: PROJECT_TEMPLATES,
  deadlineOf: PROJECT_TEMPLATE_DEADLINES,
  openLink: { nb: 'Åpne prosjektet', en: 'Open the project' },
} satisfies WorkflowNotifications;
