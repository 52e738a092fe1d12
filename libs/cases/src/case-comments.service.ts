import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { Principal } from '#flyt/access';
import { CaseAccess } from './case-access.js';
import type { CommentView } from './case.dto.js';

/** Comments on a case: anyone who can see the case may read them and add one. */
@Injectable()
export class CaseComments {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly access: CaseAccess,
  ) {}

  async of(id: string, principal: Principal): Promise<CommentView[]> {
    await this.access.visibleCase(id, principal);
    const rows = await this.db.query(
      `SELECT cc.id, cc.body, cc.created_at, u.id AS author_id, u.name AS author_name
         FROM case_comment cc JOIN app_user u ON u.id = cc.author_id WHERE cc.case_id = $1 ORDER BY cc.created_at, cc.id`,
      [id],
    );
    return rows.map((r: Record<string, unknown>) => ({
      id: r.id as string,
      author: { id: r.author_id as string, name: r.author_name as string },
      body: r.body as string,
      createdAt: (r.created_at as Date).toISOString(),
    }));
  }

  async add(id: string, body: string, principal: Principal): Promise<CommentView> {
    await this.access.visibleCase(id, principal);
    const [row] = await this.db.query(`INSERT INTO case_comment (case_id, author_id, body) VALUES ($1, $2, $3) RETURNING id, created_at`, [id, principal.userId, body]);
    return { id: row.id, author: { id: principal.userId, name: principal.name }, body, createdAt: (row.created_at as Date).toISOString() };
  }
}
