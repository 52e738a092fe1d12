import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthorityService } from './authority/authority.service.js';
import { ORGANISATION_ENTITIES } from './entities/index.js';
import { MandatesModule } from './mandates/mandates.module.js';
import { ProcessesModule } from './processes/processes.module.js';
import { RoleAssignmentsModule } from './role-assignments/role-assignments.module.js';
import { UnitsController } from './units/units.controller.js';
import { UnitsService } from './units/units.service.js';
import { UsersModule } from './users/users.module.js';

/** Units, processes, users, role assignments and mandates: who holds which role where. */
@Module({
  imports: [TypeOrmModule.forFeature(ORGANISATION_ENTITIES), ProcessesModule, UsersModule, RoleAssignmentsModule, MandatesModule],
  controllers: [UnitsController],
  providers: [AuthorityService, UnitsService],
  exports: [AuthorityService, UnitsService, ProcessesModule, UsersModule, RoleAssignmentsModule, MandatesModule],
})
export class OrganisationModule {}
