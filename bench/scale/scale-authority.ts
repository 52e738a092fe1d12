import { type AssignmentRecord, type Grant, grantsInForce, type MandateRecord, type Scope } from '#flyt/access';
import type { Directory } from '#flyt/cases';
import type { ScaleAssignment, ScaleOrganisation } from './scale-organisation.js';

type Dated = { validFrom: string; validTo: string | null };
const covers = (p: Dated, day: string) => p.validFrom <= day && (p.validTo === null || day <= p.validTo);

function scopeOf(a: ScaleAssignment): Scope {
  if (a.scopeKind === 'unit') return { kind: 'unit', unitId: a.unitId! };
  if (a.scopeKind === 'process') return { kind: 'process', processId: a.processId! };
  return { kind: 'global' };
}

const recordOf = (a: ScaleAssignment): AssignmentRecord & { userId: string } => ({
  id: a.id,
  userId: a.userId,
  role: a.role,
  scope: scopeOf(a),
  validFrom: a.validFrom,
  validTo: a.validTo,
  ended: false,
});

/**
 * Who held what on a given day in the scaled organisation, answered from the same records and by
 * the same rules (`grantsInForce`) the application reads: the seed asks it which person sent each
 * event, with which roles, and who each notification went to.
 */
export class ScaleAuthority {
  private readonly assignmentsByUser = new Map<string, AssignmentRecord[]>();
  private readonly mandatesByUser = new Map<string, MandateRecord[]>();
  private readonly lineManagersByUnit = new Map<string, ScaleAssignment[]>();
  private readonly ownersByProcess = new Map<string, ScaleAssignment[]>();
  private readonly advisersByProcess = new Map<string, ScaleAssignment[]>();
  private readonly mandatesByProcess = new Map<string, MandateRecord[]>();
  private readonly secretariat: ScaleAssignment[];
  private readonly records = new Map<string, AssignmentRecord & { userId: string }>();

  constructor(org: ScaleOrganisation) {
    const push = <K, V>(map: Map<K, V[]>, key: K, value: V) => {
      const list = map.get(key);
      if (list) list.push(value);
      else map.set(key, [value]);
    };
    for (const a of org.assignments) {
      push(this.assignmentsByUser, a.userId, recordOf(a));
      if (a.role === 'line_manager') push(this.lineManagersByUnit, a.unitId!, a);
      if (a.role === 'process_owner') push(this.ownersByProcess, a.processId!, a);
      if (a.role === 'process_adviser') push(this.advisersByProcess, a.processId!, a);
    }
    this.secretariat = org.assignments.filter((a) => a.role === 'programme_secretariat');
    for (const a of org.assignments) if (a.role === 'line_manager' || a.role === 'process_owner' || a.role === 'programme_secretariat') this.records.set(a.id, recordOf(a));
    const absencesByMandate = new Map<string, MandateRecord['absences']>();
    for (const a of org.absences) push(absencesByMandate, a.mandateId, { id: a.id, startsOn: a.startsOn, endsOn: a.endsOn });
    for (const m of org.mandates) {
      const record: MandateRecord = {
        id: m.id,
        processId: m.processId,
        holderId: m.holderId,
        deputyId: m.deputyId,
        validFrom: m.validFrom,
        validTo: m.validTo,
        ended: false,
        absences: absencesByMandate.get(m.id) ?? [],
      };
      push(this.mandatesByProcess, m.processId, record);
      push(this.mandatesByUser, m.holderId, record);
      if (m.deputyId) push(this.mandatesByUser, m.deputyId, record);
    }
  }

  /** The grants the user holds on `day`, as the application computes them for a request that day. */
  grantsOn(userId: string, day: string): Grant[] {
    return grantsInForce(userId, this.assignmentsByUser.get(userId) ?? [], this.mandatesByUser.get(userId) ?? [], day);
  }

  lineManagerOf(unitId: string, day: string): string | null {
    return this.lineManagersByUnit.get(unitId)?.find((a) => covers(a, day))?.userId ?? null;
  }

  /** The line manager of the nearest unit on the path that has one on `day`, the unit itself first. */
  nearestLineManager(path: readonly string[], day: string): string | null {
    for (let i = path.length - 1; i >= 0; i -= 1) {
      const manager = this.lineManagerOf(path[i]!, day);
      if (manager) return manager;
    }
    return null;
  }

  ownerOf(processId: string, day: string): string | null {
    return this.ownersByProcess.get(processId)?.find((a) => covers(a, day))?.userId ?? null;
  }

  advisersOf(processId: string, day: string): string[] {
    return (this.advisersByProcess.get(processId) ?? []).filter((a) => covers(a, day)).map((a) => a.userId);
  }

  /** Who acts as process responsible on `day`: the deputy while the holder is away, else the holder. */
  responsibleOf(processId: string, day: string): string | null {
    const mandate = this.mandatesByProcess.get(processId)?.find((m) => m.validFrom <= day && day <= m.validTo);
    if (!mandate) return null;
    const away = mandate.absences.some((a) => a.startsOn <= day && day <= a.endsOn);
    return away && mandate.deputyId ? mandate.deputyId : mandate.holderId;
  }

  secretariatOn(day: string): string[] {
    return this.secretariat.filter((a) => covers(a, day)).map((a) => a.userId);
  }

  /**
   * What the notify effect's recipient lookup reads for a case on `day` (libs/cases, case-recipients.ts):
   * the line managers on the unit path, the owners of the process and the programme secretariat,
   * and the process's mandates. Narrowed to the records in force that day; the rule decides the same.
   */
  directoryOn(processId: string, unitPath: readonly string[], day: string): Directory {
    const inForce = [
      ...unitPath.flatMap((unitId) => this.lineManagersByUnit.get(unitId) ?? []),
      ...(this.ownersByProcess.get(processId) ?? []),
      ...this.secretariat,
    ].filter((a) => covers(a, day));
    return {
      assignments: inForce.map((a) => this.records.get(a.id)!),
      mandates: (this.mandatesByProcess.get(processId) ?? []).filter((m) => m.validFrom <= day && day <= m.validTo),
      endedUserIds: new Set(),
    };
  }
}
