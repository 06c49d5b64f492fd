import { Field, ID, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { DateTimeScalar } from '../../common/scalars';
import { Role } from '../../common/role';

@ObjectType({ description: 'A person who signs in: a parent, provider staff, a МОЦ operator or a РМЦ admin' })
@Entity({ name: 'users' })
export class User {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => String)
  @Column({ type: 'text' })
  email: string;

  @Column({ type: 'text' })
  passwordHash: string;

  @Field(() => Role)
  @Column({ type: 'text' })
  role: Role;

  @Field(() => String)
  @Column({ type: 'text' })
  fullName: string;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  phone: string | null;

  @Field(() => ID, { nullable: true, description: 'Home municipality of a parent; the municipality of an operator' })
  @Column({ type: 'uuid', nullable: true })
  municipalityId: string | null;

  @Field(() => ID, { nullable: true, description: 'Organization of provider staff' })
  @Column({ type: 'uuid', nullable: true })
  organizationId: string | null;

  @Field(() => DateTimeScalar)
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When the e-mail was confirmed; null until then (a parent may browse, not add a child or apply)' })
  @Column({ type: 'timestamptz', nullable: true })
  emailConfirmedAt: Date | null;

  /** Set when the parent withdrew consent: the account is closed and its personal data removed. */
  @Column({ type: 'timestamptz', nullable: true })
  closedAt: Date | null;
}
