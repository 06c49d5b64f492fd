import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { KopecksScalar, kopecksTransformer } from '../../common/money';
import { DateTimeScalar, LocalDateScalar } from '../../common/scalars';
import { InvoiceStatus } from './billing.enums';

@ObjectType({ description: 'Счёт на оплату: an organization\'s charges of one month for one municipality to pay' })
@Entity({ name: 'invoices' })
export class Invoice {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => ID)
  @Column({ type: 'uuid' })
  organizationId: string;

  @Field(() => ID)
  @Column({ type: 'uuid' })
  municipalityId: string;

  @Field(() => String, { description: '`YYYY-MM`' })
  @Column({ type: 'text' })
  month: string;

  @Field(() => InvoiceStatus)
  @Column({ type: 'text' })
  status: InvoiceStatus;

  @Field(() => KopecksScalar, { description: 'Always the sum of its charges (kept in the same transaction as every charge change)' })
  @Column({ type: 'bigint', transformer: kopecksTransformer })
  total: number;

  @Field(() => Int)
  @Column({ type: 'int' })
  chargeCount: number;

  @Field(() => DateTimeScalar, { description: 'When it was last formed' })
  @Column({ type: 'timestamptz' })
  formedAt: Date;

  @Column({ type: 'uuid', nullable: true })
  formedByUserId: string | null;

  @Field(() => DateTimeScalar, { nullable: true })
  @Column({ type: 'timestamptz', nullable: true })
  approvedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  approvedByUserId: string | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When the МОЦ last returned it' })
  @Column({ type: 'timestamptz', nullable: true })
  returnedAt: Date | null;

  @Field(() => String, { nullable: true, description: 'Why the МОЦ last returned it' })
  @Column({ type: 'text', nullable: true })
  returnReason: string | null;

  @Field(() => LocalDateScalar, { nullable: true })
  @Column({ type: 'date', nullable: true })
  paidOn: string | null;

  @Field(() => String, { nullable: true, description: 'Payment order number or other reference' })
  @Column({ type: 'text', nullable: true })
  paymentReference: string | null;

  @Column({ type: 'uuid', nullable: true })
  paidByUserId: string | null;

  @Field(() => DateTimeScalar)
  @Column({ type: 'timestamptz' })
  updatedAt: Date;
}
