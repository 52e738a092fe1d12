import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { z } from 'zod';
import { Policy } from '#flyt/access';
import { ApiAnswer, ApiProblems, PAGE_QUERY } from '#flyt/http';
import { DeadOutboxRows } from '../outbox/dead-outbox-rows.js';
import { DEAD_OUTBOX_PAGE, OUTBOX_ROW_PARAMS } from './workflow.dto.js';

/** The outbox rows that could not be carried out, for admins to see why and to retry once the cause is fixed. */
@ApiTags('workflows')
@ApiBearerAuth()
@ApiProblems(401)
@Controller('api/admin/outbox')
export class OutboxAdminController {
  constructor(private readonly rows: DeadOutboxRows) {}

  @Get('dead')
  @Policy('outbox.manage')
  @ApiOperation({
    summary: 'Dead outbox rows: effects that can never be carried out as they stand (admins)',
    description: 'A notification nobody can receive, a message its receiver refuses. Newest first; each with its reason. They also show as failed jobs of the dead-letters queue in /admin/queues.',
  })
  @ApiAnswer(200, DEAD_OUTBOX_PAGE, 'A page of dead rows')
  @ApiProblems(400, 403)
  async dead(@Query({ schema: PAGE_QUERY }) page: z.infer<typeof PAGE_QUERY>) {
    return { ...(await this.rows.list(page)), limit: page.limit, offset: page.offset };
  }

  @Post(':id/retry')
  @HttpCode(204)
  @Policy('outbox.manage')
  @ApiOperation({ summary: 'Try a dead outbox row again, once its cause is fixed (admins)', description: '409 when the row is not dead.' })
  @ApiResponse({ status: 204, description: 'The row is pending again; the relay tries it at once, and it dies again if its cause is still there' })
  @ApiProblems(400, 403, 404, 409)
  async retry(@Param({ schema: OUTBOX_ROW_PARAMS }) { id }: z.infer<typeof OUTBOX_ROW_PARAMS>) {
    await this.rows.revive(id);
  }
}
