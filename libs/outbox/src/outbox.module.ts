import { type DynamicModule, Module, type ModuleMetadata, type Provider } from '@nestjs/common';
import { OutboxDispatcher } from './outbox-dispatcher.js';
import { OutboxRelay } from './outbox-relay.service.js';

export interface OutboxModuleOptions {
  /** Modules the providers below need (the notifications module). */
  imports?: ModuleMetadata['imports'];
  /** A provider of NOTIFY_DELIVERY, for outbox rows of kind `notify`. */
  providers?: Provider[];
}

/** The outbox relay; only the worker process runs it. It starts when the application has booted and stops first at shutdown. */
@Module({})
export class OutboxModule {
  static forRoot(options: OutboxModuleOptions = {}): DynamicModule {
    return {
      module: OutboxModule,
      imports: options.imports ?? [],
      providers: [...(options.providers ?? []), OutboxDispatcher, OutboxRelay],
      exports: [OutboxDispatcher, OutboxRelay],
    };
  }
}
