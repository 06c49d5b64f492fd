import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { DateTimeScalar } from '../../common/scalars';
import { ApplicationStatus } from './enrollment.enums';

@ObjectType({ description: 'Заявка: a child\'s request for a place in a group' })
@Entity({ name: 'applications' })
export class Application {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => ID)
  @Column({ type: 'uuid' })
  childId: string;

  @Column({ type: 'uuid' })
  parentUserId: string;

  @Field(() => ID)
  @Column({ type: 'uuid' })
  groupId: string;

  @Field(() => ID)
  @Column({ type: 'uuid' })
  programId: string;

  @Field(() => ID)
  @Column({ type: 'uuid' })
  organizationId: string;

  /** The program's municipality: whose operators see the application. */
  @Column({ type: 'uuid' })
  municipalityId: string;

  @Field(() => ApplicationStatus)
  @Column({ type: 'text' })
  status: ApplicationStatus;

  /** Ordering ticket on the group's waitlist; the public position is the rank among those still waiting. */
  @Column({ type: 'int', nullable: true })
  waitlistPosition: number | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  rejectReason: string | null;

  @Field(() => DateTimeScalar)
  @Column({ type: 'timestamptz' })
  submittedAt: Date;

  @Field(() => DateTimeScalar)
  @Column({ type: 'timestamptz' })
  updatedAt: Date;
}
