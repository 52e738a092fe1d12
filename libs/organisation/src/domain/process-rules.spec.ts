import { Conflict } from '#flyt/kernel';
import { assertProcessMayEnd, type MandateOfProcess } from './process-rules.js';

const TODAY = '2026-03-15';
const YESTERDAY = '2026-03-14';
const TOMORROW = '2026-03-16';

describe('assertProcessMayEnd', () => {
  const of = (overrides: Partial<MandateOfProcess>): MandateOfProcess => ({
    id: 'md-1',
    holderName: 'Kari Nordmann',
    validFrom: '2026-01-01',
    validTo: '2026-06-30',
    ended: false,
    ...overrides,
  });

  function refusal(mandates: MandateOfProcess[]): Conflict {
    try {
      assertProcessMayEnd('OPPTAK', mandates, TODAY);
    } catch (error) {
      return error as Conflict;
    }
    throw new Error('expected a refusal');
  }

  it('lets a process without mandates end', () => {
    expect(() => assertProcessMayEnd('OPPTAK', [], TODAY)).not.toThrow();
  });

  it('lets a process end whose mandates ran out or were ended', () => {
    expect(() => assertProcessMayEnd('OPPTAK', [of({ validTo: YESTERDAY }), of({ id: 'md-2', ended: true })], TODAY)).not.toThrow();
  });

  it('refuses while a mandate is in force, naming its holder and dates', () => {
    const error = refusal([of({}), of({ id: 'md-old', holderName: 'Ola', validTo: YESTERDAY })]);
    expect(error).toBeInstanceOf(Conflict);
    expect(error.message).toBe(
      'process OPPTAK still has mandates in force or starting later: Kari Nordmann (2026-01-01 – 2026-06-30); the process owner must end them first',
    );
    expect(error.details.mandateIds).toEqual(['md-1']);
  });

  it('refuses while a mandate is still to start, saying so', () => {
    const error = refusal([of({ id: 'md-next', holderName: 'Per', validFrom: TOMORROW, validTo: '2026-12-31' })]);
    expect(error.message).toContain('Per (2026-03-16 – 2026-12-31, not yet started)');
    expect(error.details.mandateIds).toEqual(['md-next']);
  });

  it('refuses on the last day of a mandate (days are inclusive)', () => {
    expect(refusal([of({ validTo: TODAY })]).details.mandateIds).toEqual(['md-1']);
  });
});
