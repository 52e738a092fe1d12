import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Priority rounds of the programme council (docs/priority-rounds.md): the round beside its workflow
 * instance (same id, `state` mirrored in the event's transaction), its budget frame per year,
 * criteria and weights, council members, candidate cases with their cost per year, dependencies,
 * alternatives, the members' votes, declared conflicts of interest and the what-if scenarios with
 * their results. A case is a candidate in at most one round that is not yet approved or cancelled:
 * the service checks it, and `active` with a partial unique index holds it under races.
 */
export class PriorityRounds1764000000900 implements MigrationInterface {
  name = 'PriorityRounds1764000000900';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE SEQUENCE priority_round_reference_seq`);
    await db.query(`
      CREATE TABLE priority_round (
        id uuid PRIMARY KEY REFERENCES workflow_instance(id),
        reference text NOT NULL UNIQUE DEFAULT ('RUNDE-' || nextval('priority_round_reference_seq')::text),
        title text NOT NULL CHECK (length(btrim(title)) BETWEEN 1 AND 200),
        -- the year of the development plan the round decides
        plan_year smallint NOT NULL CHECK (plan_year BETWEEN 2000 AND 2100),
        board_decision text NOT NULL DEFAULT '' CHECK (length(board_decision) <= 2000),
        -- a fraction, kept exact enough that two thirds of three members is two
        quorum double precision NOT NULL DEFAULT 2.0 / 3 CHECK (quorum > 0 AND quorum <= 1),
        score_floor numeric(4,3) CHECK (score_floor BETWEEN 0 AND 5),
        state text NOT NULL CHECK (length(state) > 0),
        -- approved and cancelled rounds no longer hold their candidates
        active boolean GENERATED ALWAYS AS (state NOT IN ('approved', 'cancelled')) STORED,
        closes_at timestamptz,
        recommended_scenario_id uuid,
        approved_at timestamptz,
        created_by uuid NOT NULL REFERENCES app_user(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX priority_round_state_idx ON priority_round (state, plan_year)`);

    await db.query(`
      CREATE TABLE priority_round_budget (
        round_id uuid NOT NULL REFERENCES priority_round(id) ON DELETE CASCADE,
        year smallint NOT NULL CHECK (year BETWEEN 2000 AND 2100),
        amount_nok bigint NOT NULL CHECK (amount_nok >= 0),
        PRIMARY KEY (round_id, year)
      )`);
    await db.query(`
      CREATE TABLE priority_round_criterion (
        round_id uuid NOT NULL REFERENCES priority_round(id) ON DELETE CASCADE,
        key text NOT NULL CHECK (key ~ '^[a-zA-Z][a-zA-Z0-9]{0,39}$'),
        position smallint NOT NULL,
        label_nb text NOT NULL CHECK (length(btrim(label_nb)) BETWEEN 1 AND 100),
        label_en text NOT NULL CHECK (length(btrim(label_en)) BETWEEN 1 AND 100),
        weight numeric(8,4) NOT NULL CHECK (weight >= 0),
        PRIMARY KEY (round_id, key)
      )`);
    await db.query(`
      CREATE TABLE priority_round_member (
        round_id uuid NOT NULL REFERENCES priority_round(id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES app_user(id),
        PRIMARY KEY (round_id, user_id)
      )`);
    await db.query(`CREATE INDEX priority_round_member_user_idx ON priority_round_member (user_id)`);
    await db.query(`
      CREATE TABLE priority_round_candidate (
        round_id uuid NOT NULL REFERENCES priority_round(id) ON DELETE CASCADE,
        case_id uuid NOT NULL REFERENCES improvement_case(id),
        position smallint NOT NULL,
        -- NOK per year from the case's cost-benefit assessment when it became a candidate: {"2027": 1200000}
        cost_by_year jsonb NOT NULL CHECK (jsonb_typeof(cost_by_year) = 'object'),
        mandatory boolean NOT NULL DEFAULT false,
        -- deferred by an earlier round: listed first
        carried_over boolean NOT NULL DEFAULT false,
        -- what the round's approval does with the case if the portfolio leaves it out
        if_left_out text NOT NULL DEFAULT 'defer' CHECK (if_left_out IN ('defer', 'decline')),
        decline_reason text CHECK (length(decline_reason) <= 4000),
        active boolean NOT NULL DEFAULT true,
        CHECK (if_left_out = 'defer' OR length(btrim(decline_reason)) > 0),
        PRIMARY KEY (round_id, case_id)
      )`);
    await db.query(`CREATE UNIQUE INDEX priority_round_candidate_once_idx ON priority_round_candidate (case_id) WHERE active`);
    await db.query(`
      CREATE TABLE priority_round_dependency (
        round_id uuid NOT NULL,
        case_id uuid NOT NULL,
        requires_case_id uuid NOT NULL,
        PRIMARY KEY (round_id, case_id, requires_case_id),
        CHECK (case_id <> requires_case_id),
        FOREIGN KEY (round_id, case_id) REFERENCES priority_round_candidate(round_id, case_id) ON DELETE CASCADE,
        FOREIGN KEY (round_id, requires_case_id) REFERENCES priority_round_candidate(round_id, case_id) ON DELETE CASCADE
      )`);
    await db.query(`
      CREATE TABLE priority_round_alternative (
        round_id uuid NOT NULL,
        group_no smallint NOT NULL,
        case_id uuid NOT NULL,
        PRIMARY KEY (round_id, group_no, case_id),
        FOREIGN KEY (round_id, case_id) REFERENCES priority_round_candidate(round_id, case_id) ON DELETE CASCADE
      )`);
    await db.query(`
      CREATE TABLE priority_round_vote (
        round_id uuid NOT NULL,
        member_id uuid NOT NULL,
        case_id uuid NOT NULL,
        -- 0–5 per criterion key: {"userValue": 4, "quality": 3}
        scores jsonb NOT NULL CHECK (jsonb_typeof(scores) = 'object'),
        comment text CHECK (length(comment) <= 4000),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (round_id, member_id, case_id),
        FOREIGN KEY (round_id, member_id) REFERENCES priority_round_member(round_id, user_id) ON DELETE CASCADE,
        FOREIGN KEY (round_id, case_id) REFERENCES priority_round_candidate(round_id, case_id) ON DELETE CASCADE
      )`);
    await db.query(`
      CREATE TABLE priority_round_conflict (
        round_id uuid NOT NULL,
        member_id uuid NOT NULL,
        case_id uuid NOT NULL,
        -- declared by the member (counts at once), or recorded by the secretariat on Flyt's suggestion
        declared_at timestamptz,
        reason text CHECK (length(reason) <= 2000),
        -- the secretariat's decision: upheld (the member is left out) or dismissed (the member's votes count)
        decision text CHECK (decision IN ('upheld', 'dismissed')),
        decision_note text CHECK (length(decision_note) <= 2000),
        decided_by uuid REFERENCES app_user(id),
        decided_at timestamptz,
        PRIMARY KEY (round_id, member_id, case_id),
        CHECK (declared_at IS NOT NULL OR decision IS NOT NULL),
        FOREIGN KEY (round_id, member_id) REFERENCES priority_round_member(round_id, user_id) ON DELETE CASCADE,
        FOREIGN KEY (round_id, case_id) REFERENCES priority_round_candidate(round_id, case_id) ON DELETE CASCADE
      )`);
    await db.query(`
      CREATE TABLE priority_round_scenario (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        round_id uuid NOT NULL REFERENCES priority_round(id) ON DELETE CASCADE,
        name text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 200),
        -- the council's own set-up, computed when voting closed; the others are what-ifs
        baseline boolean NOT NULL DEFAULT false,
        -- what differs from the round's set-up: budgetByYear, weights, scoreFloor, mandatory
        parameters jsonb NOT NULL CHECK (jsonb_typeof(parameters) = 'object'),
        -- the tally and the selection, as computed: never recomputed, so the record stays what was shown
        result jsonb NOT NULL CHECK (jsonb_typeof(result) = 'object'),
        created_by uuid REFERENCES app_user(id),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX priority_round_scenario_round_idx ON priority_round_scenario (round_id, created_at)`);
    await db.query(`CREATE UNIQUE INDEX priority_round_scenario_baseline_idx ON priority_round_scenario (round_id) WHERE baseline`);
    await db.query(
      `ALTER TABLE priority_round ADD CONSTRAINT priority_round_recommended_fk FOREIGN KEY (recommended_scenario_id) REFERENCES priority_round_scenario(id)`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE priority_round DROP CONSTRAINT priority_round_recommended_fk`);
    for (const table of ['scenario', 'conflict', 'vote', 'alternative', 'dependency', 'candidate', 'member', 'criterion', 'budget']) {
      await db.query(`DROP TABLE priority_round_${table}`);
    }
    await db.query(`DROP TABLE priority_round`);
    await db.query(`DROP SEQUENCE priority_round_reference_seq`);
  }
}
