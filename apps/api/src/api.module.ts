import { type DynamicModule, Module, type ModuleMetadata } from '@nestjs/common';
import { CalendarModule } from '#flyt/calendar';
import { CasesModule } from '#flyt/cases';
import { ConfigModule, type FlytConfig } from '#flyt/config';
import { IdentityModule } from '#flyt/identity';
import { NotificationsModule } from '#flyt/notifications';
import { OrganisationModule } from '#flyt/organisation';
import { PersistenceModule } from '#flyt/persistence';
import { PortfolioModule } from '#flyt/portfolio';
import { ProjectsModule } from '#flyt/projects';
import { RedisModule } from '#flyt/queue';
import { type WorkflowRegistration, WorkflowRuntimeModule, WorkflowsApiModule } from '#flyt/workflow-runtime';
import { INSTALLED_WORKFLOWS } from '../../installed-workflows.js';
import { HealthController } from './health.controller.js';

/** What the API runs: the installed workflows and their libs' modules, unless a caller (a test) gives others. */
export interface ApiOptions {
  workflows?: readonly WorkflowRegistration[];
  modules?: ModuleMetadata['imports'];
}

@Module({})
export class ApiModule {
  static forRoot(config: FlytConfig, options: ApiOptions = {}): DynamicModule {
    return {
      module: ApiModule,
      imports: [
        ConfigModule.forRoot(config),
        PersistenceModule,
        RedisModule,
        OrganisationModule,
        IdentityModule,
        WorkflowRuntimeModule.forRoot(options.workflows ?? INSTALLED_WORKFLOWS),
        CalendarModule,
        WorkflowsApiModule,
        CasesModule,
        PortfolioModule,
        ProjectsModule,
        NotificationsModule,
        ...(options.modules ?? []),
      ],
      controllers: [HealthController],
    };
  }
}
