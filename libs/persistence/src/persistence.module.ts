import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { FLYT_CONFIG, type FlytConfig } from '#flyt/config';
import { dataSourceOptions } from './data-source-options.js';

/** The one TypeORM data source of a process. Entities are registered by the modules that own them. */
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [FLYT_CONFIG],
      useFactory: (config: FlytConfig) => ({ ...dataSourceOptions(config), autoLoadEntities: true, retryAttempts: 0 }),
    }),
  ],
})
export class PersistenceModule {}
