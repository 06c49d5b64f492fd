import { Badge } from '@mantine/core';
import type { FundingType } from '../../gql/graphql';

/** The catalog badge parents look for: «Доступна оплата сертификатом» only when the certificate really can pay. */
export function FundingBadge({ fundingType, certificatePaymentAvailable }: { fundingType: FundingType; certificatePaymentAvailable: boolean }) {
  if (certificatePaymentAvailable) return <Badge color="teal" variant="filled" style={{ textTransform: 'none' }}>Доступна оплата сертификатом</Badge>;
  if (fundingType === 'BUDGET') return <Badge color="blue" variant="light" style={{ textTransform: 'none' }}>Бесплатно</Badge>;
  return <Badge color="gray" variant="light" style={{ textTransform: 'none' }}>Платно</Badge>;
}
