import { createContext, useContext } from 'react';
import { graphql } from '../gql';
import type { CurrentUserQuery } from '../gql/graphql';

export const CurrentUserDocument = graphql(`
  query CurrentUser {
    me {
      id
      email
      fullName
      role
      organizationId
      municipalityId
    }
  }
`);

export type CurrentUser = NonNullable<CurrentUserQuery['me']>;

export const CurrentUserContext = createContext<CurrentUser | null>(null);

/** The signed-in user; the app shell renders pages only after it is known. */
export function useCurrentUser(): CurrentUser {
  const user = useContext(CurrentUserContext);
  if (!user) throw new Error('useCurrentUser outside the signed-in shell');
  return user;
}

export function isOperator(user: CurrentUser): boolean {
  return user.role === 'OPERATOR' || user.role === 'REGION_ADMIN';
}
