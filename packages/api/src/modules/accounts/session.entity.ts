import { Field, ID, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { DateTimeScalar } from '../../common/scalars';

/** A signed-in session. Only the SHA-256 of the token is stored, so a database leak yields no usable tokens. */
@ObjectType({ description: 'Сеанс входа: устройство, адрес и когда им пользовались' })
@Entity({ name: 'sessions' })
export class Session {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text', unique: true })
  tokenHash: string;

  @Column({ type: 'uuid' })
  userId: string;

  @Field(() => DateTimeScalar)
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Field(() => DateTimeScalar)
  @Column({ type: 'timestamptz', default: () => 'now()' })
  lastSeenAt: Date;

  @Column({ type: 'timestamptz' })
  expiresAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt: Date | null;

  @Field(() => String, { nullable: true, description: 'Браузер и устройство, как их назвал сам браузер' })
  @Column({ type: 'text', nullable: true })
  userAgent: string | null;

  @Field(() => String, { nullable: true, description: 'Адрес, с которого вошли' })
  @Column({ type: 'text', nullable: true })
  ip: string | null;
}
