import { registerEnumType } from 'type-graphql';

export enum Direction {
  TECHNICAL = 'TECHNICAL',
  NATURAL_SCIENCE = 'NATURAL_SCIENCE',
  PHYSICAL_SPORTS = 'PHYSICAL_SPORTS',
  ARTS = 'ARTS',
  TOURISM_LOCAL_HISTORY = 'TOURISM_LOCAL_HISTORY',
  SOCIAL_HUMANITARIAN = 'SOCIAL_HUMANITARIAN',
}

export enum FundingType {
  /** «Доступна оплата сертификатом»: paid from a financing certificate. */
  CERTIFICATE = 'CERTIFICATE',
  /** Free, funded by the municipal task; needs an active certificate. */
  BUDGET = 'BUDGET',
  /** Paid by the parent; no certificate money moves. */
  PAID = 'PAID',
}

export enum ProgramFormat {
  IN_PERSON = 'IN_PERSON',
  ONLINE = 'ONLINE',
  MIXED = 'MIXED',
}

export enum ProgramStatus {
  DRAFT = 'DRAFT',
  PUBLISHED = 'PUBLISHED',
  ARCHIVED = 'ARCHIVED',
}

export enum CertificationStatus {
  NOT_SUBMITTED = 'NOT_SUBMITTED',
  SUBMITTED = 'SUBMITTED',
  CERTIFIED = 'CERTIFIED',
  REJECTED = 'REJECTED',
}

export enum OrganizationType {
  STATE = 'STATE',
  MUNICIPAL = 'MUNICIPAL',
  PRIVATE = 'PRIVATE',
}

registerEnumType(Direction, { name: 'Direction', description: 'Направленность программы' });
registerEnumType(FundingType, { name: 'FundingType', description: 'Как оплачивается программа' });
registerEnumType(ProgramFormat, { name: 'ProgramFormat', description: 'Очно, онлайн или смешанно' });
registerEnumType(ProgramStatus, { name: 'ProgramStatus', description: 'Черновик, опубликована, в архиве' });
registerEnumType(CertificationStatus, { name: 'CertificationStatus', description: 'Сертификация программы МОЦ' });
registerEnumType(OrganizationType, { name: 'OrganizationType', description: 'Государственная, муниципальная или частная' });
