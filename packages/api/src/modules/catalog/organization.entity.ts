import { Field, ID, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { DateTimeScalar, LocalDateScalar } from '../../common/scalars';
import { OrganizationType } from './catalog.enums';

@ObjectType({ simpleResolvers: true, description: 'Организация — поставщик образовательных услуг' })
@Entity({ name: 'organizations' })
export class Organization {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => ID)
  @Column({ type: 'uuid' })
  municipalityId: string;

  @Field(() => String)
  @Column({ type: 'text' })
  name: string;

  @Field(() => String)
  @Column({ type: 'text' })
  shortName: string;

  @Field(() => OrganizationType)
  @Column({ type: 'text' })
  type: OrganizationType;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  inn: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  licenseNumber: string | null;

  @Field(() => LocalDateScalar, { nullable: true })
  @Column({ type: 'date', nullable: true })
  licenseDate: string | null;

  @Field(() => String)
  @Column({ type: 'text' })
  address: string;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  phone: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  email: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  website: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  description: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  logoUrl: string | null;

  @Field(() => Boolean, { description: 'Connected to personalized financing: may run CERTIFICATE programs' })
  @Column({ type: 'boolean', default: false })
  pfConnected: boolean;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When an operator connected the organization to personalized financing' })
  @Column({ type: 'timestamptz', nullable: true })
  pfConnectedAt: Date | null;

  @Field(() => DateTimeScalar)
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Field(() => DateTimeScalar)
  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
