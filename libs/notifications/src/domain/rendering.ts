import type { Locale, Localised, NotificationWording } from '#flyt/workflow-runtime';

/** What a notification's text is made of, stored with the row as it stood when it was made. */
export interface NotificationParams {
  reference: string;
  title: string;
  /** The instance's state right after the event (dotted path). */
  state: string;
  /** ISO instant of the deadline the text speaks of, for reminders, escalations and new work. */
  deadline?: string | null;
}

/** The words a workflow gives its notifications: the templates, what an instance is called, its state labels. */
export interface NotificationTexts {
  templates: Readonly<Record<string, Readonly<Record<Locale, NotificationWording>>>>;
  noun: Localised;
  openLink: Localised;
  stateLabel(state: string): Localised | null;
}

export interface RenderedNotification {
  subject: string;
  text: string;
}

const DEADLINE_FORMAT: Record<Locale, Intl.DateTimeFormat> = {
  nb: new Intl.DateTimeFormat('nb-NO', { dateStyle: 'full', timeStyle: 'short', timeZone: 'Europe/Oslo' }),
  en: new Intl.DateTimeFormat('en-GB', { dateStyle: 'full', timeStyle: 'short', timeZone: 'Europe/Oslo' }),
};

/** A deadline as people in Norway read it: "fredag 20. mars 2026 kl. 15:00", "Friday, 20 March 2026 at 15:00". */
export function formatDeadline(iso: string, locale: Locale): string {
  return DEADLINE_FORMAT[locale].format(new Date(iso));
}

const LABELS: Record<Locale, { state: string; deadline: string; footer: string }> = {
  nb: {
    state: 'Status',
    deadline: 'Frist',
    footer: 'Denne meldingen kommer fra Flyt. Under varslingsinnstillingene kan du velge e-post med en gang eller en daglig oppsummering.',
  },
  en: {
    state: 'Status',
    deadline: 'Deadline',
    footer: 'This message comes from Flyt. In your notification settings you can choose e-mail at once or a daily digest.',
  },
};

const capitalised = (word: string) => word.charAt(0).toLocaleUpperCase('nb-NO') + word.slice(1);

/**
 * The subject line and the plain-text body of one notification, in the reader's language. Without
 * the workflow's texts (a workflow no longer registered) it still says what it can.
 */
export function renderNotification(
  texts: NotificationTexts | null,
  template: string,
  params: NotificationParams,
  locale: Locale,
  link: string | null,
  options: { footer?: boolean } = {},
): RenderedNotification {
  const wording = texts && Object.hasOwn(texts.templates, template) ? texts.templates[template]![locale] : null;
  const deadline = params.deadline ? formatDeadline(params.deadline, locale) : null;
  const l = LABELS[locale];
  const noun = texts ? capitalised(texts.noun[locale]) : 'Flyt';
  const subject = `[${params.reference}] ${wording?.subject ?? template}: ${params.title}`;
  const lines = [
    wording?.lead(deadline) ?? template,
    '',
    `${noun}: ${params.reference} – ${params.title}`,
    `${l.state}: ${texts?.stateLabel(params.state)?.[locale] ?? params.state}`,
    ...(deadline ? [`${l.deadline}: ${deadline}`] : []),
    ...(link ? ['', `${texts?.openLink[locale] ?? link}: ${link}`] : []),
    ...(options.footer === false ? [] : ['', '-- ', l.footer]),
  ];
  return { subject, text: lines.join('\n') };
}

/** The daily digest: one mail listing every notification not yet mailed, oldest first. */
export function renderDigest(
  items: ReadonlyArray<{ texts: NotificationTexts | null; template: string; params: NotificationParams; link: string | null }>,
  locale: Locale,
): RenderedNotification {
  const n = items.length;
  const subject =
    locale === 'nb' ? `Flyt: ${n} ${n === 1 ? 'nytt varsel' : 'nye varsler'}` : `Flyt: ${n} new ${n === 1 ? 'notification' : 'notifications'}`;
  const intro = locale === 'nb' ? 'Dette har skjedd i sakene dine siden forrige oppsummering:' : 'This is what happened in your cases since the last digest:';
  const parts = items.map((item) => {
    const { subject: line, text } = renderNotification(item.texts, item.template, item.params, locale, item.link, { footer: false });
    return `* ${line}\n${text.replace(/^/gm, '  ').replace(/^ +$/gm, '')}`;
  });
  return { subject, text: [intro, '', parts.join('\n\n'), '', '-- ', LABELS[locale].footer].join('\n') };
}
