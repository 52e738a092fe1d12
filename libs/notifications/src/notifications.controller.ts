import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { z } from 'zod';
import { CurrentPrincipal, Policy, type Principal } from '#flyt/access';
import { ApiAnswer, ApiProblems, ID_PARAMS } from '#flyt/http';
import {
  LIST_NOTIFICATIONS,
  type ListNotificationsQuery,
  NOTIFICATION,
  NOTIFICATION_PAGE,
  NOTIFICATION_SETTINGS,
  READ_ALL_RESULT,
  UPDATE_NOTIFICATION_SETTINGS,
  type UpdateNotificationSettingsBody,
} from './notification.dto.js';
import { NotificationsService } from './notifications.service.js';

@ApiTags('notifications')
@ApiBearerAuth()
@ApiProblems(401)
@Controller('api/notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  @Policy('notifications.read')
  @ApiOperation({
    summary: 'The caller’s notifications, newest first',
    description: 'Only the caller’s own, in their language (nb or en), with what it is about, its reference and a link; `unread=true` for the unread ones.',
  })
  @ApiAnswer(200, NOTIFICATION_PAGE, 'A page of the caller’s notifications')
  @ApiProblems(400)
  list(@Query({ schema: LIST_NOTIFICATIONS }) query: ListNotificationsQuery, @CurrentPrincipal() principal: Principal) {
    return this.notifications.list(principal.userId, query);
  }

  @Post('read-all')
  @HttpCode(200)
  @Policy('notifications.read')
  @ApiOperation({ summary: 'Mark every notification of the caller as read' })
  @ApiAnswer(200, READ_ALL_RESULT, 'How many were marked')
  markAllRead(@CurrentPrincipal() principal: Principal) {
    return this.notifications.markAllRead(principal.userId);
  }

  @Post(':id/read')
  @HttpCode(200)
  @Policy('notifications.read')
  @ApiOperation({ summary: 'Mark one notification as read', description: 'Someone else’s notification answers 404, as if it did not exist.' })
  @ApiAnswer(200, NOTIFICATION, 'The notification, read')
  @ApiProblems(400, 404)
  markRead(@Param({ schema: ID_PARAMS }) { id }: z.infer<typeof ID_PARAMS>, @CurrentPrincipal() principal: Principal) {
    return this.notifications.markRead(principal.userId, id);
  }
}

@ApiTags('notifications')
@ApiBearerAuth()
@ApiProblems(401)
@Controller('api/me/notification-settings')
export class NotificationSettingsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  @Policy('notifications.read')
  @ApiOperation({ summary: 'How the caller gets notification e-mail' })
  @ApiAnswer(200, NOTIFICATION_SETTINGS, 'The caller’s choice and the time of the daily digest')
  get(@CurrentPrincipal() principal: Principal) {
    return this.notifications.settings(principal.userId);
  }

  @Put()
  @Policy('notifications.read')
  @ApiOperation({
    summary: 'Choose between an e-mail per notification and a daily digest',
    description: 'Applies to notifications made from now on; those already waiting for a digest still go with it.',
  })
  @ApiAnswer(200, NOTIFICATION_SETTINGS, 'The caller’s choice, as stored')
  @ApiProblems(400)
  update(@Body({ schema: UPDATE_NOTIFICATION_SETTINGS }) body: UpdateNotificationSettingsBody, @CurrentPrincipal() principal: Principal) {
    return this.notifications.updateSettings(principal.userId, body.delivery);
  }
}
