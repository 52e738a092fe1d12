import { timerJobId } from './job-ids.js';
import { outboxRetryDelayMs } from './retry.js';

describe('timer job ids', () => {
  const instance = '6f1c2a3e-8d4b-4c5a-9e6f-7a8b9c0d1e2f';
  const timer = 'xstate.after.responsibleReminder.approval.submitted';

  it('are the same for the same timer and generation, so enqueueing twice adds one job', () => {
    expect(timerJobId(instance, timer, 1)).toBe(timerJobId(instance, timer, 1));
  });

  it('differ between generations and timers, so a moved or re-entered deadline gets a job of its own', () => {
    const ids = new Set([timerJobId(instance, timer, 1), timerJobId(instance, timer, 2), timerJobId(instance, 'xstate.after.ownerEscalation.approval.submitted', 1)]);
    expect(ids.size).toBe(3);
  });

  it("are valid BullMQ custom ids: no ':' and not all digits", () => {
    const id = timerJobId(instance, timer, 12);
    expect(id).not.toContain(':');
    expect(id).not.toMatch(/^\d+$/);
    expect(id).toMatch(/^6f1c2a3e-8d4b-4c5a-9e6f-7a8b9c0d1e2f\.[0-9a-f]{16}\.12$/);
  });
});

describe('outbox retry backoff', () => {
  it('doubles from one second and stops growing at five minutes', () => {
    expect([1, 2, 3, 4].map(outboxRetryDelayMs)).toEqual([1000, 2000, 4000, 8000]);
    expect(outboxRetryDelayMs(30)).toBe(300_000);
  });
});
