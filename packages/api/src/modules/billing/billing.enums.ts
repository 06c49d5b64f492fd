import { registerEnumType } from 'type-graphql';

export enum InvoiceStatus {
  /** Built from the month's charges by the organization; waits for the МОЦ. */
  FORMED = 'FORMED',
  /** The operator accepted it: its charges can no longer change. */
  APPROVED = 'APPROVED',
  /** The operator recorded the municipality's payment. */
  PAID = 'PAID',
  /** Sent back with a reason: the organization corrects charges and forms it again. */
  RETURNED = 'RETURNED',
}

/** Invoices whose charges are final: no new charge for the month, no correction. */
export const CLOSED_INVOICE_STATUSES = [InvoiceStatus.APPROVED, InvoiceStatus.PAID];

registerEnumType(InvoiceStatus, { name: 'InvoiceStatus', description: 'FORMED → APPROVED (МОЦ) → PAID; FORMED → RETURNED with a reason → FORMED again' });
