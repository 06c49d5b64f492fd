// Russian names of the API's enums, shared by every screen that shows them.

export const roleLabels: Record<string, string> = {
  PARENT: 'Родитель',
  PROVIDER_STAFF: 'Сотрудник организации',
  OPERATOR: 'Оператор МОЦ',
  REGION_ADMIN: 'РМЦ',
};

export const directionLabels: Record<string, string> = {
  TECHNICAL: 'Техническая',
  NATURAL_SCIENCE: 'Естественнонаучная',
  PHYSICAL_SPORTS: 'Физкультурно-спортивная',
  ARTS: 'Художественная',
  TOURISM_LOCAL_HISTORY: 'Туристско-краеведческая',
  SOCIAL_HUMANITARIAN: 'Социально-гуманитарная',
};

export const fundingTypeLabels: Record<string, string> = {
  CERTIFICATE: 'Сертификат ПФ',
  BUDGET: 'Бюджет (муниципальное задание)',
  PAID: 'Платная',
};

export const formatLabels: Record<string, string> = {
  IN_PERSON: 'Очно',
  ONLINE: 'Онлайн',
  MIXED: 'Смешанно',
};

export const programStatusLabels: Record<string, string> = {
  DRAFT: 'Черновик',
  PUBLISHED: 'Опубликована',
  ARCHIVED: 'В архиве',
};

export const certificationStatusLabels: Record<string, string> = {
  NOT_SUBMITTED: 'Не подана',
  SUBMITTED: 'На сертификации',
  CERTIFIED: 'Сертифицирована',
  REJECTED: 'Отклонена',
};

export const organizationTypeLabels: Record<string, string> = {
  STATE: 'Государственная',
  MUNICIPAL: 'Муниципальная',
  PRIVATE: 'Частная',
};

export const weekdayLabels = ['', 'Пн', 'Вт', 'Ср', 'Чт', 'Пт', 'Сб', 'Вс'];

export function options(labels: Record<string, string>): { value: string; label: string }[] {
  return Object.entries(labels).map(([value, label]) => ({ value, label }));
}

export const applicationStatusLabels: Record<string, string> = {
  SUBMITTED: 'Новая',
  WAITLISTED: 'В листе ожидания',
  CONFIRMED: 'Подтверждена, ждёт подписи',
  ENROLLED: 'Зачислен',
  REJECTED: 'Отклонена',
  CANCELLED: 'Отозвана',
  EXPIRED: 'Оферта истекла',
  ENDED: 'Договор завершён',
};

export const contractStatusLabels: Record<string, string> = {
  OFFERED: 'Оферта, ждёт подписи',
  ACTIVE: 'Действует',
  EXPIRED: 'Оферта истекла',
  CANCELLED: 'Отменён',
  TERMINATED: 'Расторгнут',
  COMPLETED: 'Исполнен',
  AWAITING_FUNDING: 'Ждёт финансирования',
};

/** How a financing period pays a contract's months, as staff read it. */
export const periodStateLabels: Record<string, string> = {
  BLOCKED: 'заблокировано до подписания',
  FUNDED: 'оплачено из номинала',
  PLANNED: 'будет оплачено из номинала',
  AWAITING_FUNDING: 'номинала не хватило, ждёт решения родителя',
  PARENT_PAYS: 'оплачивает родитель',
  NOT_FUNDED: 'не оплачено',
};

export const certificateStatusLabels: Record<string, string> = {
  PENDING_VERIFICATION: 'Ожидает проверки',
  ACCOUNTING: 'Сертификат учёта',
  FINANCING: 'Сертификат ПФ',
  SUSPENDED: 'Приостановлен',
  CLOSED: 'Закрыт',
};

export const invoiceStatusLabels: Record<string, string> = {
  FORMED: 'На проверке в МОЦ',
  APPROVED: 'Принят',
  PAID: 'Оплачен',
  RETURNED: 'Возвращён на исправление',
};
