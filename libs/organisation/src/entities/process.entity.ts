import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

@Entity('process')
export class ProcessEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('text') code!: string;
  @Column('text', { name: 'name_nb' }) nameNb!: string;
  @Column('text', { name: 'name_en' }) nameEn!: string;
  @Column('text') description!: string;
  @Column('uuid', { name: 'owning_unit_id' }) owningUnitId!: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
  @Column('timestamptz', { name: 'ended_at', nullable: true }) endedAt!: Date | null;
}

/** A member of the process-responsibility team (prosessansvarsteam) of a process. */
@Entity('process_team_member')
export class ProcessTeamMemberEntity {
  @PrimaryColumn('uuid', { name: 'process_id' }) processId!: string;
  @PrimaryColumn('uuid', { name: 'user_id' }) userId!: string;
  @CreateDateColumn({ name: 'added_at', type: 'timestamptz' }) addedAt!: Date;
}
