import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { KopecksScalar, kopecksTransformer } from '../../common/money';
import { DateTimeScalar } from '../../common/scalars';
import { CertificationStatus, Direction, FundingType, ProgramFormat, ProgramStatus } from './catalog.enums';

@ObjectType({ simpleResolvers: true, description: 'Дополнительная общеобразовательная программа' })
@Entity({ name: 'programs' })
export class Program {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => ID)
  @Column({ type: 'uuid' })
  organizationId: string;

  @Field(() => ID, { description: 'Municipality where the program is delivered' })
  @Column({ type: 'uuid' })
  municipalityId: string;

  @Field(() => String)
  @Column({ type: 'text' })
  title: string;

  @Field(() => String)
  @Column({ type: 'text' })
  description: string;

  @Field(() => Direction)
  @Column({ type: 'text' })
  direction: Direction;

  @Field(() => Int)
  @Column({ type: 'int' })
  ageFrom: number;

  @Field(() => Int)
  @Column({ type: 'int' })
  ageTo: number;

  @Field(() => Int)
  @Column({ type: 'int' })
  durationMonths: number;

  @Field(() => Int)
  @Column({ type: 'int' })
  academicHours: number;

  @Field(() => ProgramFormat)
  @Column({ type: 'text' })
  format: ProgramFormat;

  @Field(() => FundingType)
  @Column({ type: 'text' })
  fundingType: FundingType;

  @Field(() => KopecksScalar, {
    description:
      'Monthly price for one child, kopecks (0 for BUDGET programs). Changing it affects new contracts only: a contract copies the price and ' +
      'the certificate share when it is created, and nothing recomputes them. A certified program keeps its certification when its price ' +
      'changes; the certificate still pays min(price, normative cost).',
  })
  @Column({ type: 'bigint', transformer: kopecksTransformer })
  monthlyPrice: number;

  @Field(() => KopecksScalar, {
    nullable: true,
    description: 'Normative monthly cost set when the program was certified; caps what the certificate pays per month',
  })
  @Column({ type: 'bigint', nullable: true, transformer: kopecksTransformer })
  normativeMonthlyCost: number | null;

  @Field(() => CertificationStatus)
  @Column({ type: 'text', default: CertificationStatus.NOT_SUBMITTED })
  certificationStatus: CertificationStatus;

  @Field(() => String, { nullable: true, description: 'Why the МОЦ refused certification (when REJECTED)' })
  @Column({ type: 'text', nullable: true })
  certificationRejectReason: string | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When the program was last submitted for certification' })
  @Column({ type: 'timestamptz', nullable: true })
  certificationSubmittedAt: Date | null;

  @Field(() => DateTimeScalar, { nullable: true })
  @Column({ type: 'timestamptz', nullable: true })
  certifiedAt: Date | null;

  @Field(() => ProgramStatus)
  @Column({ type: 'text', default: ProgramStatus.DRAFT })
  status: ProgramStatus;

  @Field(() => String)
  @Column({ type: 'text' })
  address: string;

  @Field(() => Float, { nullable: true })
  @Column({ type: 'double precision', nullable: true })
  latitude: number | null;

  @Field(() => Float, { nullable: true })
  @Column({ type: 'double precision', nullable: true })
  longitude: number | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  teacher: string | null;

  @Field(() => [String])
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  tags: string[];

  /** Kept by a trigger on groups for the catalog's filter; the GraphQL field reads the live groups (catalog.resolver.ts). */
  @Column({ type: 'boolean', default: false, insert: false, update: false })
  hasFreeSeats: boolean;

  @Field(() => DateTimeScalar, { nullable: true })
  @Column({ type: 'timestamptz', nullable: true })
  publishedAt: Date | null;

  @Field(() => DateTimeScalar)
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Field(() => DateTimeScalar)
  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
