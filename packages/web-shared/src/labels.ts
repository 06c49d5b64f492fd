// Russian names of the API's enums, keyed by the generated types so a new enum value fails the build until it is named.
import type {
  ApplicationStatus,
  CertificateStatus,
  CertificationStatus,
  ContractPeriodState,
  ContractStatus,
  Direction,
  FundingType,
  InvoiceStatus,
  OrganizationType,
  ProgramFormat,
  ProgramOrder,
  ProgramStatus,
  Role,
} from './gql/schema';

export const roleLabels: Record<Role, string> = {
  PARENT: 'Родитель',
  PROVIDER_STAFF: 'Сотрудник организации',
  OPERATOR: 'Оператор МОЦ',
  REGION_ADMIN: 'РМЦ',
};

export const directionLabels: Record<Direction, string> = {
  TECHNICAL: 'Техническая',
  NATURAL_SCIENCE: 'Естественнонаучная',
  PHYSICAL_SPORTS: 'Физкультурно-спортивная',
  ARTS: 'Художественная',
  TOURISM_LOCAL_HISTORY: 'Туристско-краеведческая',
  SOCIAL_HUMANITARIAN: 'Социально-гуманитарная',
};

/** Funding as staff name it, in the terms of the regional rules. */
export const fundingTypeLabels: Record<FundingType, string> = {
  CERTIFICATE: 'Сертификат ПФ',
  BUDGET: 'Бюджет (муниципальное задание)',
  PAID: 'Платная',
};

/** Funding as a parent needs it: what it costs them. */
export const fundingLabelsForParents: Record<FundingType, string> = {
  CERTIFICATE: 'Доступна оплата сертификатом',
  BUDGET: 'Бесплатно (бюджет)',
  PAID: 'Платно',
};

export const formatLabels: Record<ProgramFormat, string> = {
  IN_PERSON: 'Очно',
  ONLINE: 'Онлайн',
  MIXED: 'Очно и онлайн',
};

export const programOrderLabels: Record<ProgramOrder, string> = {
  RELEVANCE: 'Сначала подходящие',
  TITLE: 'По названию',
  PRICE_ASC: 'Сначала дешевле',
  PRICE_DESC: 'Сначала дороже',
  NEWEST: 'Сначала новые',
};

export const programStatusLabels: Record<ProgramStatus, string> = {
  DRAFT: 'Черновик',
  PUBLISHED: 'Опубликована',
  ARCHIVED: 'В архиве',
};

export const certificationStatusLabels: Record<CertificationStatus, string> = {
  NOT_SUBMITTED: 'Не подана',
  SUBMITTED: 'На сертификации',
  CERTIFIED: 'Сертифицирована',
  REJECTED: 'Отклонена',
};

export const organizationTypeLabels: Record<OrganizationType, string> = {
  STATE: 'Государственная',
  MUNICIPAL: 'Муниципальная',
  PRIVATE: 'Частная',
};

export const applicationStatusLabels: Record<ApplicationStatus, string> = {
  SUBMITTED: 'Новая',
  WAITLISTED: 'В листе ожидания',
  CONFIRMED: 'Подтверждена, ждёт подписи',
  ENROLLED: 'Зачислен',
  REJECTED: 'Отклонена',
  CANCELLED: 'Отозвана',
  EXPIRED: 'Оферта истекла',
  ENDED: 'Договор завершён',
};

export const contractStatusLabels: Record<ContractStatus, string> = {
  OFFERED: 'Оферта, ждёт подписи',
  ACTIVE: 'Действует',
  EXPIRED: 'Оферта истекла',
  CANCELLED: 'Отменён',
  TERMINATED: 'Расторгнут',
  COMPLETED: 'Исполнен',
  AWAITING_FUNDING: 'Ждёт финансирования',
};

/** How a financing period pays a contract's months, as staff read it. */
export const periodStateLabels: Record<ContractPeriodState, string> = {
  BLOCKED: 'заблокировано до подписания',
  FUNDED: 'оплачено из номинала',
  PLANNED: 'будет оплачено из номинала',
  AWAITING_FUNDING: 'номинала не хватило, ждёт решения родителя',
  PARENT_PAYS: 'оплачивает родитель',
  NOT_FUNDED: 'не оплачено',
};

export const certificateStatusLabels: Record<CertificateStatus, string> = {
  PENDING_VERIFICATION: 'Ожидает проверки',
  ACCOUNTING: 'Сертификат учёта',
  FINANCING: 'Сертификат ПФ',
  SUSPENDED: 'Приостановлен',
  CLOSED: 'Закрыт',
};

export const invoiceStatusLabels: Record<InvoiceStatus, string> = {
  FORMED: 'На проверке в МОЦ',
  APPROVED: 'Принят',
  PAID: 'Оплачен',
  RETURNED: 'Возвращён на исправление',
};

/** Select options from a label map, in the map's order. */
export function options<K extends string>(labels: Record<K, string>): { value: K; label: string }[] {
  return (Object.entries(labels) as [K, string][]).map(([value, label]) => ({ value, label }));
}

const WEEKDAYS = ['Пн', 'Вт', 'Ср', 'Чт', 'Пт', 'Сб', 'Вс'];

/** ISO weekday (1 = Monday) → «Пн». */
export function weekdayShort(isoWeekday: number): string {
  return WEEKDAYS[isoWeekday - 1] ?? String(isoWeekday);
}

/** A group's weekly timetable in one line: «Пн 15:00–16:30, Ср 15:00–16:30». */
export function scheduleLine(slots: readonly { weekday: number; startTime: string; endTime: string }[]): string {
  return slots.map((s) => `${weekdayShort(s.weekday)} ${s.startTime}–${s.endTime}`).join(', ');
}

export function ageRange(from: number, to: number): string {
  return `${from}–${to} лет`;
}
