import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A case's reference keeps its whole running number past 9,999 (docs/domain.md, "The improvement
 * case"): the first default padded the number to four digits with lpad, which also cuts longer
 * numbers to four, so the 10,000th case got the reference of the 1,000th and was refused as a
 * duplicate. Numbers below 10,000 keep their four digits; the sequence is drawn once per case.
 */
export class CaseReferencePast99991764000001000 implements MigrationInterface {
  name = 'CaseReferencePast99991764000001000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE FUNCTION flyt_next_case_reference() RETURNS text LANGUAGE plpgsql VOLATILE AS $$
      DECLARE
        running text := nextval('improvement_case_reference_seq')::text;
      BEGIN
        RETURN 'FLYT-' || to_char(now() AT TIME ZONE 'Europe/Oslo', 'YYYY') || '-' || lpad(running, greatest(4, length(running)), '0');
      END
      $$`);
    await db.query(`ALTER TABLE improvement_case ALTER COLUMN reference SET DEFAULT flyt_next_case_reference()`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(
      `ALTER TABLE improvement_case ALTER COLUMN reference SET DEFAULT ('FLYT-' || to_char(now() AT TIME ZONE 'Europe/Oslo', 'YYYY') || '-' || lpad(nextval('improvement_case_reference_seq')::text, 4, '0'))`,
    );
    await db.query(`DROP FUNCTION flyt_next_case_reference()`);
  }
}
