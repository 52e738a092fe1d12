import { Conflict, InputInvalid } from '#flyt/kernel';
import { assertPlacement, pathUnder, type TreeNode } from './unit-tree.js';

const university: TreeNode = { id: 'u', kind: 'university', path: ['u'], ended: false };
const faculty: TreeNode = { id: 'f', kind: 'faculty', path: ['u', 'f'], ended: false };
const department: TreeNode = { id: 'd', kind: 'department', path: ['u', 'f', 'd'], ended: false };
const administration: TreeNode = { id: 'a', kind: 'central_administration', path: ['u', 'a'], ended: false };

describe('unit tree placement', () => {
  it('accepts the university as the root only', () => {
    expect(() => assertPlacement('university', null)).not.toThrow();
    expect(() => assertPlacement('university', faculty)).toThrow(InputInvalid);
  });

  it('places faculties and the central administration under the university', () => {
    expect(() => assertPlacement('faculty', university)).not.toThrow();
    expect(() => assertPlacement('central_administration', university)).not.toThrow();
    expect(() => assertPlacement('faculty', department)).toThrow(/cannot be placed under a department/);
  });

  it('places departments under faculties and the central administration, sections further down', () => {
    expect(() => assertPlacement('department', faculty)).not.toThrow();
    expect(() => assertPlacement('department', administration)).not.toThrow();
    expect(() => assertPlacement('department', university)).toThrow(InputInvalid);
    expect(() => assertPlacement('section', department)).not.toThrow();
  });

  it('needs a parent for everything but the university', () => {
    expect(() => assertPlacement('department', null)).toThrow(/needs a parent/);
  });

  it('refuses an ended parent', () => {
    expect(() => assertPlacement('department', { ...faculty, ended: true })).toThrow(Conflict);
  });

  it('refuses to move a unit under its own sub-unit', () => {
    const section: TreeNode = { id: 's', kind: 'section', path: ['u', 'f', 'd', 's'], ended: false };
    expect(() => assertPlacement('department', { ...section, kind: 'faculty' }, department)).toThrow(/under itself/);
  });

  it('builds the path from the root down', () => {
    expect(pathUnder(faculty, 'x')).toEqual(['u', 'f', 'x']);
    expect(pathUnder(null, 'u')).toEqual(['u']);
  });
});
