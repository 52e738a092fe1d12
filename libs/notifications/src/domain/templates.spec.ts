import { improvementCaseMachine } from '#workflows/improvement-case.machine';
import { CASE_TEMPLATES, LOCALES, renderDigest, renderNotification, TEMPLATE_DEADLINE } from './templates.js';

/** Every template the machine's notify actions name, read from the machine itself. */
const templatesTheMachineSends = [...new Set([...JSON.stringify(improvementCaseMachine.config).matchAll(/"template":"(\w+)"/g)].map((m) => m[1]!))].sort();

const PARAMS = { reference: 'FLYT-2026-0042', title: 'Digital signering av vedtak', state: 'submitted', deadline: '2026-03-20T14:00:00.000Z' };
const LINK = 'https://flyt.uni.no/api/cases/0b6f3f8e-0000-4000-8000-000000000001';

describe('notification templates', () => {
  it('has wording for every template the improvement-case machine sends, and for no other', () => {
    expect(templatesTheMachineSends.length).toBeGreaterThan(20);
    expect(Object.keys(CASE_TEMPLATES).sort()).toEqual(templatesTheMachineSends);
  });

  it.each(templatesTheMachineSends)('%s exists in bokmål and English, with different words', (template) => {
    const nb = renderNotification(template, PARAMS, 'nb', LINK);
    const en = renderNotification(template, PARAMS, 'en', LINK);
    for (const rendered of [nb, en]) {
      expect(rendered.subject).toContain('[FLYT-2026-0042]');
      expect(rendered.subject).toContain('Digital signering av vedtak');
      expect(rendered.subject).not.toContain(template);
      expect(rendered.text).toContain(LINK);
    }
    expect(nb.subject).not.toBe(en.subject);
    expect(nb.text).not.toBe(en.text);
    expect(Object.keys(CASE_TEMPLATES[template as keyof typeof CASE_TEMPLATES])).toEqual([...LOCALES]);
  });

  it('names the state in the reader’s language', () => {
    expect(renderNotification('caseSubmitted', PARAMS, 'nb', LINK).text).toContain('Status: Meldt inn, til vurdering hos prosessansvarlig');
    expect(renderNotification('caseSubmitted', PARAMS, 'en', LINK).text).toContain('Status: Submitted, with the process responsible');
  });

  it.each(Object.keys(TEMPLATE_DEADLINE))('%s gives the deadline in Oslo time, in both languages', (template) => {
    const nb = renderNotification(template, PARAMS, 'nb', LINK).text;
    const en = renderNotification(template, PARAMS, 'en', LINK).text;
    expect(nb).toContain('fredag 20. mars 2026 kl. 15:00');
    expect(nb).toContain('Frist: fredag 20. mars 2026 kl. 15:00');
    expect(en).toContain('Deadline: Friday, 20 March 2026 at 15:00');
  });

  it('reads well without a deadline when none is known', () => {
    const text = renderNotification('triageReminder', { ...PARAMS, deadline: null }, 'nb', LINK).text;
    expect(text.split('\n')[0]).toBe('Saken venter fortsatt på din vurdering som prosessansvarlig. Vurder den, ellers går den til prosesseier.');
    expect(text).not.toContain('Frist');
  });

  it('puts every notification of a digest in one mail, counted in the subject', () => {
    const digest = renderDigest(
      [
        { template: 'caseSubmitted', params: PARAMS, link: LINK },
        { template: 'caseWithdrawn', params: { ...PARAMS, reference: 'FLYT-2026-0043', state: 'withdrawn', deadline: null }, link: LINK },
      ],
      'en',
    );
    expect(digest.subject).toBe('Flyt: 2 new notifications');
    expect(digest.text).toContain('[FLYT-2026-0042] New case to assess');
    expect(digest.text).toContain('[FLYT-2026-0043] The case has been withdrawn');
    expect(renderDigest([{ template: 'caseWithdrawn', params: PARAMS, link: null }], 'nb').subject).toBe('Flyt: 1 nytt varsel');
  });
});
