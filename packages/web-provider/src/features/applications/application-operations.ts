import { graphql } from '../../gql';

export const ConfirmApplicationDocument = graphql(`
  mutation ConfirmApplication($input: ApplicationActionInput!) {
    confirmApplication(input: $input) {
      id
      status
      contract {
        id
        number
        offerExpiresAt
      }
    }
  }
`);

export const RejectApplicationDocument = graphql(`
  mutation RejectApplication($input: RejectApplicationInput!) {
    rejectApplication(input: $input) {
      id
      status
      rejectReason
    }
  }
`);

/** Lists and counters that change when an application is decided. */
export const afterDecision = { refetchQueries: ['OrganizationApplications', 'StaffDashboard'] };
