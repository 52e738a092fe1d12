import { type EntityManager, In } from 'typeorm';
import type { MandateTerm } from '../domain/process-rules.js';
import { MandateAbsenceEntity, type MandateEntity } from '../entities/mandate.entity.js';

/** Mandates with their holders' absences, as the process rules read them. */
export async function mandateTerms(manager: EntityManager, mandates: readonly MandateEntity[]): Promise<Map<string, MandateTerm>> {
  const absences = mandates.length ? await manager.findBy(MandateAbsenceEntity, { mandateId: In(mandates.map((m) => m.id)) }) : [];
  return new Map(
    mandates.map((m) => [
      m.id,
      {
        id: m.id,
        holderId: m.holderId,
        deputyId: m.deputyId,
        validFrom: m.validFrom,
        validTo: m.validTo,
        ended: m.endedAt !== null,
        absences: absences.filter((a) => a.mandateId === m.id).map((a) => ({ startsOn: a.startsOn, endsOn: a.endsOn })),
      },
    ]),
  );
}
