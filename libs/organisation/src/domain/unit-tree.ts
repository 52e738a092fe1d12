import { Conflict, InputInvalid } from '#flyt/kernel';

export const UNIT_KINDS = ['university', 'faculty', 'department', 'section', 'central_administration'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

/** Which kinds of unit may sit directly under which. The university is the one root. */
export const ALLOWED_PARENT_KINDS: Record<UnitKind, readonly UnitKind[]> = {
  university: [],
  faculty: ['university'],
  central_administration: ['university'],
  department: ['faculty', 'central_administration'],
  section: ['faculty', 'department', 'central_administration'],
};

export interface TreeNode {
  id: string;
  kind: UnitKind;
  path: readonly string[];
  ended: boolean;
}

/** Checks that a unit of `kind` may be placed under `parent` (null: as the root). */
export function assertPlacement(kind: UnitKind, parent: TreeNode | null, self?: TreeNode): void {
  if (kind === 'university') {
    if (parent) throw new InputInvalid([{ field: 'parentId', reason: 'the university is the root and has no parent unit' }]);
    return;
  }
  if (!parent) throw new InputInvalid([{ field: 'parentId', reason: `a ${kind} needs a parent unit` }]);
  if (parent.ended) throw new Conflict('the parent unit has ended', 'parentId');
  if (!ALLOWED_PARENT_KINDS[kind].includes(parent.kind)) {
    throw new InputInvalid([
      { field: 'parentId', reason: `a ${kind} cannot be placed under a ${parent.kind}; allowed: ${ALLOWED_PARENT_KINDS[kind].join(', ')}` },
    ]);
  }
  if (self && parent.path.includes(self.id)) {
    throw new Conflict('a unit cannot be moved under itself or one of its own sub-units', 'parentId');
  }
}

/** The path of a unit placed under `parent`. */
export function pathUnder(parent: TreeNode | null, id: string): string[] {
  return [...(parent?.path ?? []), id];
}
