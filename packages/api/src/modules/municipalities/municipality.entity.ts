import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@ObjectType({ description: 'Муниципалитет: один из 29 муниципалитетов Амурской области' })
@Entity({ name: 'municipalities' })
export class Municipality {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => String, { description: 'Region code, `28` for the Amur region' })
  @Column({ type: 'text' })
  regionCode: string;

  @Field(() => String, { description: 'Stable short code, e.g. `zeya`' })
  @Column({ type: 'text', unique: true })
  code: string;

  @Field(() => String)
  @Column({ type: 'text' })
  name: string;

  @Field(() => Boolean, {
    description: 'When true, a parent\'s request for financing is granted automatically while the period limit allows',
  })
  @Column({ type: 'boolean', default: false })
  autoFinancing: boolean;
}
