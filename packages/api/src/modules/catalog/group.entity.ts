import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { LocalDateScalar } from '../../common/scalars';

@ObjectType({ simpleResolvers: true, description: 'One weekly slot of a group\'s timetable' })
export class ScheduleSlot {
  @Field(() => Int, { description: 'ISO weekday: 1 = Monday … 7 = Sunday' })
  weekday: number;

  @Field(() => String, { description: '`HH:MM`' })
  startTime: string;

  @Field(() => String, { description: '`HH:MM`' })
  endTime: string;
}

@ObjectType({ simpleResolvers: true, description: 'Группа — a concrete cohort of a program' })
@Entity({ name: 'groups' })
export class Group {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => ID)
  @Column({ type: 'uuid' })
  programId: string;

  @Field(() => String)
  @Column({ type: 'text' })
  name: string;

  @Field(() => [ScheduleSlot])
  @Column({ type: 'jsonb', default: () => "'[]'" })
  schedule: ScheduleSlot[];

  @Field(() => LocalDateScalar)
  @Column({ type: 'date' })
  startsOn: string;

  @Field(() => LocalDateScalar)
  @Column({ type: 'date' })
  endsOn: string;

  @Field(() => Int)
  @Column({ type: 'int' })
  capacity: number;

  @Field(() => Int, { description: 'Seats held by contract offers plus seats of enrolled children' })
  @Column({ type: 'int', default: 0 })
  seatsTaken: number;

  /** SUBMITTED applications: each will take a seat if confirmed (kept by a trigger on applications). */
  @Column({ type: 'int', default: 0, insert: false, update: false })
  pendingCount: number;

  @Field(() => Int, { name: 'waitlistLength', simple: false, description: 'Applications waiting on the waitlist, in order; worth showing where the group is full' })
  @Column({ type: 'int', default: 0, insert: false, update: false })
  waitlistCount: number;

  @Field(() => String)
  @Column({ type: 'text' })
  address: string;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  teacher: string | null;

  @Field(() => Boolean)
  @Column({ type: 'boolean', default: true })
  enrollmentOpen: boolean;
}
