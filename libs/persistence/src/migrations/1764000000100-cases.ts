import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Improvement cases (docs/domain.md, "The improvement case"): the case data beside its workflow instance, and comments.
 * The case's id is the id of its workflow instance; `state` mirrors the instance's state, written
 * in the same transaction as each event, so lists can filter without reading snapshots.
 */
export class Cases1764000000100 implements MigrationInterface {
  name = 'Cases1764000000100';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE SEQUENCE improvement_case_reference_seq`);
    await db.query(`
      CREATE TABLE improvement_case (
        id uuid PRIMARY KEY REFERENCES workflow_instance(id),
        -- FLYT-<year in Oslo>-<running number>: what people say on the phone
        reference text NOT NULL UNIQUE DEFAULT (
          'FLYT-' || to_char(now() AT TIME ZONE 'Europe/Oslo', 'YYYY') || '-' || lpad(nextval('improvement_case_reference_seq')::text, 4, '0')),
        title text NOT NULL CHECK (length(btrim(title)) BETWEEN 1 AND 200),
        description text NOT NULL CHECK (length(description) <= 20000),
        problem text NOT NULL CHECK (length(btrim(problem)) >= 1 AND length(problem) <= 20000),
        process_id uuid NOT NULL REFERENCES process(id),
        reporting_unit_id uuid NOT NULL REFERENCES unit(id),
        reporter_id uuid NOT NULL REFERENCES app_user(id),
        -- null: not yet assessed (the policy does not cover changes without one)
        significant_it_component boolean,
        expected_benefits text NOT NULL DEFAULT '' CHECK (length(expected_benefits) <= 20000),
        -- the policy's strategic goals 1–12 that the case supports
        strategic_goals smallint[] NOT NULL DEFAULT '{}' CHECK (strategic_goals <@ '{1,2,3,4,5,6,7,8,9,10,11,12}'::smallint[]),
        estimated_size text CHECK (estimated_size IN ('small', 'medium', 'large')),
        cost_benefit jsonb CHECK (cost_benefit IS NULL OR jsonb_typeof(cost_benefit) = 'object'),
        duplicate_of uuid[] NOT NULL DEFAULT '{}',
        state text NOT NULL CHECK (length(state) > 0),
        -- first time the case reached the programme: from then on the programme may see it
        proposed_at timestamptz,
        search tsvector GENERATED ALWAYS AS (
          setweight(to_tsvector('norwegian', reference || ' ' || title), 'A')
          || setweight(to_tsvector('norwegian', problem || ' ' || description || ' ' || expected_benefits), 'B')
        ) STORED,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX improvement_case_state_idx ON improvement_case (state)`);
    await db.query(`CREATE INDEX improvement_case_process_idx ON improvement_case (process_id, state)`);
    await db.query(`CREATE INDEX improvement_case_unit_idx ON improvement_case (reporting_unit_id)`);
    await db.query(`CREATE INDEX improvement_case_reporter_idx ON improvement_case (reporter_id)`);
    await db.query(`CREATE INDEX improvement_case_created_idx ON improvement_case (created_at)`);
    await db.query(`CREATE INDEX improvement_case_updated_idx ON improvement_case (updated_at)`);
    await db.query(`CREATE INDEX improvement_case_proposed_idx ON improvement_case (proposed_at) WHERE proposed_at IS NOT NULL`);
    await db.query(`CREATE INDEX improvement_case_search_idx ON improvement_case USING gin (search)`);

    await db.query(`
      CREATE TABLE case_comment (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_id uuid NOT NULL REFERENCES improvement_case(id),
        author_id uuid NOT NULL REFERENCES app_user(id),
        body text NOT NULL CHECK (length(btrim(body)) BETWEEN 1 AND 10000),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX case_comment_case_idx ON case_comment (case_id, created_at)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE case_comment`);
    await db.query(`DROP TABLE improvement_case`);
    await db.query(`DROP SEQUENCE improvement_case_reference_seq`);
  }
}
