import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { Role, ScopeKind } from '#flyt/access';

@Entity('role_assignment')
export class RoleAssignmentEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('uuid', { name: 'user_id' }) userId!: string;
  @Column('text') role!: Role;
  @Column('text', { name: 'scope_kind' }) scopeKind!: ScopeKind;
  @Column('uuid', { name: 'unit_id', nullable: true }) unitId!: string | null;
  @Column('uuid', { name: 'process_id', nullable: true }) processId!: string | null;
  @Column('date', { name: 'valid_from' }) validFrom!: string;
  @Column('date', { name: 'valid_to', nullable: true }) validTo!: string | null;
  @Column('uuid', { name: 'created_by', nullable: true }) createdBy!: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
  @Column('timestamptz', { name: 'ended_at', nullable: true }) endedAt!: Date | null;
  @Column('uuid', { name: 'ended_by', nullable: true }) endedBy!: string | null;
  @Column('text', { name: 'end_reason', nullable: true }) endReason!: string | null;
}
