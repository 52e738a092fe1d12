import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** The process-responsible role for one process, delegated by its process owner to a named person. */
@Entity('mandate')
export class MandateEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('uuid', { name: 'process_id' }) processId!: string;
  @Column('uuid', { name: 'holder_id' }) holderId!: string;
  @Column('uuid', { name: 'deputy_id', nullable: true }) deputyId!: string | null;
  @Column('uuid', { name: 'delegated_by' }) delegatedBy!: string;
  @Column('date', { name: 'valid_from' }) validFrom!: string;
  @Column('date', { name: 'valid_to' }) validTo!: string;
  @Column('text') description!: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
  @Column('timestamptz', { name: 'ended_at', nullable: true }) endedAt!: Date | null;
  @Column('uuid', { name: 'ended_by', nullable: true }) endedBy!: string | null;
  @Column('text', { name: 'end_reason', nullable: true }) endReason!: string | null;
}

/** A period when the holder is away and the deputy stands in. */
@Entity('mandate_absence')
export class MandateAbsenceEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('uuid', { name: 'mandate_id' }) mandateId!: string;
  @Column('date', { name: 'starts_on' }) startsOn!: string;
  @Column('date', { name: 'ends_on' }) endsOn!: string;
  @Column('text') reason!: string;
  @Column('uuid', { name: 'created_by' }) createdBy!: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}
