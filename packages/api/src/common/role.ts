import { registerEnumType } from 'type-graphql';

export enum Role {
  PARENT = 'PARENT',
  PROVIDER_STAFF = 'PROVIDER_STAFF',
  OPERATOR = 'OPERATOR',
  REGION_ADMIN = 'REGION_ADMIN',
}

registerEnumType(Role, {
  name: 'Role',
  description: 'PARENT — own children; PROVIDER_STAFF — one organization; OPERATOR — one municipality (МОЦ); REGION_ADMIN — the region (РМЦ)',
});
