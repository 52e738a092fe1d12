import { deadlineOwner } from './deadline-owner.js';

describe('who may move a deadline', () => {
  it('is the role the state waits on', () => {
    expect(deadlineOwner('submitted')).toBe('processResponsible');
    expect(deadlineOwner('withProcessOwner')).toBe('processOwner');
    expect(deadlineOwner('localImprovement.trial')).toBe('lineManager');
  });

  it('is the process responsible, not the reporter, while information is awaited', () => {
    expect(deadlineOwner('awaitingInformation')).toBe('processResponsible');
  });

  it('is no one in a state without deadlines', () => {
    expect(deadlineOwner('draft')).toBeNull();
    expect(deadlineOwner('implemented')).toBeNull();
  });
});
