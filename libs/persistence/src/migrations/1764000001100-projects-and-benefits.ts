import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Projects through stage gates and the follow-up of their benefits (docs/projects.md). A project
 * and a follow-up each sit beside their workflow instance (same id; `state` mirrored in the event's
 * transaction). Artefacts are structured records, one per kind and project, edited until the gate
 * that checks them passes and then frozen; every gate decision keeps the cost-benefit figures and
 * the artefacts it was taken on, so later changes never rewrite it. `project_member` says who works
 * on a project (owner, manager, steering group, benefit owners, responsible line managers): they
 * see its case, and the inbox finds their work through it.
 */
export class ProjectsAndBenefits1764000001100 implements MigrationInterface {
  name = 'ProjectsAndBenefits1764000001100';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE SEQUENCE project_reference_seq`);
    await db.query(`
      CREATE TABLE project (
        id uuid PRIMARY KEY REFERENCES workflow_instance(id),
        case_id uuid NOT NULL UNIQUE REFERENCES improvement_case(id),
        process_id uuid NOT NULL REFERENCES process(id),
        reference text NOT NULL UNIQUE DEFAULT ('PROSJEKT-' || nextval('project_reference_seq')::text),
        title text NOT NULL CHECK (length(btrim(title)) BETWEEN 1 AND 200),
        -- the instance's state path, mirrored; phase is the first part of it while the project runs
        state text NOT NULL CHECK (length(state) > 0),
        phase text CHECK (phase IN ('concept', 'planning', 'execution', 'closure')),
        on_hold boolean NOT NULL DEFAULT false,
        planned_gate_on date,
        project_owner_id uuid REFERENCES app_user(id),
        project_manager_id uuid REFERENCES app_user(id),
        last_status_report_at timestamptz,
        ended_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX project_state_idx ON project (phase, planned_gate_on)`);
    await db.query(`CREATE INDEX project_process_idx ON project (process_id)`);

    await db.query(`
      CREATE TABLE project_member (
        project_id uuid NOT NULL REFERENCES project(id),
        case_id uuid NOT NULL REFERENCES improvement_case(id),
        user_id uuid NOT NULL REFERENCES app_user(id),
        role text NOT NULL CHECK (role IN ('projectOwner', 'projectManager', 'steeringGroup', 'benefitOwner', 'responsibleManager')),
        PRIMARY KEY (project_id, user_id, role)
      )`);
    await db.query(`CREATE INDEX project_member_user_idx ON project_member (user_id, case_id)`);

    await db.query(`
      CREATE TABLE project_artefact (
        project_id uuid NOT NULL REFERENCES project(id),
        kind text NOT NULL CHECK (kind IN ('justification', 'governingDocument', 'milestones', 'riskRegister', 'steeringGroup', 'benefitPlan', 'handover', 'finalReport')),
        content jsonb NOT NULL,
        version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
        updated_by uuid NOT NULL REFERENCES app_user(id),
        updated_at timestamptz NOT NULL DEFAULT now(),
        -- set when the gate that checks it passes: from then on it is read only
        frozen_at_gate text CHECK (frozen_at_gate IN ('BP2', 'BP3', 'BP4', 'BP5')),
        frozen_at timestamptz,
        PRIMARY KEY (project_id, kind)
      )`);

    await db.query(`
      CREATE TABLE project_gate_decision (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        project_id uuid NOT NULL REFERENCES project(id),
        gate text NOT NULL CHECK (gate IN ('BP2', 'BP3', 'BP4', 'BP5')),
        decision text NOT NULL CHECK (decision IN ('GO', 'RECYCLE', 'HOLD', 'STOP')),
        reason text NOT NULL,
        -- who decided and under which authority; for a large project the council's decision and the rector's approval
        decided_by uuid REFERENCES app_user(id),
        decided_as text NOT NULL,
        approved_by uuid REFERENCES app_user(id),
        event_id bigint NOT NULL REFERENCES workflow_event(id),
        decided_at timestamptz NOT NULL,
        -- what it was taken on, as it stood then
        figures jsonb,
        cost_shifts jsonb NOT NULL DEFAULT '[]',
        artefacts jsonb NOT NULL DEFAULT '{}'
      )`);
    await db.query(`CREATE INDEX project_gate_decision_project_idx ON project_gate_decision (project_id, decided_at)`);

    await db.query(`
      CREATE TABLE project_status_report (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        project_id uuid NOT NULL REFERENCES project(id),
        status text NOT NULL CHECK (status IN ('onTrack', 'atRisk', 'offTrack')),
        summary text NOT NULL,
        next_steps text,
        issues text,
        submitted_by uuid REFERENCES app_user(id),
        submitted_at timestamptz NOT NULL,
        event_id bigint NOT NULL REFERENCES workflow_event(id)
      )`);
    await db.query(`CREATE INDEX project_status_report_project_idx ON project_status_report (project_id, submitted_at)`);

    await db.query(`
      CREATE TABLE benefits_followup (
        id uuid PRIMARY KEY REFERENCES workflow_instance(id),
        project_id uuid NOT NULL UNIQUE REFERENCES project(id),
        case_id uuid NOT NULL REFERENCES improvement_case(id),
        state text NOT NULL CHECK (length(state) > 0),
        next_due_on date,
        outcome text CHECK (outcome IN ('realised', 'partlyRealised', 'notRealised')),
        conclusion text,
        concluded_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);

    await db.query(`
      CREATE TABLE benefit_measurement (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        followup_id uuid NOT NULL REFERENCES benefits_followup(id),
        project_id uuid NOT NULL REFERENCES project(id),
        benefit_id uuid NOT NULL,
        -- the measurement date of the plan it answers (0 = the first)
        point_index integer NOT NULL CHECK (point_index >= 0),
        due_on date NOT NULL,
        value double precision NOT NULL,
        measured_on date NOT NULL,
        comment text,
        evidence_url text,
        deviation_explanation text,
        meets_target boolean NOT NULL,
        recorded_by uuid REFERENCES app_user(id),
        recorded_at timestamptz NOT NULL,
        event_id bigint NOT NULL REFERENCES workflow_event(id)
      )`);
    await db.query(`CREATE INDEX benefit_measurement_followup_idx ON benefit_measurement (followup_id, point_index, benefit_id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of ['benefit_measurement', 'benefits_followup', 'project_status_report', 'project_gate_decision', 'project_artefact', 'project_member', 'project']) {
      await db.query(`DROP TABLE ${table}`);
    }
    await db.query(`DROP SEQUENCE project_reference_seq`);
  }
}
