import type { Locale, NotificationWording, WorkflowNotifications } from '#flyt/workflow-runtime/domain';
import type { CaseDelay } from './improvement-case.deadlines.js';
import { CASE_RECIPIENTS, type CaseNotificationTemplate } from './improvement-case.machine.js';

type Wording = NotificationWording;

const by = (deadline: string | null, nb: boolean) => (deadline ? (nb ? ` innen ${deadline}` : ` by ${deadline}`) : '');

/**
 * Every notification of the improvement-case machine, in Norwegian bokmål and English. The
 * subject is prefixed with the case reference; the lead says what happened and what, if anything,
 * the reader must do.
 */
export const CASE_TEMPLATES: Record<CaseNotificationTemplate, Record<Locale, Wording>> = {
  caseSubmitted: {
    nb: { subject: 'Ny sak til vurdering', lead: (d) => `En forbedringssak er meldt inn og venter på din vurdering som prosessansvarlig. Vurder den${by(d, true)}.` },
    en: { subject: 'New case to assess', lead: (d) => `An improvement case has been submitted and awaits your assessment as process responsible. Please assess it${by(d, false)}.` },
  },
  caseEndorsed: {
    nb: { subject: 'Forslaget ditt er tatt videre', lead: () => 'Linjelederen din har tatt opp forslaget ditt og meldt det inn til prosessansvarlig.' },
    en: { subject: 'Your idea has been taken forward', lead: () => 'Your line manager has taken up your idea and submitted it to the process responsible.' },
  },
  caseWithdrawn: {
    nb: { subject: 'Saken er trukket', lead: () => 'Innmelderen har trukket saken. Du trenger ikke gjøre noe mer med den.' },
    en: { subject: 'The case has been withdrawn', lead: () => 'The reporter has withdrawn the case. Nothing more is needed from you.' },
  },
  informationRequested: {
    nb: {
      subject: 'Prosessansvarlig ber om flere opplysninger',
      lead: (d) => `Prosessansvarlig trenger flere opplysninger fra deg for å vurdere saken. Svar i Flyt${by(d, true)}, ellers blir saken trukket.`,
    },
    en: {
      subject: 'The process responsible asks for more information',
      lead: (d) => `The process responsible needs more information from you to assess the case. Please answer in Flyt${by(d, false)}, or the case will be withdrawn.`,
    },
  },
  informationProvided: {
    nb: { subject: 'Innmelderen har svart', lead: (d) => `Innmelderen har gitt opplysningene du ba om. Saken er tilbake hos deg til vurdering${by(d, true)}.` },
    en: { subject: 'The reporter has answered', lead: (d) => `The reporter has provided the information you asked for. The case is back with you to assess${by(d, false)}.` },
  },
  caseRejected: {
    nb: { subject: 'Saken er avvist', lead: () => 'Saken er avvist. Begrunnelsen står i saken.' },
    en: { subject: 'The case has been rejected', lead: () => 'The case has been rejected. The reason is given in the case.' },
  },
  caseMerged: {
    nb: { subject: 'Saken er slått sammen med en annen', lead: () => 'Saken gjelder det samme som en annen sak og er slått sammen med den. Arbeidet fortsetter i den andre saken.' },
    en: { subject: 'The case has been merged into another', lead: () => 'The case concerns the same as another case and has been merged into it. The work continues in the other case.' },
  },
  localImprovementAccepted: {
    nb: { subject: 'Lokal forbedring i enheten', lead: () => 'Prosessansvarlig har lagt saken til enheten som en lokal forbedring: planlegging, utprøving, oppfølging, evaluering og justering.' },
    en: { subject: 'Local improvement in the unit', lead: () => 'The process responsible has handed the case to the unit as a local improvement: planning, trial, follow-up, evaluation and adjustment.' },
  },
  localStepCompleted: {
    nb: { subject: 'Et steg i den lokale forbedringen er fullført', lead: () => 'Linjelederen har fullført et steg i den lokale forbedringen.' },
    en: { subject: 'A step of the local improvement is complete', lead: () => 'The line manager has completed a step of the local improvement.' },
  },
  localCycleRestarted: {
    nb: { subject: 'Den lokale forbedringen starter en ny runde', lead: () => 'Evalueringen viste at endringen ikke virket som tenkt. Linjelederen har startet en ny runde med planlegging.' },
    en: { subject: 'The local improvement starts a new cycle', lead: () => 'The evaluation showed that the change did not work as intended. The line manager has started a new cycle of planning.' },
  },
  localImprovementImplemented: {
    nb: { subject: 'Den lokale forbedringen er gjennomført', lead: () => 'Alle stegene i den lokale forbedringen er fullført, og saken er gjennomført.' },
    en: { subject: 'The local improvement is implemented', lead: () => 'Every step of the local improvement is complete, and the case is implemented.' },
  },
  caseEscalated: {
    nb: { subject: 'Sak løftet til prosesseier', lead: (d) => `Prosessansvarlig har løftet saken til deg som prosesseier. Ta stilling til den${by(d, true)}.` },
    en: { subject: 'Case escalated to the process owner', lead: (d) => `The process responsible has escalated the case to you as process owner. Please decide on it${by(d, false)}.` },
  },
  caseEscalatedOutsideScope: {
    nb: {
      subject: 'Sak løftet til prosesseier, uten vesentlig IT-komponent',
      lead: (d) =>
        'Prosessansvarlig har løftet saken til deg som prosesseier. Merk: saken er vurdert til ikke å trenge en vesentlig IT-komponent, ' +
        'og politikken for digitalisering og prosessutvikling gjelder ikke slik prosessutvikling. Du kan avvise den som utenfor virkeområdet ' +
        `eller sende den tilbake til prosessansvarlig. Ta stilling til den${by(d, true)}.`,
    },
    en: {
      subject: 'Case escalated to the process owner, without a significant IT component',
      lead: (d) =>
        'The process responsible has escalated the case to you as process owner. Note: the case is assessed as needing no significant IT component, ' +
        'and the policy for digitalisation and process development does not cover such process development. You may reject it as out of scope ' +
        `or return it to the process responsible. Please decide on it${by(d, false)}.`,
    },
  },
  caseReturnedToResponsible: {
    nb: { subject: 'Saken er sendt tilbake til deg', lead: (d) => `Prosesseieren har sendt saken tilbake til deg som prosessansvarlig. Vurder den på nytt${by(d, true)}.` },
    en: { subject: 'The case has been returned to you', lead: (d) => `The process owner has returned the case to you as process responsible. Please assess it again${by(d, false)}.` },
  },
  caseProposedToProgramme: {
    nb: { subject: 'Sak foreslått for programmet', lead: () => 'Prosesseieren har foreslått saken for programmet for digitalisering og prosessutvikling. Den venter på neste prioriteringsrunde.' },
    en: { subject: 'Case proposed to the programme', lead: () => 'The process owner has proposed the case to the programme for digitalisation and process development. It awaits the next priority round.' },
  },
  casePrioritised: {
    nb: { subject: 'Saken er prioritert', lead: () => 'Saken er prioritert i programmet og går videre til realisering som prosjekt.' },
    en: { subject: 'The case has been prioritised', lead: () => 'The case has been prioritised by the programme and moves on to realisation as a project.' },
  },
  caseDeferred: {
    nb: { subject: 'Saken er utsatt til neste prioriteringsrunde', lead: () => 'Saken ble ikke prioritert i denne runden og er utsatt til neste.' },
    en: { subject: 'The case has been deferred to the next priority round', lead: () => 'The case was not prioritised in this round and has been deferred to the next.' },
  },
  caseDeclined: {
    nb: { subject: 'Saken er ikke prioritert', lead: () => 'Programmet har besluttet ikke å prioritere saken. Begrunnelsen står i saken.' },
    en: { subject: 'The case has been declined', lead: () => 'The programme has decided not to prioritise the case. The reason is given in the case.' },
  },
  projectClosed: {
    nb: { subject: 'Prosjektet er avsluttet', lead: () => 'Prosjektet er avsluttet. Gevinstoppfølgingen begynner nå.' },
    en: { subject: 'The project is closed', lead: () => 'The project is closed. The follow-up of its benefits starts now.' },
  },
  projectStopped: {
    nb: { subject: 'Prosjektet er stanset', lead: () => 'Prosjektet er stanset, og saken er avsluttet.' },
    en: { subject: 'The project has been stopped', lead: () => 'The project has been stopped, and the case is closed.' },
  },
  benefitsConcluded: {
    nb: { subject: 'Gevinstarbeidet er avsluttet', lead: () => 'Prosesseieren har avsluttet gevinstarbeidet for saken, og saken er lukket.' },
    en: { subject: 'The benefits work is concluded', lead: () => 'The process owner has concluded the benefits work for the case, and the case is closed.' },
  },
  triageReminder: {
    nb: { subject: 'Påminnelse: saken venter på din vurdering', lead: (d) => `Saken venter fortsatt på din vurdering som prosessansvarlig. Vurder den${by(d, true)}, ellers går den til prosesseier.` },
    en: {
      subject: 'Reminder: the case awaits your assessment',
      lead: (d) => `The case still awaits your assessment as process responsible. Please assess it${by(d, false)}, or it goes to the process owner.`,
    },
  },
  triageOverdue: {
    nb: { subject: 'Fristen for vurdering er passert', lead: (d) => `Prosessansvarlig har ikke vurdert saken innen fristen${d ? ` (${d})` : ''}. Som prosesseier bør du følge den opp.` },
    en: { subject: 'The deadline for assessment has passed', lead: (d) => `The process responsible has not assessed the case by the deadline${d ? ` (${d})` : ''}. As process owner, please follow it up.` },
  },
  informationReminder: {
    nb: { subject: 'Påminnelse: prosessansvarlig venter på svar fra deg', lead: (d) => `Prosessansvarlig venter fortsatt på opplysningene du ble bedt om. Svar${by(d, true)}, ellers blir saken trukket.` },
    en: {
      subject: 'Reminder: the process responsible awaits your answer',
      lead: (d) => `The process responsible still awaits the information you were asked for. Please answer${by(d, false)}, or the case will be withdrawn.`,
    },
  },
  caseWithdrawnNoInformation: {
    nb: { subject: 'Saken er trukket fordi svaret uteble', lead: (d) => `Opplysningene prosessansvarlig ba om, kom ikke innen fristen${d ? ` (${d})` : ''}. Saken er derfor trukket.` },
    en: {
      subject: 'The case has been withdrawn for want of an answer',
      lead: (d) => `The information the process responsible asked for did not arrive by the deadline${d ? ` (${d})` : ''}. The case has therefore been withdrawn.`,
    },
  },
  ownerDecisionReminder: {
    nb: { subject: 'Påminnelse: saken venter på din beslutning', lead: (d) => `Saken venter fortsatt på din beslutning som prosesseier. Ta stilling til den${by(d, true)}, ellers går den til programsekretariatet.` },
    en: {
      subject: 'Reminder: the case awaits your decision',
      lead: (d) => `The case still awaits your decision as process owner. Please decide${by(d, false)}, or it goes to the programme secretariat.`,
    },
  },
  ownerDecisionOverdue: {
    nb: { subject: 'Fristen for prosesseiers beslutning er passert', lead: (d) => `Prosesseieren har ikke tatt stilling til saken innen fristen${d ? ` (${d})` : ''}. Sekretariatet bør følge den opp.` },
    en: {
      subject: "The deadline for the process owner's decision has passed",
      lead: (d) => `The process owner has not decided on the case by the deadline${d ? ` (${d})` : ''}. Please follow it up as the secretariat.`,
    },
  },
  localStepDue: {
    nb: { subject: 'Steget i den lokale forbedringen har forfalt', lead: (d) => `Det gjeldende steget i den lokale forbedringen skulle vært fullført${d ? ` ${d}` : ''}. Fullfør steget eller sett en ny dato.` },
    en: {
      subject: 'The step of the local improvement is due',
      lead: (d) => `The current step of the local improvement was due${d ? ` ${d}` : ''}. Please complete the step or set a new date.`,
    },
  },
  caseMovedToProcess: {
    nb: { subject: 'En sak er flyttet til din prosess', lead: (d) => `Saken er flyttet til prosessen du er prosessansvarlig for, og venter på din vurdering${by(d, true)}.` },
    en: {
      subject: 'A case has been moved to your process',
      lead: (d) => `The case has been moved to the process you are process responsible for, and awaits your assessment${by(d, false)}.`,
    },
  },
  caseMovedFromProcess: {
    nb: { subject: 'En sak er flyttet fra din prosess', lead: () => 'Saken er flyttet til en annen prosess. Du trenger ikke gjøre noe mer med den.' },
    en: { subject: 'A case has been moved from your process', lead: () => 'The case has been moved to another process. Nothing more is needed from you.' },
  },
  deadlineMoved: {
    nb: { subject: 'En frist i saken er flyttet', lead: (d) => `En frist i saken er flyttet${d ? ` til ${d}` : ''}. Hvem som flyttet den, og hvorfor, står i sakens historikk.` },
    en: { subject: 'A deadline of the case has been moved', lead: (d) => `A deadline of the case has been moved${d ? ` to ${d}` : ''}. Who moved it, and why, is in the case history.` },
  },
};

