import { Field, ID, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { DateTimeScalar, LocalDateScalar } from '../../common/scalars';
import { CertificateStatus } from './certificates.enums';

@ObjectType({ description: 'Сертификат дополнительного образования: one per child; cannot be cashed, sold, gifted or moved to another child' })
@Entity({ name: 'certificates' })
export class Certificate {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => String, { description: '10 digits starting with the region code `28`' })
  @Column({ type: 'text', unique: true })
  number: string;

  @Field(() => ID)
  @Column({ type: 'uuid', unique: true })
  childId: string;

  @Field(() => ID)
  @Column({ type: 'uuid' })
  municipalityId: string;

  @Field(() => CertificateStatus)
  @Column({ type: 'text' })
  status: CertificateStatus;

  /** Where a suspended certificate returns when resumed. */
  @Column({ type: 'text', nullable: true })
  statusBeforeSuspension: CertificateStatus | null;

  @Field(() => String, { nullable: true, description: 'Why the certificate was suspended or closed' })
  @Column({ type: 'text', nullable: true })
  statusReason: string | null;

  @Field(() => LocalDateScalar, { description: 'Last day of validity: the day before the child\'s 18th birthday' })
  @Column({ type: 'date' })
  validUntil: string;

  @Field(() => DateTimeScalar, { nullable: true })
  @Column({ type: 'timestamptz', nullable: true })
  verifiedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  verifiedByUserId: string | null;

  @Field(() => DateTimeScalar, { nullable: true })
  @Column({ type: 'timestamptz', nullable: true })
  financedAt: Date | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When the parent asked for financing (awaiting the operator while ACCOUNTING)' })
  @Column({ type: 'timestamptz', nullable: true })
  financingRequestedAt: Date | null;

  @Field(() => DateTimeScalar)
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Field(() => DateTimeScalar)
  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
