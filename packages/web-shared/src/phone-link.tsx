import { Anchor } from '@mantine/core';
import { telHref } from './russian';

/** A phone number that dials when tapped, or plain text when it lacks the area code a mobile needs. */
export function PhoneLink({ phone }: { phone: string }) {
  const href = telHref(phone);
  return href ? <Anchor href={href}>{phone}</Anchor> : <>{phone}</>;
}
