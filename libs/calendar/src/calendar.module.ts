import { Global, Module } from '@nestjs/common';
import { FLYT_CONFIG, type FlytConfig } from '#flyt/config';
import { DEADLINE_POLICY, DEADLINE_RULES_IN_FORCE, MACHINE_REGISTRY, type MachineRegistry } from '#flyt/workflow-runtime';
import { CalendarDeadlinePolicy, calendarFromConfig, deadlinePolicyFromConfig } from './calendar-deadline-policy.js';
import { NorwegianCalendar } from './domain/norwegian-calendar.js';

/**
 * The working-day calendar and the deadline policy the workflow runtime places its timers with,
 * over the rules of every registered workflow. Global: the runtime injects DEADLINE_POLICY, and
 * moving a deadline counts working days with the calendar.
 */
@Global()
@Module({
  providers: [
    { provide: NorwegianCalendar, inject: [FLYT_CONFIG], useFactory: (config: FlytConfig) => calendarFromConfig(config.deadlines) },
    {
      provide: CalendarDeadlinePolicy,
      inject: [FLYT_CONFIG, NorwegianCalendar, MACHINE_REGISTRY],
      useFactory: (config: FlytConfig, calendar: NorwegianCalendar, registry: MachineRegistry) => deadlinePolicyFromConfig(config.deadlines, calendar, registry),
    },
    { provide: DEADLINE_POLICY, useExisting: CalendarDeadlinePolicy },
    { provide: DEADLINE_RULES_IN_FORCE, useExisting: CalendarDeadlinePolicy },
  ],
  exports: [NorwegianCalendar, CalendarDeadlinePolicy, DEADLINE_POLICY, DEADLINE_RULES_IN_FORCE],
})
export class CalendarModule {}
