import { LOCALES } from '#flyt/workflow-runtime/domain';
import { FOLLOWUP_DEADLINES } from './benefits-followup.deadlines.js';
import { benefitsFollowupMachine, FOLLOWUP_RECIPIENTS } from './benefits-followup.machine.js';
import { FOLLOWUP_NOTIFICATIONS, FOLLOWUP_TEMPLATE_DEADLINES, FOLLOWUP_TEMPLATES } from './benefits-followup.notifications.js';

/** Every template and recipient the machine's notify actions name, read from the machine itself. */
const config = JSON.stringify(benefitsFollowupMachine.config);
const templatesTheMachineSends = [...new Set([...config.matchAll(/"template":"(\w+)"/g)].map((m) => m[1]!))].sort();
const recipientsTheMachineNames = [...new Set([...config.matchAll(/"to":"(\w+)"/g)].map((m) => m[1]!))].sort();

describe('benefits-followup notifications', () => {
  it('has wording for every template the machine sends, and for no other', () => {
    expect(templatesTheMachineSends).toEqual(
      ['benefitsConcluded', 'conclusionReminder', 'measurementDue', 'measurementEscalated', 'measurementOverdue', 'measurementRecorded', 'measurementsComplete'],
    );
    expect(Object.keys(FOLLOWUP_TEMPLATES).sort()).toEqual(templatesTheMachineSends);
  });

  it('declares exactly the recipients the machine names', () => {
    expect([...FOLLOWUP_RECIPIENTS].sort()).toEqual(recipientsTheMachineNames);
    expect(FOLLOWUP_NOTIFICATIONS.recipients).toBe(FOLLOWUP_RECIPIENTS);
  });

  it.each(templatesTheMachineSends)('%s exists in bokmål and English, with different words, and reads well with and without a deadline', (template) => {
    const wording = FOLLOWUP_TEMPLATES[template as keyof typeof FOLLOWUP_TEMPLATES];
    expect(Object.keys(wording)).toEqual([...LOCALES]);
    expect(wording.nb.subject).not.toBe(wording.en.subject);
    for (const locale of LOCALES) {
      expect(wording[locale].subject).not.toContain(template);
      expect(wording[locale].lead(null)).not.toMatch(/null|undefined|\s[,.:]/);
      expect(wording[locale].lead('mandag 15. mars 2027 kl. 12:00').length).toBeGreaterThan(40);
    }
  });

  it.each(Object.keys(FOLLOWUP_TEMPLATE_DEADLINES))('%s names the deadline it speaks of in its text, in both languages', (template) => {
    const wording = FOLLOWUP_TEMPLATES[template as keyof typeof FOLLOWUP_TEMPLATES];
    expect(wording.nb.lead('mandag 15. mars 2027 kl. 12:00')).toContain('mandag 15. mars 2027 kl. 12:00');
    expect(wording.en.lead('Monday, 15 March 2027 at 12:00')).toContain('Monday, 15 March 2027 at 12:00');
    expect(Object.keys(FOLLOWUP_DEADLINES)).toContain(FOLLOWUP_TEMPLATE_DEADLINES[template as keyof typeof FOLLOWUP_TEMPLATE_DEADLINES]);
  });

  it('tells a benefit owner on the date what to do and what follows', () => {
    expect(FOLLOWUP_TEMPLATES.measurementDue.nb.lead('mandag 15. mars 2027 kl. 12:00')).toBe(
      'Det er tid for å måle gevinstene du er gevinsteier for i gevinstrealiseringsplanen. Registrer målingene i Flyt innen mandag 15. mars 2027 kl. 12:00, ellers går saken videre til gevinstansvarlig.',
    );
    expect(FOLLOWUP_NOTIFICATIONS.openLink).toEqual({ nb: 'Åpne gevinstoppfølgingen', en: 'Open the benefits follow-up' });
  });
});
