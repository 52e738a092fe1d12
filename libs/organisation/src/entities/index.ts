import { MandateAbsenceEntity, MandateEntity } from './mandate.entity.js';
import { ProcessEntity, ProcessTeamMemberEntity } from './process.entity.js';
import { RoleAssignmentEntity } from './role-assignment.entity.js';
import { UnitEntity } from './unit.entity.js';
import { UserEntity } from './user.entity.js';

export { MandateAbsenceEntity, MandateEntity, ProcessEntity, ProcessTeamMemberEntity, RoleAssignmentEntity, UnitEntity, UserEntity };

export const ORGANISATION_ENTITIES = [
  UnitEntity,
  UserEntity,
  ProcessEntity,
  ProcessTeamMemberEntity,
  RoleAssignmentEntity,
  MandateEntity,
  MandateAbsenceEntity,
];
