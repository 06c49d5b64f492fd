import {
  IconBuilding,
  IconCalendarDollar,
  IconCertificate,
  IconChartBar,
  IconClipboardCheck,
  IconFileInvoice,
  IconFileText,
  IconHome,
  IconId,
  IconInbox,
  IconReceipt2,
  IconSchool,
  type Icon,
} from '@tabler/icons-react';

export type AppRole = 'PROVIDER_STAFF' | 'OPERATOR' | 'REGION_ADMIN';

export interface NavItem {
  to: string;
  label: string;
  icon: Icon;
}

const staff: NavItem[] = [
  { to: '/', label: 'Главная', icon: IconHome },
  { to: '/applications', label: 'Заявки', icon: IconInbox },
  { to: '/contracts', label: 'Договоры', icon: IconFileText },
  { to: '/charges', label: 'Списания и счета', icon: IconReceipt2 },
  { to: '/programs', label: 'Программы и группы', icon: IconSchool },
  { to: '/certificates', label: 'Проверка сертификата', icon: IconId },
  { to: '/organization', label: 'Организация', icon: IconBuilding },
];

const operator: NavItem[] = [
  { to: '/summary', label: 'Сводка', icon: IconChartBar },
  { to: '/periods', label: 'Периоды и лимиты', icon: IconCalendarDollar },
  { to: '/municipality-certificates', label: 'Сертификаты', icon: IconCertificate },
  { to: '/certification', label: 'Сертификация программ', icon: IconClipboardCheck },
  { to: '/invoices', label: 'Реестр счетов', icon: IconFileInvoice },
];

export function navigationFor(role: string): NavItem[] {
  if (role === 'PROVIDER_STAFF') return staff;
  if (role === 'OPERATOR' || role === 'REGION_ADMIN') return operator;
  return [];
}

export function homePathFor(role: string): string {
  return role === 'PROVIDER_STAFF' ? '/' : '/summary';
}
