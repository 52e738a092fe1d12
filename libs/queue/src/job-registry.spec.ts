import { indexHandlers, JOB_QUEUES, type JobHandler, type JobName } from './job-registry.js';

const handlerFor = (job: JobName): JobHandler => ({ job, handle: async () => ({ done: true }) });
const everyJob = (Object.keys(JOB_QUEUES) as JobName[]).map(handlerFor);

describe('job registry', () => {
  it('indexes one handler per job', () => {
    expect([...indexHandlers(everyJob).keys()].sort()).toEqual(Object.keys(JOB_QUEUES).sort());
  });

  it('refuses to start when a job has no handler', () => {
    expect(() => indexHandlers(everyJob.filter((h) => h.job !== 'timer.fire'))).toThrow('No handler for job(s): timer.fire');
  });

  it('refuses to start when a job has two handlers', () => {
    expect(() => indexHandlers([...everyJob, handlerFor('worker.heartbeat')])).toThrow('Two handlers for job worker.heartbeat');
  });

  it('puts the deadline jobs on the timers queue', () => {
    expect(JOB_QUEUES['timer.fire']).toBe('timers');
    expect(JOB_QUEUES['timers.sweep']).toBe('timers');
  });
});
