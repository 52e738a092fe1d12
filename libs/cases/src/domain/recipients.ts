import { type AssignmentRecord, type Grant, grantsInForce, type MandateRecord } from '#flyt/access';
import type { NotifyRecipient } from '#workflows/improvement-case/improvement-case.machine';

/** The case a `notify` effect is about, as recipient resolution needs it. */
export interface CaseForRecipients {
  reporterId: string;
  processId: string;
  /** Ids from the root unit down to the reporting unit. */
  reportingUnitPath: readonly string[];
}

/**
 * Who holds what, as stored: role assignments (with their user) and the mandates of the case's
 * process with their absences. Records may be out of force; the rules below decide for `today`.
 */
export interface Directory {
  assignments: ReadonlyArray<AssignmentRecord & { userId: string }>;
  mandates: readonly MandateRecord[];
  /** Users whose account has ended: they are never notified. */
  endedUserIds: ReadonlySet<string>;
}

const inForceFor = (userId: string, directory: Directory, today: string): Grant[] =>
  grantsInForce(
    userId,
    directory.assignments.filter((a) => a.userId === userId),
    directory.mandates.filter((m) => m.holderId === userId || m.deputyId === userId),
    today,
  );

/** Every user of the directory with the grants they hold today. */
function grantsByUser(directory: Directory, today: string): Map<string, Grant[]> {
  const users = new Set<string>([
    ...directory.assignments.map((a) => a.userId),
    ...directory.mandates.flatMap((m) => (m.deputyId ? [m.holderId, m.deputyId] : [m.holderId])),
  ]);
  const byUser = new Map<string, Grant[]>();
  for (const userId of users) {
    if (directory.endedUserIds.has(userId)) continue;
    const grants = inForceFor(userId, directory, today);
    if (grants.length) byUser.set(userId, grants);
  }
  return byUser;
}

const holders = (byUser: Map<string, Grant[]>, match: (g: Grant) => boolean): string[] =>
  [...byUser].filter(([, grants]) => grants.some(match)).map(([userId]) => userId);

/**
 * The users a `notify` effect of a case goes to, on `today` (YYYY-MM-DD, Europe/Oslo), each once:
 * - reporter: the case's reporter;
 * - lineManager: the line managers of the nearest unit on the reporting unit's path that has one
 *   in force (the reporting unit itself first, then the units above it);
 * - processResponsible: the holders of mandates in force for the case's process, and the deputy
 *   standing in while a holder is absent (the same rule as the access grants);
 * - processOwner: process owners of the process (or of every process);
 * - programmeSecretariat: the programme secretariat.
 * Users whose account has ended are left out; `system` is nobody.
 */
export function recipientsFor(to: NotifyRecipient | readonly NotifyRecipient[], subject: CaseForRecipients, directory: Directory, today: string): string[] {
  const wanted = new Set<NotifyRecipient>(typeof to === 'string' ? [to] : to);
  const byUser = grantsByUser(directory, today);
  const found = new Set<string>();
  const add = (ids: Iterable<string>) => {
    for (const id of ids) if (!directory.endedUserIds.has(id)) found.add(id);
  };

  if (wanted.has('reporter')) add([subject.reporterId]);
  if (wanted.has('lineManager')) {
    for (const unitId of [...subject.reportingUnitPath].reverse()) {
      const managers = holders(byUser, (g) => g.role === 'line_manager' && g.scope.kind === 'unit' && g.scope.unitId === unitId);
      if (managers.length) {
        add(managers);
        break;
      }
    }
  }
  const forProcess = (g: Grant) => g.scope.kind === 'global' || (g.scope.kind === 'process' && g.scope.processId === subject.processId);
  if (wanted.has('processResponsible')) add(holders(byUser, (g) => g.role === 'process_responsible' && forProcess(g)));
  if (wanted.has('processOwner')) add(holders(byUser, (g) => g.role === 'process_owner' && forProcess(g)));
  if (wanted.has('programmeSecretariat')) add(holders(byUser, (g) => g.role === 'programme_secretariat'));
  return [...found].sort();
}
