import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Service } from '../../common/container';
import type { GraphQLContext } from '../../common/graphql-context';
import { Role } from '../../common/role';
import { Organization } from '../catalog/organization.entity';
import { Contract } from '../contracts/contract.entity';
import { Municipality } from '../municipalities/municipality.entity';
import { ChargeResult, InvoiceRegistry, MonthSheet, MunicipalitySummary } from './billing.types';
import { Charge } from './charge.entity';
import { ChargeService } from './charge.service';
import { CorrectChargeInput } from './inputs/correct-charge.input';
import { RecordInvoicePaymentInput, ReturnInvoiceInput } from './inputs/invoice.input';
import { RecordChargesInput } from './inputs/record-charges.input';
import { Invoice } from './invoice.entity';
import { InvoiceService } from './invoice.service';

const OPERATORS = [Role.OPERATOR, Role.REGION_ADMIN];

/** Monthly charges: staff record and correct them. */
@Service()
@Resolver(() => Charge)
export class ChargeResolver {
  constructor(
    private readonly charges: ChargeService,
  ) {}

  @Authorized(Role.PROVIDER_STAFF)
  @Query(() => MonthSheet, { description: 'The staff member\'s organization\'s certificate contracts running in the month (`YYYY-MM`), each with its prorated share prefilled and its charge, if recorded' })
  monthSheet(@Arg('month', () => String) month: string, @Ctx() ctx: GraphQLContext): Promise<MonthSheet> {
    return this.charges.monthSheet(ctx.actor, month);
  }

  @Authorized(Role.PROVIDER_STAFF)
  @Mutation(() => [ChargeResult], {
    description:
      'Records the month\'s charges of the organization\'s contracts, one result per item (each item stands alone). A charge is at most the contract\'s certificate monthly share; ' +
      'in the month a contract starts or ends the share is prorated by days (share × contract days in the month / days in the month, rounded down to a kopeck). ' +
      'One charge per contract and month; the month must have started and lie within the contract; the parent\'s co-payment is recorded beside it.',
  })
  recordCharges(@Arg('input', () => RecordChargesInput) input: RecordChargesInput, @Ctx() ctx: GraphQLContext): Promise<ChargeResult[]> {
    return this.charges.recordCharges(ctx.actor, input);
  }

  @Authorized(Role.PROVIDER_STAFF)
  @Mutation(() => Charge, { description: 'Corrects a charge while its month\'s invoice is not approved: an increase is charged from the certificate, a decrease returned to the contract\'s reserve' })
  correctCharge(@Arg('input', () => CorrectChargeInput) input: CorrectChargeInput, @Ctx() ctx: GraphQLContext): Promise<Charge> {
    return this.charges.correctCharge(ctx.actor, input);
  }

  @FieldResolver(() => Contract)
  async contract(@Root() charge: Charge, @Ctx() ctx: GraphQLContext): Promise<Contract> {
    return (await ctx.loaders.byId(Contract).load(charge.contractId))!;
  }
}

/** The contract's charges, for whoever may read the contract. */
@Service()
@Resolver(() => Contract)
export class ContractChargesResolver {
  @FieldResolver(() => [Charge], { description: 'Monthly charges, oldest month first' })
  charges(@Root() contract: Contract, @Ctx() ctx: GraphQLContext): Promise<Charge[]> {
    return ctx.loaders.manyBy(Charge, 'contractId', { month: 'ASC' }).load(contract.id);
  }
}

/** Invoices: staff form them, the МОЦ approves, returns and records payment; registries and the municipality summary. */
@Service()
@Resolver(() => Invoice)
export class InvoiceResolver {
  constructor(private readonly invoices: InvoiceService) {}

  @Authorized(Role.PROVIDER_STAFF, ...OPERATORS)
  @Query(() => Invoice, { description: 'An invoice of the staff member\'s organization or of the operator\'s municipality. CSV: GET /reports/invoices/{id}.csv' })
  invoice(@Arg('id', () => ID) id: string, @Ctx() ctx: GraphQLContext): Promise<Invoice> {
    return this.invoices.invoice(ctx.actor, id);
  }

