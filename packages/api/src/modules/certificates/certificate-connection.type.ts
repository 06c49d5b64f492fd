import { Field, Int, ObjectType } from 'type-graphql';
import { Connection } from '../../common/pagination';
import { Certificate } from './certificate.entity';
import { CertificateStatus } from './certificates.enums';
import { LedgerEntry } from './ledger-entry.entity';

@ObjectType()
export class CertificateStatusCount {
  @Field(() => CertificateStatus)
  status: CertificateStatus;

  @Field(() => Int)
  count: number;
}

@ObjectType()
export class CertificateConnection extends Connection(Certificate) {
  @Field(() => [CertificateStatusCount], { description: 'Counts per status with every filter but the status applied (for tabs)' })
  countsByStatus: CertificateStatusCount[];
}

@ObjectType()
export class LedgerEntryConnection extends Connection(LedgerEntry) {}
