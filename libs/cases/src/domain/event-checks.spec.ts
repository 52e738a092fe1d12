import { eventWarnings } from './event-checks.js';

describe('what Flyt warns of beside an event', () => {
  it('warns that a case escalated without a significant IT component is outside the policy’s scope, saying whether the process owner is told', () => {
    const [told] = eventWarnings('ESCALATE', { significantItComponent: false }, { toldProcessOwner: true });
    expect(told).toEqual({ code: 'out_of_scope_no_it_component', message: expect.stringContaining('does not cover process development without one') });
    expect(told!.message).toContain('the process owner is told so');
    expect(told!.message).toContain('REJECT with the reason out_of_scope_no_it_component');
    expect(eventWarnings('ESCALATE', { significantItComponent: false }, { toldProcessOwner: false })[0]!.message).not.toContain('told');
  });

  it('warns of nothing when the IT component is significant or not assessed yet, nor for another event', () => {
    expect(eventWarnings('ESCALATE', { significantItComponent: true }, { toldProcessOwner: false })).toEqual([]);
    expect(eventWarnings('ESCALATE', { significantItComponent: null }, { toldProcessOwner: false })).toEqual([]);
    expect(eventWarnings('ESCALATE', {}, { toldProcessOwner: false })).toEqual([]);
    expect(eventWarnings('ACCEPT_LOCAL', { significantItComponent: false }, { toldProcessOwner: false })).toEqual([]);
  });
});
