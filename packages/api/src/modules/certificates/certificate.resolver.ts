import { Arg, Args, ArgsType, Authorized, Ctx, Field, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Service } from '../../common/container';
import { KopecksScalar } from '../../common/money';
import type { GraphQLContext } from '../../common/graphql-context';
import { Role } from '../../common/role';
import { CertificatePeriod } from '../municipalities/certificate-period.entity';
import { Municipality } from '../municipalities/municipality.entity';
import { CertificateAccount } from './certificate-account.entity';
import { CertificateConnection, LedgerEntryConnection } from './certificate-connection.type';
import { Certificate } from './certificate.entity';
import { CertificateService } from './certificate.service';
import { STATUS_LABELS } from './certificates.enums';
import { LedgerEntryType } from './certificates.enums';
import { Child } from './child.entity';
import { CertificateFilter } from './inputs/certificate-filter.input';
import { CertificateStatusChangeInput } from './inputs/status-change.input';
import { LedgerEntry } from './ledger-entry.entity';

@ArgsType()
class PageArgs {
  @Field(() => Int, { nullable: true, description: 'Page size, 1–100 (20 by default)' })
  first?: number;

  @Field(() => String, { nullable: true })
  after?: string;
}

@Service()
@Resolver(() => Certificate)
export class CertificateResolver {
  constructor(private readonly service: CertificateService) {}

  @Authorized()
  @Query(() => Certificate, { nullable: true, description: 'A certificate: for its parent, provider staff (without money), the МОЦ of its municipality and the region admin' })
  certificate(@Arg('id', () => ID) id: string, @Ctx() ctx: GraphQLContext): Promise<Certificate | null> {
    return this.service.certificate(ctx.actor, id);
  }

  @Authorized(Role.PROVIDER_STAFF, Role.OPERATOR, Role.REGION_ADMIN)
  @Query(() => Certificate, { nullable: true, description: 'Finds a certificate by the number the parent shows (to verify documents)' })
  certificateByNumber(@Arg('number', () => String) number: string, @Ctx() ctx: GraphQLContext): Promise<Certificate | null> {
    return this.service.certificateByNumber(ctx.actor, number);
  }

  @Authorized(Role.OPERATOR, Role.REGION_ADMIN)
  @Query(() => CertificateConnection, { description: 'Certificates of the operator\'s municipality (any municipality for the region admin), newest first' })
  certificates(
    @Arg('filter', () => CertificateFilter, { nullable: true }) filter: CertificateFilter | undefined,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: GraphQLContext,
  ): Promise<CertificateConnection> {
    return this.service.list(ctx.actor, filter, page.first, page.after);
  }

  @Authorized(Role.PARENT)
  @Mutation(() => Certificate, { description: 'Requests the child\'s certificate (one per child): PENDING_VERIFICATION until documents are checked in person' })
  requestCertificate(@Arg('childId', () => ID) childId: string, @Ctx() ctx: GraphQLContext): Promise<Certificate> {
    return this.service.requestCertificate(ctx.actor, childId);
  }

  @Authorized(Role.PROVIDER_STAFF, Role.OPERATOR, Role.REGION_ADMIN)
  @Mutation(() => Certificate, { description: 'Documents checked in person (staff of any organization, or the МОЦ): → ACCOUNTING' })
  verifyCertificate(@Arg('certificateId', () => ID) certificateId: string, @Ctx() ctx: GraphQLContext): Promise<Certificate> {
    return this.service.verifyCertificate(ctx.actor, certificateId);
  }

  @Authorized(Role.OPERATOR, Role.REGION_ADMIN)
  @Mutation(() => Certificate, { description: 'ACCOUNTING → FINANCING and credit of the current period\'s nominal, while the municipality\'s limit allows' })
  grantFinancing(@Arg('certificateId', () => ID) certificateId: string, @Ctx() ctx: GraphQLContext): Promise<Certificate> {
    return this.service.grantFinancing(ctx.actor, certificateId);
  }

  @Authorized(Role.PARENT)
  @Mutation(() => Certificate, { description: 'The parent asks for financing: granted at once where the municipality finances automatically, otherwise it waits for the МОЦ' })
  requestFinancing(@Arg('certificateId', () => ID) certificateId: string, @Ctx() ctx: GraphQLContext): Promise<Certificate> {
    return this.service.requestFinancing(ctx.actor, certificateId);
  }

  @Authorized(Role.OPERATOR, Role.REGION_ADMIN)
  @Mutation(() => Certificate)
  suspendCertificate(@Arg('input', () => CertificateStatusChangeInput) input: CertificateStatusChangeInput, @Ctx() ctx: GraphQLContext): Promise<Certificate> {
    return this.service.suspendCertificate(ctx.actor, input);
  }

