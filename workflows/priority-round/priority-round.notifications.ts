import type { Locale, NotificationWording, WorkflowNotifications } from '#flyt/workflow-runtime/domain';
import type { RoundDelay } from './priority-round.deadlines.js';
import { ROUND_RECIPIENTS, type RoundNotificationTemplate } from './priority-round.machine.js';

const by = (deadline: string | null, nb: boolean) => (deadline ? (nb ? ` innen ${deadline}` : ` by ${deadline}`) : '');

/**
 * Every notification of a priority round, in Norwegian bokmål and English. The subject is
 * prefixed with the round's reference; the lead says what happened and what the reader must do.
 */
export const ROUND_TEMPLATES: Record<RoundNotificationTemplate, Record<Locale, NotificationWording>> = {
  roundOpened: {
    nb: { subject: 'Prioriteringsrunden er åpen for stemmegivning', lead: (d) => `Du er medlem av programrådet i denne prioriteringsrunden. Gi poeng til hver sak${by(d, true)}.` },
    en: { subject: 'The priority round is open for voting', lead: (d) => `You are a member of the programme council in this priority round. Please score each case${by(d, false)}.` },
  },
  votingReminder: {
    nb: { subject: 'Påminnelse: du har ikke stemt ferdig', lead: (d) => `Du har ennå ikke gitt poeng til alle sakene i prioriteringsrunden. ${d ? `Stemmegivningen stenger ${d}.` : 'Stemmegivningen stenger snart.'}` },
    en: { subject: 'Reminder: your ballot is not complete', lead: (d) => `You have not yet scored every case in the priority round. ${d ? `Voting closes ${d}.` : 'Voting closes soon.'}` },
  },
  votingClosed: {
    nb: { subject: 'Stemmegivningen er avsluttet', lead: () => 'Stemmegivningen i prioriteringsrunden er avsluttet. Resultatet og alle stemmene kan nå ses i Flyt.' },
    en: { subject: 'Voting has closed', lead: () => 'Voting in the priority round has closed. The result and every ballot can now be seen in Flyt.' },
  },
  quorumNotReached: {
    nb: {
      subject: 'For få stemmer i prioriteringsrunden',
      lead: () => 'Stemmegivningen er avsluttet uten at nok medlemmer har stemt på alle sakene. Gi runden én ny frist, eller avlys den.',
    },
    en: {
      subject: 'Too few votes in the priority round',
      lead: () => 'Voting has closed without enough members voting on every case. Give the round one more deadline, or cancel it.',
    },
  },
  roundExtended: {
    nb: { subject: 'Prioriteringsrunden har fått ny frist', lead: (d) => `Stemmegivningen er åpnet igjen fordi for få hadde stemt. Gi poeng til hver sak${by(d, true)}.` },
    en: { subject: 'The priority round has a new deadline', lead: (d) => `Voting has reopened because too few had voted. Please score each case${by(d, false)}.` },
  },
  roundRecommended: {
    nb: { subject: 'Prioritering til godkjenning', lead: () => 'Programsekretariatet anbefaler en portefølje fra prioriteringsrunden. Godkjenn den, eller send den tilbake med en begrunnelse.' },
    en: { subject: 'Prioritisation to approve', lead: () => 'The programme secretariat recommends a portfolio from the priority round. Approve it, or return it with a reason.' },
  },
  roundReturned: {
    nb: { subject: 'Rektor har sendt anbefalingen tilbake', lead: () => 'Rektor har sendt anbefalingen fra prioriteringsrunden tilbake. Begrunnelsen står i runden.' },
    en: { subject: 'The rector has returned the recommendation', lead: () => 'The rector has returned the recommendation of the priority round. The reason is given in the round.' },
  },
  roundApproved: {
    nb: { subject: 'Prioriteringen er godkjent', lead: () => 'Rektor har godkjent prioriteringen. Sakene er prioritert, utsatt eller ikke prioritert, og utviklingsplanen er oppdatert.' },
    en: { subject: 'The prioritisation is approved', lead: () => 'The rector has approved the prioritisation. The cases have been prioritised, deferred or declined, and the development plan is updated.' },
  },
  roundCancelled: {
    nb: { subject: 'Prioriteringsrunden er avlyst', lead: () => 'Prioriteringsrunden er avlyst. Sakene venter på neste runde. Du trenger ikke gjøre noe mer.' },
    en: { subject: 'The priority round is cancelled', lead: () => 'The priority round has been cancelled. Its cases wait for the next round. Nothing more is needed from you.' },
  },
};

/** The deadline each template speaks of. */
export const ROUND_TEMPLATE_DEADLINES: Partial<Record<RoundNotificationTemplate, RoundDelay>> = {
  roundOpened: 'votingCloses',
  votingReminder: 'votingCloses',
  roundExtended: 'votingCloses',
};

export const ROUND_NOTIFICATIONS = {
  recipients: ROUND_RECIPIENTS,
  templates: ROUND_TEMPLATES,
  deadlineOf: ROUND_TEMPLATE_DEADLINES,
  openLink: { nb: 'Åpne prioriteringsrunden', en: 'Open the priority round' },
} satisfies WorkflowNotifications;
