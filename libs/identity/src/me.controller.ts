import { Body, Controller, Get, Patch } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CurrentPrincipal, Policy, type Principal } from '#flyt/access';
import { ApiAnswer, ApiProblems } from '#flyt/http';
import { NotFound } from '#flyt/kernel';
import { AuthorityService, UserEntity } from '#flyt/organisation';
import { ME, type MeView, UPDATE_ME, type UpdateMeBody } from './auth.dto.js';

@ApiTags('auth')
@ApiBearerAuth()
@Controller('api/me')
export class MeController {
  constructor(
    private readonly authority: AuthorityService,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  @Get()
  @Policy('me.read')
  @ApiOperation({ summary: 'The signed-in user, with the roles and scopes in force right now' })
  @ApiAnswer(200, ME, 'The user and their roles')
  @ApiProblems(401)
  me(@CurrentPrincipal() principal: Principal): Promise<MeView> {
    return this.viewOf(principal);
  }

  @Patch()
  // Everyone may change what is theirs alone: the language Flyt speaks to them.
  @Policy('me.read')
  @ApiOperation({
    summary: 'Change the signed-in user’s own settings: the language of the web app, notifications and e-mail',
    description: 'Notifications already made are read in the new language too; e-mail goes out in it from now on.',
  })
  @ApiAnswer(200, ME, 'The user, as changed')
  @ApiProblems(400, 401)
  async update(@Body({ schema: UPDATE_ME }) body: UpdateMeBody, @CurrentPrincipal() principal: Principal): Promise<MeView> {
    await this.db.getRepository(UserEntity).update({ id: principal.userId }, { locale: body.locale });
    return this.viewOf(principal);
  }

  private async viewOf(principal: Principal): Promise<MeView> {
    const user = await this.authority.findActiveUserBy({ id: principal.userId });
    if (!user) throw new NotFound('user', principal.userId);
    const unitIds = [user.unitId, ...principal.grants.flatMap((g) => (g.scope.kind === 'unit' ? [g.scope.unitId] : []))];
    const processIds = principal.grants.flatMap((g) => (g.scope.kind === 'process' ? [g.scope.processId] : []));
    const names = await this.authority.scopeNames([...new Set(unitIds)], [...new Set(processIds)]);
    const home = names.units.get(user.unitId)!;
    return {
      id: user.id,
      email: user.email,
      name: user.name,
      locale: user.locale,
      unit: { id: home.id, nameNb: home.nameNb, nameEn: home.nameEn },
      day: principal.day,
      roles: principal.grants.map((grant) => ({
        role: grant.role,
        scope:
          grant.scope.kind === 'unit'
            ? { kind: 'unit' as const, unitId: grant.scope.unitId, unitName: names.units.get(grant.scope.unitId)?.nameNb ?? '' }
            : grant.scope.kind === 'process'
              ? { kind: 'process' as const, processId: grant.scope.processId, processName: names.processes.get(grant.scope.processId)?.nameNb ?? '' }
              : { kind: 'global' as const },
        source: grant.source,
        validTo: grant.validTo ?? null,
      })),
    };
  }
}