  @Authorized(Role.OPERATOR, Role.REGION_ADMIN)
  @Mutation(() => Certificate, { description: 'Returns a suspended certificate to the status it had' })
  resumeCertificate(@Arg('certificateId', () => ID) certificateId: string, @Ctx() ctx: GraphQLContext): Promise<Certificate> {
    return this.service.resumeCertificate(ctx.actor, certificateId);
  }

  @Authorized(Role.OPERATOR, Role.REGION_ADMIN)
  @Mutation(() => Certificate, { description: 'Final. Blocked and committed money stays with its applications and contracts; nothing moves to another certificate' })
  closeCertificate(@Arg('input', () => CertificateStatusChangeInput) input: CertificateStatusChangeInput, @Ctx() ctx: GraphQLContext): Promise<Certificate> {
    return this.service.closeCertificate(ctx.actor, input);
  }

  @FieldResolver(() => String, { description: 'The status in Russian, as parents read it' })
  statusLabel(@Root() certificate: Certificate): string {
    return STATUS_LABELS[certificate.status];
  }

  @FieldResolver(() => Child)
  async child(@Root() certificate: Certificate, @Ctx() ctx: GraphQLContext): Promise<Child> {
    return (await ctx.loaders.byId(Child).load(certificate.childId))!;
  }

  @FieldResolver(() => Municipality)
  async municipality(@Root() certificate: Certificate, @Ctx() ctx: GraphQLContext): Promise<Municipality> {
    return (await ctx.loaders.byId(Municipality).load(certificate.municipalityId))!;
  }

  @FieldResolver(() => CertificateAccount, { nullable: true, description: 'Money in the current period (parent and МОЦ only); null without financing' })
  currentAccount(@Root() certificate: Certificate, @Ctx() ctx: GraphQLContext): Promise<CertificateAccount | null> {
    return this.service.currentAccount(ctx.actor, certificate);
  }

  @FieldResolver(() => LedgerEntryConnection, { description: 'Operations on the certificate, newest first (parent and МОЦ only)' })
  ledger(@Root() certificate: Certificate, @Args(() => PageArgs) page: PageArgs, @Ctx() ctx: GraphQLContext): Promise<LedgerEntryConnection> {
    return this.service.ledgerPage(ctx.actor, certificate, page.first, page.after);
  }
}

@Service()
@Resolver(() => CertificateAccount)
export class CertificateAccountResolver {
  @FieldResolver(() => CertificatePeriod)
  async period(@Root() account: CertificateAccount, @Ctx() ctx: GraphQLContext): Promise<CertificatePeriod> {
    return (await ctx.loaders.byId(CertificatePeriod).load(account.periodId))!;
  }
}

const LEDGER_LABELS: Record<LedgerEntryType, string> = {
  [LedgerEntryType.CREDIT]: 'Зачисление',
  [LedgerEntryType.BLOCK]: 'Блокировка под заявку',
  [LedgerEntryType.UNBLOCK]: 'Снятие блокировки',
  [LedgerEntryType.ACTIVATE]: 'Резерв по договору',
  [LedgerEntryType.RELEASE]: 'Возврат резерва',
  [LedgerEntryType.CHARGE]: 'Оплата обучения',
  [LedgerEntryType.EXPIRE]: 'Аннулирование остатка',
  [LedgerEntryType.REVERSAL]: 'Исправление оплаты',
  [LedgerEntryType.COMMIT]: 'Резерв по договору на новый год',
};

/** How each movement changes what the parent can still use (movements between reserved buckets leave it as is). */
const AVAILABLE_SIGN: Record<LedgerEntryType, -1 | 0 | 1> = {
  [LedgerEntryType.CREDIT]: 1,
  [LedgerEntryType.BLOCK]: -1,
  [LedgerEntryType.UNBLOCK]: 1,
  [LedgerEntryType.ACTIVATE]: 0,
  [LedgerEntryType.RELEASE]: 1,
  [LedgerEntryType.CHARGE]: 0,
  [LedgerEntryType.EXPIRE]: -1,
  [LedgerEntryType.REVERSAL]: 0,
  [LedgerEntryType.COMMIT]: -1,
};

@Service()
@Resolver(() => LedgerEntry)
export class LedgerEntryResolver {
  @FieldResolver(() => String, { description: 'The kind of operation in Russian, e.g. «Зачисление»' })
  label(@Root() entry: LedgerEntry): string {
    return LEDGER_LABELS[entry.type];
  }

  @FieldResolver(() => KopecksScalar, { description: 'Change of the available sum: + for credits and returns, − for blocks and expiry, 0 inside reserved money' })
  availableChange(@Root() entry: LedgerEntry): number {
    return AVAILABLE_SIGN[entry.type] * entry.amount;
  }
}
