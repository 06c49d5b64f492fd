import { Field, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { DateTimeScalar } from '../../common/scalars';
import { ApplicationStatus } from './enrollment.enums';

@ObjectType({ description: 'One step of an application\'s status history' })
@Entity({ name: 'application_events' })
export class ApplicationEvent {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id: string;

  @Column({ type: 'uuid' })
  applicationId: string;

  @Field(() => ApplicationStatus)
  @Column({ type: 'text' })
  status: ApplicationStatus;

  @Column({ type: 'uuid', nullable: true })
  actorUserId: string | null;

  @Field(() => String, { nullable: true, description: 'Why: a rejection reason, the offer deadline, the waitlist position' })
  @Column({ type: 'text', nullable: true })
  note: string | null;

  @Field(() => DateTimeScalar)
  @Column({ type: 'timestamptz' })
  at: Date;
}
