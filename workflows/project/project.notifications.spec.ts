import { LOCALES } from '#flyt/workflow-runtime/domain';
import { PROJECT_DEADLINES } from './project.deadlines.js';
import { projectMachine } from './project.machine.js';
import { PROJECT_NOTIFICATIONS, PROJECT_TEMPLATE_DEADLINES, PROJECT_TEMPLATES } from './project.notifications.js';

/** Every template and recipient the machine's notify actions name, read from the machine itself. */
const named = (key: 'template' | 'to') => [...new Set([...JSON.stringify(projectMachine.config).matchAll(new RegExp(`"${key}":"(\\w+)"`, 'g'))].map((m) => m[1]!))].sort();
const templatesTheMachineSends = named('template');
const recipientsTheMachineNames = named('to');

const NB_DEADLINE = 'fredag 20. mars 2026 kl. 15:00';
const EN_DEADLINE = 'Friday, 20 March 2026 at 15:00';

describe('project notifications', () => {
  it('has wording for every template the machine sends, and for no other', () => {
    expect(templatesTheMachineSends).toHaveLength(14);
    expect(Object.keys(PROJECT_TEMPLATES).sort()).toEqual(templatesTheMachineSends);
  });

  it('declares exactly the recipients the machine names', () => {
    expect([...PROJECT_NOTIFICATIONS.recipients].sort()).toEqual(recipientsTheMachineNames);
  });

  it.each(templatesTheMachineSends)('%s exists in bokmål and English, with different words, and reads well with and without a deadline', (template) => {
    const wording = PROJECT_TEMPLATES[template as keyof typeof PROJECT_TEMPLATES];
    expect(Object.keys(wording)).toEqual([...LOCALES]);
    expect(wording.nb.subject).not.toBe(wording.en.subject);
    expect(wording.nb.lead(null)).not.toBe(wording.en.lead(null));
    for (const locale of LOCALES) {
      expect(wording[locale].subject).not.toContain(template);
      expect(wording[locale].lead(null)).not.toMatch(/null|undefined|\s[,.]|\(\)/);
      expect(wording[locale].lead(locale === 'nb' ? NB_DEADLINE : EN_DEADLINE).length).toBeGreaterThan(40);
    }
  });

  it.each(Object.keys(PROJECT_TEMPLATE_DEADLINES))('%s names the deadline it speaks of in its text, in both languages', (template) => {
    const wording = PROJECT_TEMPLATES[template as keyof typeof PROJECT_TEMPLATES];
    expect(wording.nb.lead(NB_DEADLINE)).toContain(NB_DEADLINE);
    expect(wording.en.lead(EN_DEADLINE)).toContain(EN_DEADLINE);
    expect(Object.keys(PROJECT_DEADLINES)).toContain(PROJECT_TEMPLATE_DEADLINES[template as keyof typeof PROJECT_TEMPLATE_DEADLINES]);
  });

  it('a reminder speaks of the deadline it warns of, not of itself', () => {
    expect(PROJECT_NOTIFICATIONS.deadlineOf).toMatchObject({ gateReminder: 'gateOverdue', statusReportReminder: 'statusReportOverdue' });
  });

  it('reads a reminder well, with and without the planned date', () => {
    expect(PROJECT_TEMPLATES.gateReminder.nb.lead(NB_DEADLINE)).toBe(
      'Neste beslutningspunkt for prosjektet er planlagt til fredag 20. mars 2026 kl. 15:00. Sørg for at sjekklisten er komplett og at prosjektet er sendt til beslutning i tide, eller sett en ny dato.',
    );
    expect(PROJECT_TEMPLATES.gateReminder.en.lead(null)).toBe(
      'The project’s next gate is coming up. Make sure the checklist is complete and the project is submitted for the decision in time, or set a new date.',
    );
    expect(PROJECT_TEMPLATES.statusReportOverdue.nb.lead(null)).toBe('Prosjektlederen har ikke levert månedens statusrapport innen fristen. Som prosjekteier bør du følge det opp.');
  });

  it('links to the project in both languages', () => {
    expect(PROJECT_NOTIFICATIONS.openLink).toEqual({ nb: 'Åpne prosjektet', en: 'Open the project' });
  });
});
