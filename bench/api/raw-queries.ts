/*
 * The benchmark's reads done as PostgreSQL can do them: one statement each, answering what the
 * endpoint answers (the same rows, the same page), with no HTTP, authentication, ORM or XState in
 * between. Their rate is what the API's rate is measured against.
 */

/** The columns of a case in a list (CaseSummary), with the joins libs/cases makes for them. */
const SUMMARY = `c.id, c.reference, c.title, c.state, c.estimated_size, c.created_at, c.updated_at,
       p.id AS process_id, p.code AS process_code, p.name_nb AS process_name,
       ru.id AS unit_id, ru.code AS unit_code, ru.name_nb AS unit_name, rep.id AS reporter_id, rep.name AS reporter_name`;

/**
 * A line manager's inbox, first page: open cases in their units' subtree where a line manager decides
 * now (a draft to submit or endorse, a local-improvement step), their own cases waiting for their
 * answer, and cases a deadline of the current state told them about; each with its pending deadlines,
 * the deadlines passed in its current state and the decisions open to them; overdue first.
 * A deadline belongs to the current state when its timer id ends with that state (XState names
 * delayed events `xstate.after.<delay>.<machine>.<state>`), and a fired one of the current state
 * fired during the current visit: entering a state again sets its timers pending anew.
 * $1 the user, $2 the units they are line manager of, $3 page size.
 */
export const RAW_INBOX = `
WITH waiting AS (
  SELECT c.id FROM improvement_case c JOIN unit ru ON ru.id = c.reporting_unit_id
   WHERE c.state = ANY('{draft,localImprovement.plan,localImprovement.trial,localImprovement.followUp,localImprovement.evaluation,localImprovement.adjustment}'::text[])
     AND ru.path && $2::uuid[]
  UNION
  SELECT c.id FROM improvement_case c WHERE c.reporter_id = $1 AND c.state = 'awaitingInformation'
), candidates AS (
  SELECT id FROM waiting
  UNION
  SELECT n.instance_id FROM notification n WHERE n.user_id = $1 AND n.workflow_id = 'improvement-case' AND n.by_deadline
), deadlines AS (
  SELECT k.id, t.delay_name, t.due_at, t.status, f.occurred_at AS fired_at, f.revision,
         t.status = 'fired' AND EXISTS (SELECT 1 FROM notification n WHERE n.user_id = $1 AND n.event_id = t.settled_by) AS notified_me
    FROM candidates k
    JOIN workflow_instance i ON i.id = k.id
    JOIN workflow_timer t ON t.instance_id = k.id AND t.status IN ('pending', 'fired') AND t.timer_id LIKE '%.improvement-case.' || i.state
    LEFT JOIN workflow_event f ON f.id = t.settled_by AND t.status = 'fired'
), items AS (
  SELECT id FROM waiting
  UNION
  SELECT d.id FROM deadlines d JOIN improvement_case c ON c.id = d.id JOIN unit ru ON ru.id = c.reporting_unit_id
   WHERE d.notified_me AND (ru.path && $2::uuid[] OR c.reporter_id = $1)
), summary AS (
  SELECT x.id,
         (array_agg(x.due_at ORDER BY x.revision) FILTER (WHERE x.status = 'fired'))[1] AS first_passed,
         min(x.due_at) FILTER (WHERE x.status = 'pending') AS next_due,
         json_agg(json_build_object('delayName', x.delay_name, 'dueAt', x.due_at) ORDER BY x.due_at) FILTER (WHERE x.status = 'pending') AS pending,
         json_agg(json_build_object('delayName', x.delay_name, 'dueAt', x.due_at, 'firedAt', x.fired_at, 'notifiedMe', x.notified_me) ORDER BY x.revision)
           FILTER (WHERE x.status = 'fired') AS passed
    FROM deadlines x GROUP BY x.id
), page AS (
  -- Overdue first (the first deadline passed in the current state), then by the next deadline.
  SELECT items.id, c.updated_at, coalesce(s.first_passed, s.next_due) AS urgency, s.pending, s.passed
    FROM items JOIN improvement_case c ON c.id = items.id LEFT JOIN summary s ON s.id = items.id
   ORDER BY urgency NULLS LAST, c.updated_at, items.id
   LIMIT $3
)
SELECT ${SUMMARY}, i.revision,
       CASE WHEN c.state = 'draft' THEN CASE WHEN (i.input->>'reportedByEmployee')::boolean THEN '{ENDORSE}' ELSE '{SUBMIT}' END
            WHEN c.state IN ('localImprovement.evaluation', 'localImprovement.adjustment') THEN '{COMPLETE_STEP,RESTART_CYCLE}'
            WHEN c.state LIKE 'localImprovement.%' THEN '{COMPLETE_STEP}'
            WHEN c.state = 'awaitingInformation' AND c.reporter_id = $1 THEN '{PROVIDE_INFO}'
            ELSE '{}' END::text[] AS allowed_events,
       coalesce(page.pending, '[]') AS deadlines, coalesce(page.passed, '[]') AS passed_deadlines
  FROM page
  JOIN improvement_case c ON c.id = page.id
  JOIN workflow_instance i ON i.id = c.id
  JOIN process p ON p.id = c.process_id
  JOIN unit ru ON ru.id = c.reporting_unit_id
  JOIN app_user rep ON rep.id = c.reporter_id
 ORDER BY page.urgency NULLS LAST, page.updated_at, page.id`;

/**
 * A page of the case list as libs/cases filters it (visibility, state with its sub-states,
 * process, full text or reference), newest first, with the total: one statement.
 * $1 the user, $2 the processes whose cases they see, $3 states, $4 process, $5 text, $6 page size.
 */
export const RAW_CASE_LIST = `
SELECT ${SUMMARY}, count(*) OVER () AS total
  FROM improvement_case c
  JOIN process p ON p.id = c.process_id
  JOIN unit ru ON ru.id = c.reporting_unit_id
  JOIN app_user rep ON rep.id = c.reporter_id
 WHERE (c.reporter_id = $1 OR c.process_id = ANY($2::uuid[]))
   AND (c.state = ANY($3::text[]) OR split_part(c.state, '.', 1) = ANY($3::text[]))
   AND c.process_id = $4
   AND (c.search @@ websearch_to_tsquery('norwegian', $5) OR c.reference = upper($5))
 ORDER BY c.created_at DESC, c.id
 LIMIT $6`;

/** One case with everything its page shows: the case row with its names, the instance (snapshot, revision) and linked instances. $1 the case. */
export const RAW_CASE_PAGE = `
SELECT c.*, p.code AS process_code, p.name_nb AS process_name, ru.code AS unit_code, ru.name_nb AS unit_name, ru.path AS unit_path, rep.name AS reporter_name,
       i.workflow_id, i.workflow_version, i.snapshot, i.status, i.revision, i.held_since, i.held_by,
       (SELECT coalesce(json_agg(m), '[]') FROM workflow_message m WHERE m.from_instance_id = c.id OR m.to_instance_id = c.id) AS links
  FROM improvement_case c
  JOIN workflow_instance i ON i.id = c.id
  JOIN process p ON p.id = c.process_id
  JOIN unit ru ON ru.id = c.reporting_unit_id
  JOIN app_user rep ON rep.id = c.reporter_id
 WHERE c.id = $1`;
