import { formatDeadline, type NotificationTexts, renderDigest, renderNotification } from './rendering.js';

/** The words of a small workflow, as a registration gives them. */
const TEXTS: NotificationTexts = {
  noun: { nb: 'sak', en: 'case' },
  openLink: { nb: 'Åpne saken', en: 'Open the case' },
  stateLabel: (state) => ({ submitted: { nb: 'Meldt inn', en: 'Submitted' }, withdrawn: { nb: 'Trukket', en: 'Withdrawn' } })[state] ?? null,
  templates: {
    submitted: {
      nb: { subject: 'Ny sak', lead: (d) => `Vurder saken${d ? ` innen ${d}` : ''}.` },
      en: { subject: 'New case', lead: (d) => `Please assess the case${d ? ` by ${d}` : ''}.` },
    },
    withdrawn: {
      nb: { subject: 'Saken er trukket', lead: () => 'Innmelderen har trukket saken.' },
      en: { subject: 'The case has been withdrawn', lead: () => 'The reporter has withdrawn the case.' },
    },
  },
};
const PARAMS = { reference: 'FLYT-2026-0042', title: 'Digital signering av vedtak', state: 'submitted', deadline: '2026-03-20T14:00:00.000Z' };
const LINK = 'https://flyt.uni.no/api/cases/0b6f3f8e-0000-4000-8000-000000000001';

describe('rendering a notification', () => {
  it('puts the reference and title in the subject, then the lead, what it is about, its state, the deadline and the link', () => {
    expect(renderNotification(TEXTS, 'submitted', PARAMS, 'nb', LINK)).toEqual({
      subject: '[FLYT-2026-0042] Ny sak: Digital signering av vedtak',
      text: [
        'Vurder saken innen fredag 20. mars 2026 kl. 15:00.',
        '',
        'Sak: FLYT-2026-0042 – Digital signering av vedtak',
        'Status: Meldt inn',
        'Frist: fredag 20. mars 2026 kl. 15:00',
        '',
        `Åpne saken: ${LINK}`,
        '',
        '-- ',
        'Denne meldingen kommer fra Flyt. Under varslingsinnstillingene kan du velge e-post med en gang eller en daglig oppsummering.',
      ].join('\n'),
    });
    const en = renderNotification(TEXTS, 'submitted', PARAMS, 'en', LINK).text;
    expect(en).toContain('Please assess the case by Friday, 20 March 2026 at 15:00.');
    expect(en).toContain('Case: FLYT-2026-0042');
    expect(en).toContain('Status: Submitted');
    expect(en).toContain('Deadline: Friday, 20 March 2026 at 15:00');
    expect(en).toContain(`Open the case: ${LINK}`);
  });

  it('reads well without a deadline or a link', () => {
    const { text } = renderNotification(TEXTS, 'submitted', { ...PARAMS, deadline: null }, 'nb', null);
    expect(text.split('\n')[0]).toBe('Vurder saken.');
    expect(text).not.toContain('Frist');
    expect(text).not.toContain('Åpne');
  });

  it('still says what it can for a template or a workflow it has no words for', () => {
    expect(renderNotification(TEXTS, 'surprise', PARAMS, 'en', null).subject).toBe('[FLYT-2026-0042] surprise: Digital signering av vedtak');
    const orphan = renderNotification(null, 'submitted', { ...PARAMS, state: 'gone' }, 'en', LINK).text;
    expect(orphan).toContain('Flyt: FLYT-2026-0042');
    expect(orphan).toContain('Status: gone');
    expect(orphan).toContain(LINK);
  });

  it('formats deadlines as people in Norway read them, in Oslo time', () => {
    expect(formatDeadline('2026-03-20T14:00:00.000Z', 'nb')).toBe('fredag 20. mars 2026 kl. 15:00');
    expect(formatDeadline('2026-07-01T10:00:00.000Z', 'en')).toBe('Wednesday, 1 July 2026 at 12:00');
  });

  it('puts every notification of a digest in one mail, counted in the subject', () => {
    const digest = renderDigest(
      [
        { texts: TEXTS, template: 'submitted', params: PARAMS, link: LINK },
        { texts: TEXTS, template: 'withdrawn', params: { ...PARAMS, reference: 'FLYT-2026-0043', state: 'withdrawn', deadline: null }, link: LINK },
      ],
      'en',
    );
    expect(digest.subject).toBe('Flyt: 2 new notifications');
    expect(digest.text).toContain('[FLYT-2026-0042] New case');
    expect(digest.text).toContain('[FLYT-2026-0043] The case has been withdrawn');
    expect(digest.text.match(/This message comes from Flyt/g)).toHaveLength(1);
    expect(renderDigest([{ texts: TEXTS, template: 'withdrawn', params: PARAMS, link: null }], 'nb').subject).toBe('Flyt: 1 nytt varsel');
  });
});
