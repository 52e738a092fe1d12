import { Organisation1763900000000 } from './1763900000000-organisation.js';
import { WorkflowRuntime1764000000000 } from './1764000000000-workflow-runtime.js';
import { Cases1764000000100 } from './1764000000100-cases.js';
import { TimerMovesAndOutboxWakeUp1764000000200 } from './1764000000200-timer-moves-and-outbox-wake-up.js';
import { Notifications1764000000300 } from './1764000000300-notifications.js';
import { OutboxRetry1764000000400 } from './1764000000400-outbox-retry.js';
import { CaseEscalatedToProgramme1764000000500 } from './1764000000500-case-escalated-to-programme.js';
import { WorkflowPlatform1764000000600 } from './1764000000600-workflow-platform.js';
import { OneMandateAndOneOwnerPerProcess1764000000700 } from './1764000000700-one-mandate-and-one-owner-per-process.js';
import { IndexesForTenYears1764000000800 } from './1764000000800-indexes-for-ten-years.js';
import { PriorityRounds1764000000900 } from './1764000000900-priority-rounds.js';
import { CaseReferencePast99991764000001000 } from './1764000001000-case-reference-past-9999.js';
import { ProjectsAndBenefits1764000001100 } from './1764000001100-projects-and-benefits.js';

/** Every migration, oldest first. Listed by hand so that the same list runs from sources and from dist. */
export const MIGRATIONS = [
  Organisation1763900000000,
  WorkflowRuntime1764000000000,
  Cases1764000000100,
  TimerMovesAndOutboxWakeUp1764000000200,
  Notifications1764000000300,
  OutboxRetry1764000000400,
  CaseEscalatedToProgramme1764000000500,
  WorkflowPlatform1764000000600,
  OneMandateAndOneOwnerPerProcess1764000000700,
  IndexesForTenYears1764000000800,
  PriorityRounds1764000000900,
  CaseReferencePast99991764000001000,
  ProjectsAndBenefits1764000001100,
];