/** Templates the cases lib sends itself, beside the machine's: when a case changes process, when a deadline is moved. */
export const CASE_LIB_TEMPLATES = ['caseMovedToProcess', 'caseMovedFromProcess', 'deadlineMoved'] as const;

/**
 * The deadline a template speaks of, by the name of the timer that carries it: the escalation a
 * reminder warns of, the deadline an escalation says has passed, the deadline of new work.
 */
export const CASE_TEMPLATE_DEADLINES: Partial<Record<CaseNotificationTemplate, CaseDelay>> = {
  caseSubmitted: 'ownerEscalation',
  informationProvided: 'ownerEscalation',
  caseReturnedToResponsible: 'ownerEscalation',
  triageReminder: 'ownerEscalation',
  triageOverdue: 'ownerEscalation',
  informationRequested: 'informationTimeout',
  informationReminder: 'informationTimeout',
  caseWithdrawnNoInformation: 'informationTimeout',
  caseEscalated: 'secretariatEscalation',
  caseEscalatedOutsideScope: 'secretariatEscalation',
  ownerDecisionReminder: 'secretariatEscalation',
  ownerDecisionOverdue: 'secretariatEscalation',
  localStepDue: 'stepDue',
  caseMovedToProcess: 'ownerEscalation',
};


/** The notifications of the improvement case, as its registration gives them to the platform. */
export const CASE_NOTIFICATIONS = {
  recipients: CASE_RECIPIENTS,
  templates: CASE_TEMPLATES,
  deadlineOf: CASE_TEMPLATE_DEADLINES,
  openLink: { nb: 'Åpne saken', en: 'Open the case' },
} satisfies WorkflowNotifications;
