import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { KopecksScalar, kopecksTransformer } from '../../common/money';
import { DateTimeScalar } from '../../common/scalars';

@ObjectType({ description: 'Списание: one month\'s payment of a contract from the certificate, with the parent\'s co-payment beside it' })
@Entity({ name: 'charges' })
export class Charge {
  @Field(() => ID)
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Field(() => ID)
  @Column({ type: 'uuid' })
  contractId: string;

  @Field(() => ID)
  @Column({ type: 'uuid' })
  organizationId: string;

  @Field(() => ID)
  @Column({ type: 'uuid' })
  municipalityId: string;

  @Field(() => ID)
  @Column({ type: 'uuid' })
  certificateId: string;

  @Field(() => String, { description: '`YYYY-MM`' })
  @Column({ type: 'text' })
  month: string;

  @Field(() => KopecksScalar, { description: 'Paid from the certificate (committed → spent)' })
  @Column({ type: 'bigint', transformer: kopecksTransformer })
  amount: number;

  @Field(() => KopecksScalar, { description: 'The parent\'s co-payment for the month, paid to the organization directly: the contract\'s monthly co-payment, prorated like the share' })
  @Column({ type: 'bigint', transformer: kopecksTransformer })
  copayment: number;

  @Field(() => Int, { nullable: true })
  @Column({ type: 'int', nullable: true })
  lessonsPlanned: number | null;

  @Field(() => Int, { nullable: true })
  @Column({ type: 'int', nullable: true })
  lessonsAttended: number | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  comment: string | null;

  @Field(() => ID, { nullable: true, description: 'The invoice the charge belongs to, once the month\'s invoice is formed' })
  @Column({ type: 'uuid', nullable: true })
  invoiceId: string | null;

  @Field(() => Int, { description: 'How many times the charge was corrected' })
  @Column({ type: 'int', default: 0 })
  revision: number;

  @Column({ type: 'uuid', nullable: true })
  recordedByUserId: string | null;

  @Field(() => DateTimeScalar)
  @Column({ type: 'timestamptz' })
  recordedAt: Date;

  @Field(() => DateTimeScalar, { nullable: true })
  @Column({ type: 'timestamptz', nullable: true })
  correctedAt: Date | null;
}
