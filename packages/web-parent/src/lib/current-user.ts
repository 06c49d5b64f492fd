import { useQuery } from '@apollo/client/react';
import { graphql } from '../gql';

export const CurrentUserQuery = graphql(`
  query CurrentUser {
    me {
      id
      fullName
      email
      role
      municipalityId
      phone
      emailConfirmedAt
    }
  }
`);

/** The signed-in user (null for guests); `loading` is true only until the first answer. */
export function useCurrentUser() {
  const { data, loading, error } = useQuery(CurrentUserQuery);
  return { user: data?.me ?? null, loading: loading && !data, error };
}
