import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Units, processes, users, role assignments in a scope, and delegated mandates (docs/domain.md, "Roles"). */
export class Organisation1763900000000 implements MigrationInterface {
  name = 'Organisation1763900000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE unit (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code text NOT NULL UNIQUE CHECK (code ~ '^[A-Za-z0-9][A-Za-z0-9_.-]*$'),
        name_nb text NOT NULL CHECK (length(name_nb) > 0),
        name_en text NOT NULL CHECK (length(name_en) > 0),
        kind text NOT NULL CHECK (kind IN ('university', 'faculty', 'department', 'section', 'central_administration')),
        parent_id uuid REFERENCES unit(id),
        -- ids from the root down to this unit, itself included: subtree checks without recursion
        path uuid[] NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        ended_at timestamptz,
        CHECK ((kind = 'university') = (parent_id IS NULL))
      )`);
    await db.query(`CREATE INDEX unit_parent_idx ON unit (parent_id)`);
    await db.query(`CREATE UNIQUE INDEX unit_code_ci_key ON unit (lower(code))`);
    // The university is the one root of the tree.
    await db.query(`CREATE UNIQUE INDEX unit_single_root_key ON unit ((parent_id IS NULL)) WHERE parent_id IS NULL`);
    await db.query(`CREATE INDEX unit_path_idx ON unit USING gin (path)`);

    await db.query(`
      CREATE TABLE app_user (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email text NOT NULL CHECK (email = lower(email) AND email LIKE '%_@_%'),
        name text NOT NULL CHECK (length(name) > 0),
        unit_id uuid NOT NULL REFERENCES unit(id),
        external_subject text UNIQUE,
        locale text NOT NULL DEFAULT 'nb' CHECK (locale IN ('nb', 'en')),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        ended_at timestamptz
      )`);
    await db.query(`CREATE UNIQUE INDEX app_user_email_key ON app_user (email)`);
    await db.query(`CREATE INDEX app_user_unit_idx ON app_user (unit_id)`);

    await db.query(`
      CREATE TABLE process (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code text NOT NULL UNIQUE CHECK (code ~ '^[A-Za-z0-9][A-Za-z0-9_.-]*$'),
        name_nb text NOT NULL CHECK (length(name_nb) > 0),
        name_en text NOT NULL CHECK (length(name_en) > 0),
        description text NOT NULL DEFAULT '',
        owning_unit_id uuid NOT NULL REFERENCES unit(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        ended_at timestamptz
      )`);
    await db.query(`CREATE INDEX process_owning_unit_idx ON process (owning_unit_id)`);
    await db.query(`CREATE UNIQUE INDEX process_code_ci_key ON process (lower(code))`);

    await db.query(`
      CREATE TABLE process_team_member (
        process_id uuid NOT NULL REFERENCES process(id),
        user_id uuid NOT NULL REFERENCES app_user(id),
        added_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (process_id, user_id)
      )`);

    await db.query(`
      CREATE TABLE role_assignment (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES app_user(id),
        -- process_responsible is absent on purpose: it is held through a mandate only
        role text NOT NULL CHECK (role IN ('employee', 'line_manager', 'process_adviser', 'process_owner', 'programme_secretariat',
          'programme_council', 'rector', 'project_manager', 'benefit_owner', 'admin')),
        scope_kind text NOT NULL CHECK (scope_kind IN ('global', 'unit', 'process')),
        unit_id uuid REFERENCES unit(id),
        process_id uuid REFERENCES process(id),
        valid_from date NOT NULL,
        valid_to date,
        created_by uuid REFERENCES app_user(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        ended_at timestamptz,
        ended_by uuid REFERENCES app_user(id),
        end_reason text,
        CHECK (valid_to IS NULL OR valid_to >= valid_from),
        CHECK ((scope_kind = 'unit') = (unit_id IS NOT NULL)),
        CHECK ((scope_kind = 'process') = (process_id IS NOT NULL))
      )`);
    await db.query(`CREATE INDEX role_assignment_user_idx ON role_assignment (user_id)`);
    await db.query(`CREATE INDEX role_assignment_process_idx ON role_assignment (process_id) WHERE process_id IS NOT NULL`);
    await db.query(`CREATE INDEX role_assignment_unit_idx ON role_assignment (unit_id) WHERE unit_id IS NOT NULL`);

    await db.query(`
      CREATE TABLE mandate (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        process_id uuid NOT NULL REFERENCES process(id),
        holder_id uuid NOT NULL REFERENCES app_user(id),
        deputy_id uuid REFERENCES app_user(id),
        delegated_by uuid NOT NULL REFERENCES app_user(id),
        valid_from date NOT NULL,
        valid_to date NOT NULL,
        description text NOT NULL DEFAULT '',
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        ended_at timestamptz,
        ended_by uuid REFERENCES app_user(id),
        end_reason text,
        CHECK (valid_to >= valid_from),
        CHECK (deputy_id IS NULL OR deputy_id <> holder_id)
      )`);
    await db.query(`CREATE INDEX mandate_process_idx ON mandate (process_id)`);
    await db.query(`CREATE INDEX mandate_holder_idx ON mandate (holder_id)`);
    await db.query(`CREATE INDEX mandate_deputy_idx ON mandate (deputy_id) WHERE deputy_id IS NOT NULL`);

    await db.query(`
      CREATE TABLE mandate_absence (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        mandate_id uuid NOT NULL REFERENCES mandate(id),
        starts_on date NOT NULL,
        ends_on date NOT NULL,
        reason text NOT NULL DEFAULT '',
        created_by uuid NOT NULL REFERENCES app_user(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK (ends_on >= starts_on)
      )`);
    await db.query(`CREATE INDEX mandate_absence_mandate_idx ON mandate_absence (mandate_id)`);

    // One shared key for dev-login tokens, so that every API process accepts every other's tokens.
    await db.query(`
      CREATE TABLE signing_key (
        kid text PRIMARY KEY,
        purpose text NOT NULL UNIQUE,
        algorithm text NOT NULL,
        private_jwk jsonb NOT NULL,
        public_jwk jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of ['signing_key', 'mandate_absence', 'mandate', 'role_assignment', 'process_team_member', 'process', 'app_user', 'unit']) {
      await db.query(`DROP TABLE ${table}`);
    }
  }
}
