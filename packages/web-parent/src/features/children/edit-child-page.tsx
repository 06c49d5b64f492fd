import { useMutation, useQuery } from '@apollo/client/react';
import { Alert, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useNavigate, useParams } from 'react-router';
import { NotFound } from '../../components/not-found';
import { PageTitle } from '../../components/page-title';
import { ErrorNotice, Loading } from '@navigator/web-shared/query-state';
import { RequireParent } from '../../components/require-parent';
import { graphql } from '../../gql';
import type { Gender } from '../../gql/graphql';
import { ChildForm } from './child-form';

const EditChildQuery = graphql(`
  query EditChild($id: ID!) {
    child(id: $id) {
      id
      lastName
      firstName
      middleName
      gender
      birthDate
      snils
      municipalityId
      certificate {
        id
        status
      }
    }
  }
`);

const UpdateChildMutation = graphql(`
  mutation UpdateChild($id: ID!, $input: UpdateChildInput!) {
    updateChild(id: $id, input: $input) {
      id
      fullName
      lastName
      firstName
      middleName
      gender
      birthDate
      snils
      municipalityId
    }
  }
`);

function EditChild({ id }: { id: string }) {
  const navigate = useNavigate();
  const { data, loading, error, refetch } = useQuery(EditChildQuery, { variables: { id }, fetchPolicy: 'cache-and-network' });
  const [updateChild] = useMutation(UpdateChildMutation);
  if (loading && !data) return <Loading />;
  if (error) return <ErrorNotice error={error} onRetry={() => refetch()} />;
  const child = data?.child;
  if (!child) return <NotFound what="Ребёнок не найден" />;
  const verified = child.certificate && child.certificate.status !== 'PENDING_VERIFICATION';

  return (
    <>
      <PageTitle>Изменить данные ребёнка</PageTitle>
      {verified ? (
        <Alert color="yellow">Данные уже проверены вместе с сертификатом. Чтобы исправить их, обратитесь в муниципальный опорный центр (раздел «Помощь»).</Alert>
      ) : (
        <>
          <Text mb="md">Исправить данные можно, пока сертификат не подтверждён.</Text>
          <ChildForm
            initial={{
              lastName: child.lastName,
              firstName: child.firstName,
              middleName: child.middleName ?? '',
              gender: child.gender,
              birthDate: child.birthDate,
              snils: child.snils,
              municipalityId: child.municipalityId,
            }}
            submitLabel="Сохранить"
            onSubmit={async (v) => {
              await updateChild({
                variables: {
                  id,
                  input: {
                    lastName: v.lastName.trim(),
                    firstName: v.firstName.trim(),
                    middleName: v.middleName.trim(),
                    gender: v.gender as Gender,
                    birthDate: v.birthDate,
                    snils: v.snils,
                    municipalityId: v.municipalityId,
                  },
                },
              });
              notifications.show({ color: 'teal', message: 'Данные ребёнка сохранены' });
              navigate('/children');
            }}
          />
        </>
      )}
    </>
  );
}

export function EditChildPage() {
  const { id = '' } = useParams();
  return <RequireParent>{() => <EditChild id={id} />}</RequireParent>;
}
