import { Field, ID, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { DateTimeScalar, LocalDateScalar } from '../../common/scalars';
import { Gender } from './certificates.enums';

@ObjectType({ description: 'Ребёнок: belongs to one parent; SNILS is shown in full only to that parent' })
@Entity({ name: 'children' })
export class Child {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => ID)
  @Column({ type: 'uuid' })
  parentUserId: string;

  @Field(() => ID)
  @Column({ type: 'uuid' })
  municipalityId: string;

  @Field(() => String)
  @Column({ type: 'text' })
  lastName: string;

  @Field(() => String)
  @Column({ type: 'text' })
  firstName: string;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  middleName: string | null;

  @Field(() => LocalDateScalar)
  @Column({ type: 'date' })
  birthDate: string;

  @Field(() => Gender)
  @Column({ type: 'text' })
  gender: Gender;

  /** AES-256-GCM: iv (12 bytes) ‖ auth tag (16 bytes) ‖ ciphertext. */
  @Column({ type: 'bytea' })
  snilsEncrypted: Buffer;

  /** HMAC-SHA256 of the normalized SNILS: unique across the region without storing it in clear. */
  @Column({ type: 'text' })
  snilsHash: string;

  @Column({ type: 'text' })
  snilsLastDigits: string;

  @Field(() => DateTimeScalar)
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Field(() => DateTimeScalar)
  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
