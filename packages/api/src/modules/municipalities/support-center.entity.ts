import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@ObjectType({ description: 'МОЦ — муниципальный опорный центр: answers parents\' questions in its municipality' })
@Entity({ name: 'support_centers' })
export class SupportCenter {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => ID)
  @Column({ type: 'uuid', unique: true })
  municipalityId: string;

  @Field(() => String)
  @Column({ type: 'text' })
  name: string;

  @Field(() => String, { description: 'Organization that hosts the center' })
  @Column({ type: 'text' })
  hostOrganization: string;

  @Field(() => String)
  @Column({ type: 'text' })
  address: string;

  @Field(() => String)
  @Column({ type: 'text' })
  phone: string;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  email: string | null;

  @Field(() => [String])
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  links: string[];

  @Field(() => Boolean, { description: 'Contacts are demo placeholders, not the real center' })
  @Column({ type: 'boolean', default: false })
  isDemo: boolean;
}
