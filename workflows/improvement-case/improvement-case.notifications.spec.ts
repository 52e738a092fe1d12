import { LOCALES } from '#flyt/workflow-runtime/domain';
import { CASE_DEADLINES } from './improvement-case.deadlines.js';
import { CASE_STATE_LABELS, improvementCaseMachine } from './improvement-case.machine.js';
import { CASE_LIB_TEMPLATES, CASE_NOTIFICATIONS, CASE_TEMPLATE_DEADLINES, CASE_TEMPLATES } from './improvement-case.notifications.js';

/** Every template the machine's notify actions name, read from the machine itself. */
const templatesTheMachineSends = [...new Set([...JSON.stringify(improvementCaseMachine.config).matchAll(/"template":"(\w+)"/g)].map((m) => m[1]!))].sort();
const templatesSent = [...templatesTheMachineSends, ...CASE_LIB_TEMPLATES].sort();
const recipientsTheMachineNames = [...new Set([...JSON.stringify(improvementCaseMachine.config).matchAll(/"to":"(\w+)"/g)].map((m) => m[1]!))].sort();

describe('improvement-case notifications', () => {
  it('has wording for every template the machine and the cases lib send, and for no other', () => {
    expect(templatesTheMachineSends.length).toBeGreaterThan(20);
    expect(Object.keys(CASE_TEMPLATES).sort()).toEqual(templatesSent);
  });

  it('declares the recipients the machine names, and the one the cases lib adds', () => {
    expect([...CASE_NOTIFICATIONS.recipients].sort()).toEqual([...recipientsTheMachineNames, 'previousProcessResponsible'].sort());
  });

  it.each(templatesSent)('%s exists in bokmål and English, with different words, and reads well with and without a deadline', (template) => {
    const wording = CASE_TEMPLATES[template as keyof typeof CASE_TEMPLATES];
    expect(Object.keys(wording)).toEqual([...LOCALES]);
    expect(wording.nb.subject).not.toBe(wording.en.subject);
    for (const locale of LOCALES) {
      expect(wording[locale].subject).not.toContain(template);
      expect(wording[locale].lead(null)).not.toMatch(/null|undefined|\s[,.]/);
      expect(wording[locale].lead('fredag 20. mars 2026 kl. 15:00').length).toBeGreaterThan(20);
    }
  });

  it.each(Object.keys(CASE_TEMPLATE_DEADLINES))('%s names the deadline it speaks of in its text, in both languages', (template) => {
    const wording = CASE_TEMPLATES[template as keyof typeof CASE_TEMPLATES];
    expect(wording.nb.lead('fredag 20. mars 2026 kl. 15:00')).toContain('fredag 20. mars 2026 kl. 15:00');
    expect(wording.en.lead('Friday, 20 March 2026 at 15:00')).toContain('Friday, 20 March 2026 at 15:00');
    expect(Object.keys(CASE_DEADLINES)).toContain(CASE_TEMPLATE_DEADLINES[template as keyof typeof CASE_TEMPLATE_DEADLINES]);
  });

  it('reads a reminder well without a deadline', () => {
    expect(CASE_TEMPLATES.triageReminder.nb.lead(null)).toBe('Saken venter fortsatt på din vurdering som prosessansvarlig. Vurder den, ellers går den til prosesseier.');
  });

  it('labels the states it speaks of in both languages', () => {
    expect(CASE_STATE_LABELS.submitted).toEqual({ nb: 'Meldt inn, til vurdering hos prosessansvarlig', en: 'Submitted, with the process responsible' });
  });
});