  @Authorized(Role.PROVIDER_STAFF)
  @Query(() => [Invoice], { description: 'The staff member\'s organization\'s invoices (of one month, or all), newest month first' })
  myInvoices(@Arg('month', () => String, { nullable: true }) month: string | undefined, @Ctx() ctx: GraphQLContext): Promise<Invoice[]> {
    return this.invoices.myInvoices(ctx.actor, month);
  }

  @Authorized(...OPERATORS)
  @Query(() => InvoiceRegistry, { description: 'The month\'s invoices of the operator\'s municipality (the region admin: one or all) with totals. CSV: GET /reports/registry.csv?month=YYYY-MM' })
  invoiceRegistry(
    @Arg('month', () => String) month: string,
    @Arg('municipalityId', () => ID, { nullable: true }) municipalityId: string | undefined,
    @Ctx() ctx: GraphQLContext,
  ): Promise<InvoiceRegistry> {
    return this.invoices.invoiceRegistry(ctx.actor, month, municipalityId);
  }

  @Authorized(...OPERATORS)
  @Query(() => MunicipalitySummary, { description: 'Certificates and their money in the municipality\'s current financing period' })
  municipalitySummary(@Arg('municipalityId', () => ID) municipalityId: string, @Ctx() ctx: GraphQLContext): Promise<MunicipalitySummary> {
    return this.invoices.municipalitySummary(ctx.actor, municipalityId);
  }

  @Authorized(Role.PROVIDER_STAFF)
  @Mutation(() => [Invoice], { description: 'Forms the month\'s invoices from its charges, one per municipality (again after a return); approved and paid ones stay as they are' })
  formInvoice(@Arg('month', () => String) month: string, @Ctx() ctx: GraphQLContext): Promise<Invoice[]> {
    return this.invoices.formInvoice(ctx.actor, month);
  }

  @Authorized(...OPERATORS)
  @Mutation(() => Invoice, { description: 'FORMED → APPROVED: the invoice\'s charges become final' })
  approveInvoice(@Arg('invoiceId', () => ID) invoiceId: string, @Ctx() ctx: GraphQLContext): Promise<Invoice> {
    return this.invoices.approveInvoice(ctx.actor, invoiceId);
  }

  @Authorized(...OPERATORS)
  @Mutation(() => Invoice, { description: 'FORMED → RETURNED with a reason; the organization corrects charges and forms it again' })
  returnInvoice(@Arg('input', () => ReturnInvoiceInput) input: ReturnInvoiceInput, @Ctx() ctx: GraphQLContext): Promise<Invoice> {
    return this.invoices.returnInvoice(ctx.actor, input);
  }

  @Authorized(...OPERATORS)
  @Mutation(() => Invoice, { description: 'APPROVED → PAID: records the municipality\'s payment' })
  recordInvoicePayment(@Arg('input', () => RecordInvoicePaymentInput) input: RecordInvoicePaymentInput, @Ctx() ctx: GraphQLContext): Promise<Invoice> {
    return this.invoices.recordInvoicePayment(ctx.actor, input);
  }

  @FieldResolver(() => [Charge], { description: 'The invoice\'s charges' })
  charges(@Root() invoice: Invoice, @Ctx() ctx: GraphQLContext): Promise<Charge[]> {
    return ctx.loaders.manyBy(Charge, 'invoiceId', { month: 'ASC', contractId: 'ASC' }).load(invoice.id);
  }

  @FieldResolver(() => Organization)
  async organization(@Root() invoice: Invoice, @Ctx() ctx: GraphQLContext): Promise<Organization> {
    return (await ctx.loaders.byId(Organization).load(invoice.organizationId))!;
  }

  @FieldResolver(() => Municipality)
  async municipality(@Root() invoice: Invoice, @Ctx() ctx: GraphQLContext): Promise<Municipality> {
    return (await ctx.loaders.byId(Municipality).load(invoice.municipalityId))!;
  }
}
