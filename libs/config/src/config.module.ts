import { DynamicModule, Global, Module } from '@nestjs/common';
import type { FlytConfig } from './flyt-config.js';

export const FLYT_CONFIG = Symbol('FLYT_CONFIG');

@Global()
@Module({})
export class ConfigModule {
  static forRoot(config: FlytConfig): DynamicModule {
    return { module: ConfigModule, providers: [{ provide: FLYT_CONFIG, useValue: config }], exports: [FLYT_CONFIG] };
  }
}
