import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { UnitKind } from '../domain/unit-tree.js';

@Entity('unit')
export class UnitEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('text') code!: string;
  @Column('text', { name: 'name_nb' }) nameNb!: string;
  @Column('text', { name: 'name_en' }) nameEn!: string;
  @Column('text') kind!: UnitKind;
  @Column('uuid', { name: 'parent_id', nullable: true }) parentId!: string | null;
  /** Ids from the root down to this unit, itself included. */
  @Column('uuid', { array: true }) path!: string[];
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
  @Column('timestamptz', { name: 'ended_at', nullable: true }) endedAt!: Date | null;
}
