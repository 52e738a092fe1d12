import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { type AssignmentRecord, grantsInForce, type MandateRecord, ROLES, type Role, type Scope } from '#flyt/access';
import { FLYT_CONFIG, type FlytConfig } from '#flyt/config';
import { DEMO_LOGINS, DEMO_PERSONA } from '#flyt/demo-data';
import { CLOCK, type Clock, osloDay } from '#flyt/kernel';
import { AuthorityService } from '#flyt/organisation';
import type { SignInOptionsView } from './auth.dto.js';
import { groupForPicker, type PickerHints, type PickerPerson } from './domain/sign-in-choices.js';

/** A few per role: enough to try each role as several people, few enough to read. */
export const PICKER_PEOPLE_PER_ROLE = 8;

const HINTS: PickerHints = { personas: DEMO_PERSONA, demoRoles: new Map(DEMO_LOGINS.map((login) => [login.email, login.role])) };

type GrantRow = { userId: string; role: Role; scope: Scope; standingIn: boolean };

/** How people sign in here, for the web app's sign-in page: the people of dev login and the OpenID Connect settings. */
@Injectable()
export class SignInOptionsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(FLYT_CONFIG) private readonly config: FlytConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly authority: AuthorityService,
  ) {}

  async options(): Promise<SignInOptionsView> {
    const { auth } = this.config;
    return {
      devLogin: auth.devLogin.enabled ? { groups: await this.devLoginGroups() } : null,
      oidc:
        auth.oidc && auth.issuer
          ? { issuer: auth.issuer, clientId: auth.oidc.clientId, scopes: auth.oidc.scopes, resource: auth.oidc.resource ?? null, apiToken: auth.oidc.apiToken }
          : null,
    };
  }

  private async devLoginGroups(): Promise<NonNullable<SignInOptionsView['devLogin']>['groups']> {
    const day = osloDay(this.clock.now());
    const grants = await this.grantsOn(day);
    const holderIds = [...new Set(grants.map((g) => g.userId))];
    const [holders, plain, [{ total: plainTotal }]] = await Promise.all([
      this.db.query<{ id: string; email: string; name: string; unit_id: string }[]>(
        `SELECT id, email, name, unit_id FROM app_user WHERE ended_at IS NULL AND id = ANY($1::uuid[])`,
        [holderIds],
      ),
      // Of the people who hold no role, the demo organisation's come first; a few are enough.
      this.db.query<{ id: string; email: string; name: string; unit_id: string }[]>(
        `SELECT id, email, name, unit_id FROM app_user WHERE ended_at IS NULL AND id <> ALL($1::uuid[])
          ORDER BY email = ANY($2::text[]) DESC, name, email LIMIT $3`,
        [holderIds, [...HINTS.demoRoles.keys()], PICKER_PEOPLE_PER_ROLE],
      ),
      this.db.query<{ total: number }[]>(`SELECT count(*)::int AS total FROM app_user WHERE ended_at IS NULL AND id <> ALL($1::uuid[])`, [holderIds]),
    ]);
    const grantsOf = new Map<string, GrantRow[]>();
    for (const grant of grants) grantsOf.set(grant.userId, [...(grantsOf.get(grant.userId) ?? []), grant]);
    const asPerson = (row: { id: string; email: string; name: string }): PickerPerson => ({
      id: row.id,
      email: row.email,
      name: row.name,
      roles: [...new Set((grantsOf.get(row.id) ?? []).map((g) => g.role))],
    });
    const groups = groupForPicker({ holders: holders.map(asPerson), plain: plain.map(asPerson), plainTotal, hints: HINTS, perRole: PICKER_PEOPLE_PER_ROLE });

    const listed = groups.flatMap((g) => g.people.map((p) => p.id));
    const homeUnit = new Map([...holders, ...plain].map((row) => [row.id, row.unit_id]));
    const listedGrants = listed.flatMap((id) => grantsOf.get(id) ?? []);
    const names = await this.authority.scopeNames(
      [...new Set([...listed.map((id) => homeUnit.get(id)!), ...listedGrants.flatMap((g) => (g.scope.kind === 'unit' ? [g.scope.unitId] : []))])],
      [...new Set(listedGrants.flatMap((g) => (g.scope.kind === 'process' ? [g.scope.processId] : [])))],
    );
    const nameOf = (scope: Scope) => {
      const named = scope.kind === 'unit' ? names.units.get(scope.unitId) : scope.kind === 'process' ? names.processes.get(scope.processId) : undefined;
      return named ? { nb: named.nameNb, en: named.nameEn } : null;
    };
    return groups.map((group) => ({
      role: group.role,
      more: group.more,
      people: group.people.map((person) => {
        const unit = names.units.get(homeUnit.get(person.id)!);
        return {
          email: person.email,
          name: person.name,
          unit: { nb: unit?.nameNb ?? '', en: unit?.nameEn ?? '' },
          holds: (grantsOf.get(person.id) ?? [])
            .map((g) => ({ role: g.role, scope: nameOf(g.scope), standingIn: g.standingIn }))
            .sort((a, b) => ROLES.indexOf(a.role) - ROLES.indexOf(b.role) || (a.scope?.nb ?? '').localeCompare(b.scope?.nb ?? '', 'nb')),
        };
      }),
    }));
  }

  /**
   * Every grant in force on `day`, by the rule that authorises requests (grantsInForce): role
   * assignments, mandates, and deputies standing in for an absent holder.
   */
  private async grantsOn(day: string): Promise<GrantRow[]> {
    const [assignments, mandates, absences] = await Promise.all([
      this.db.query<{ id: string; user_id: string; role: Role; scope_kind: Scope['kind']; unit_id: string | null; process_id: string | null; valid_from: string; valid_to: string | null }[]>(
        `SELECT id, user_id, role, scope_kind, unit_id, process_id, valid_from::text, valid_to::text FROM role_assignment
          WHERE ended_at IS NULL AND valid_from <= $1::date AND (valid_to IS NULL OR valid_to >= $1::date)`,
        [day],
      ),
      this.db.query<{ id: string; process_id: string; holder_id: string; deputy_id: string | null; valid_from: string; valid_to: string }[]>(
        `SELECT id, process_id, holder_id, deputy_id, valid_from::text, valid_to::text FROM mandate
          WHERE ended_at IS NULL AND valid_from <= $1::date AND valid_to >= $1::date`,
        [day],
      ),
      this.db.query<{ id: string; mandate_id: string; starts_on: string; ends_on: string }[]>(
        `SELECT id, mandate_id, starts_on::text, ends_on::text FROM mandate_absence WHERE starts_on <= $1::date AND ends_on >= $1::date`,
        [day],
      ),
    ]);
    const assignmentsOf = new Map<string, AssignmentRecord[]>();
    for (const a of assignments) {
      const scope: Scope = a.scope_kind === 'unit' ? { kind: 'unit', unitId: a.unit_id! } : a.scope_kind === 'process' ? { kind: 'process', processId: a.process_id! } : { kind: 'global' };
      const record: AssignmentRecord = { id: a.id, role: a.role, scope, validFrom: a.valid_from, validTo: a.valid_to, ended: false };
      assignmentsOf.set(a.user_id, [...(assignmentsOf.get(a.user_id) ?? []), record]);
    }
    const mandatesOf = new Map<string, MandateRecord[]>();
    for (const m of mandates) {
      const record: MandateRecord = {
        id: m.id,
        processId: m.process_id,
        holderId: m.holder_id,
        deputyId: m.deputy_id,
        validFrom: m.valid_from,
        validTo: m.valid_to,
        ended: false,
        absences: absences.filter((a) => a.mandate_id === m.id).map((a) => ({ id: a.id, startsOn: a.starts_on, endsOn: a.ends_on })),
      };
      for (const userId of [m.holder_id, ...(m.deputy_id ? [m.deputy_id] : [])]) mandatesOf.set(userId, [...(mandatesOf.get(userId) ?? []), record]);
    }
    const users = new Set([...assignmentsOf.keys(), ...mandatesOf.keys()]);
    return [...users].flatMap((userId) =>
      grantsInForce(userId, assignmentsOf.get(userId) ?? [], mandatesOf.get(userId) ?? [], day).map((grant) => ({
        userId,
        role: grant.role,
        scope: grant.scope,
        standingIn: grant.source.kind === 'deputy',
      })),
    );
  }
}
