import type { Locale, NotificationWording, WorkflowNotifications } from '#flyt/workflow-runtime/domain';
import type { FollowupDelay } from './benefits-followup.deadlines.js';
import { FOLLOWUP_RECIPIENTS, type FollowupNotificationTemplate } from './benefits-followup.machine.js';

const by = (deadline: string | null, nb: boolean) => (deadline ? (nb ? ` innen ${deadline}` : ` by ${deadline}`) : '');

/**
 * Every notification of a benefits follow-up, in Norwegian bokmål and English. The subject is
 * prefixed with the follow-up's reference; the lead says what happened and what the reader must do.
 */
export const FOLLOWUP_TEMPLATES: Record<FollowupNotificationTemplate, Record<Locale, NotificationWording>> = {
  measurementDue: {
    nb: {
      subject: 'Tid for gevinstmåling',
      lead: (d) => `Det er tid for å måle gevinstene du er gevinsteier for i gevinstrealiseringsplanen. Registrer målingene i Flyt${by(d, true)}, ellers går saken videre til gevinstansvarlig.`,
    },
    en: {
      subject: 'Time to measure benefits',
      lead: (d) => `It is time to measure the benefits you own in the benefits-realisation plan. Please record the measurements in Flyt${by(d, false)}, or the follow-up goes to the responsible line manager.`,
    },
  },
  measurementOverdue: {
    nb: {
      subject: 'Gevinstmåling på overtid',
      lead: (d) =>
        `En måling av en gevinst du er gevinstansvarlig for, er ikke registrert innen fristen. Sørg for at gevinsteieren registrerer den${by(d, true)}, eller registrer den selv, ellers går saken videre til prosesseier.`,
    },
    en: {
      subject: 'A benefits measurement is overdue',
      lead: (d) =>
        `A measurement of a benefit you are responsible for has not been recorded by its deadline. Please see that the benefit owner records it${by(d, false)}, or record it yourself, or it goes to the process owner.`,
    },
  },
  measurementEscalated: {
    nb: {
      subject: 'Gevinstmåling på overtid er løftet til deg',
      lead: () => 'En gevinstmåling er fortsatt ikke registrert, heller ikke etter at gevinstansvarlig ble varslet. Som prosesseier bør du følge den opp.',
    },
    en: {
      subject: 'An overdue benefits measurement is escalated to you',
      lead: () => 'A benefits measurement has still not been recorded, even after the responsible line manager was told. As process owner, please follow it up.',
    },
  },
  measurementRecorded: {
    nb: {
      subject: 'En gevinstmåling er registrert',
      lead: () => 'En måling av en gevinst du er gevinstansvarlig for, er registrert. Verdien, og forklaringen hvis den avviker fra målet, står i gevinstoppfølgingen.',
    },
    en: {
      subject: 'A benefits measurement has been recorded',
      lead: () => 'A measurement of a benefit you are responsible for has been recorded. The value, and the explanation if it misses the target, are in the benefits follow-up.',
    },
  },
  measurementsComplete: {
    nb: {
      subject: 'Alle gevinstmålingene er registrert',
      lead: (d) =>
        `Alle målingene i gevinstrealiseringsplanen er registrert. Konkluder gevinstarbeidet (BP6)${d ? ` helst innen ${d}` : ''}: er gevinstene realisert, delvis realisert eller ikke realisert, og trengs det mer arbeid? Saken lukkes når du konkluderer.`,
    },
    en: {
      subject: 'Every benefits measurement has been recorded',
      lead: (d) =>
        `Every measurement in the benefits-realisation plan has been recorded. Please conclude the benefits work (BP6)${d ? `, preferably by ${d}` : ''}: are the benefits realised, partly realised or not realised, and is more work needed? The case is closed when you conclude.`,
    },
  },
  conclusionReminder: {
    nb: {
      subject: 'Påminnelse: gevinstarbeidet venter på din konklusjon',
      lead: () => 'Gevinstarbeidet venter fortsatt på din konklusjon (BP6). Konkluder i Flyt om gevinstene er realisert, delvis realisert eller ikke realisert, og om det trengs mer arbeid. Saken lukkes når du konkluderer.',
    },
    en: {
      subject: 'Reminder: the benefits work awaits your conclusion',
      lead: () => 'The benefits work still awaits your conclusion (BP6). Please conclude in Flyt whether the benefits are realised, partly realised or not realised, and whether more work is needed. The case is closed when you conclude.',
    },
  },
  benefitsConcluded: {
    nb: {
      subject: 'Gevinstarbeidet er avsluttet',
      lead: () => 'Prosesseieren har avsluttet gevinstarbeidet (BP6). Konklusjonen står i gevinstoppfølgingen, og forbedringssaken er lukket. Du trenger ikke registrere flere målinger.',
    },
    en: {
      subject: 'The benefits work is concluded',
      lead: () => 'The process owner has concluded the benefits work (BP6). The conclusion is in the benefits follow-up, and the improvement case is closed. No more measurements are needed from you.',
    },
  },
};

/** The deadline each template speaks of: the escalation a reminder warns of, or when the conclusion is expected. */
export const FOLLOWUP_TEMPLATE_DEADLINES: Partial<Record<FollowupNotificationTemplate, FollowupDelay>> = {
  measurementDue: 'measurementOverdue',
  measurementOverdue: 'measurementEscalated',
  measurementsComplete: 'conclusionReminder',
};

export const FOLLOWUP_NOTIFICATIONS = {
  recipients: FOLLOWUP_RECIPIENTS,
  templates: FOLLOWUP_TEMPLATES,
  deadlineOf: FOLLOWUP_TEMPLATE_DEADLINES,
  openLink: { nb: 'Åpne gevinstoppfølgingen', en: 'Open the benefits follow-up' },
} satisfies WorkflowNotifications;
