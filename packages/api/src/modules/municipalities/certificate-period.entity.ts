import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { KopecksScalar, kopecksTransformer } from '../../common/money';
import { LocalDateScalar } from '../../common/scalars';


@ObjectType({ description: 'Период финансирования муниципалитета: номинал сертификата и лимит сертификатов финансирования' })
@Entity({ name: 'certificate_periods' })
@Unique(['municipalityId', 'year'])
export class CertificatePeriod {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => ID)
  @Column({ type: 'uuid' })
  municipalityId: string;

  @Field(() => Int)
  @Column({ type: 'int' })
  year: number;

  @Field(() => KopecksScalar, {
    description: 'Nominal of a financing certificate for this period. A change applies to certificates financed afterwards; accounts already credited keep their nominal.',
  })
  @Column({ type: 'bigint', transformer: kopecksTransformer })
  nominal: number;

  @Field(() => Int, { description: 'How many certificates may have FINANCING status in this period' })
  @Column({ type: 'int' })
  financingLimit: number;

  @Field(() => Int, { description: 'Financing certificates issued in this period so far' })
  @Column({ type: 'int', default: 0 })
  financingIssued: number;

  @Field(() => LocalDateScalar)
  @Column({ type: 'date' })
  startsOn: string;

  @Field(() => LocalDateScalar)
  @Column({ type: 'date' })
  endsOn: string;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Year-end freeze set by the МОЦ: from this day financing grants and certificate verifications wait (applications are still accepted)' })
  @Column({ type: 'date', nullable: true })
  freezeStartsOn: string | null;

  @Field(() => LocalDateScalar, { nullable: true, description: 'The last day of the freeze; it may run into the next period' })
  @Column({ type: 'date', nullable: true })
  freezeEndsOn: string | null;
}
