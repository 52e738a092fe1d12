import { type DynamicModule, Module } from '@nestjs/common';
import { CalendarModule } from '#flyt/calendar';
import { CasesModule } from '#flyt/cases';
import { ConfigModule, type FlytConfig } from '#flyt/config';
import { IdentityModule } from '#flyt/identity';
import { NotificationsModule } from '#flyt/notifications';
import { OrganisationModule } from '#flyt/organisation';
import { PersistenceModule } from '#flyt/persistence';
import { RedisModule } from '#flyt/queue';
import { WorkflowRuntimeModule } from '#flyt/workflow-runtime';
import { WORKFLOWS } from '#workflows/index';
import { HealthController } from './health.controller.js';

@Module({})
export class ApiModule {
  static forRoot(config: FlytConfig): DynamicModule {
    return {
      module: ApiModule,
      imports: [
        ConfigModule.forRoot(config),
        PersistenceModule,
        RedisModule,
        OrganisationModule,
        IdentityModule,
        CalendarModule,
        WorkflowRuntimeModule.forRoot(WORKFLOWS),
        CasesModule,
        NotificationsModule,
      ],
      controllers: [HealthController],
    };
  }
}
