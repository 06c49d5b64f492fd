import { byGender } from '@navigator/web-shared/russian';
import { useMutation } from '@apollo/client/react';
import { Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useNavigate } from 'react-router';
import { PageTitle } from '../../components/page-title';
import { RequireParent } from '../../components/require-parent';
import { graphql } from '../../gql';
import type { Gender } from '../../gql/graphql';
import { ChildForm } from './child-form';

const AddChildMutation = graphql(`
  mutation AddChild($input: AddChildInput!) {
    addChild(input: $input) {
      id
      fullName
      gender
    }
  }
`);

export function AddChildPage() {
  const navigate = useNavigate();
  const [addChild] = useMutation(AddChildMutation);
  return (
    <RequireParent>
      {(user) => (
        <>
          <PageTitle>Добавить ребёнка</PageTitle>
          <Text mb="md">Данные нужны для сертификата. Их проверят по документам, когда вы придёте за подтверждением сертификата.</Text>
          <ChildForm
            initial={{ lastName: '', firstName: '', middleName: '', gender: '', birthDate: '', snils: '', municipalityId: user.municipalityId ?? '' }}
            submitLabel="Добавить ребёнка"
            onSubmit={async (v) => {
              const { data } = await addChild({
                variables: {
                  input: {
                    lastName: v.lastName.trim(),
                    firstName: v.firstName.trim(),
                    middleName: v.middleName.trim() || null,
                    gender: v.gender as Gender,
                    birthDate: v.birthDate,
                    snils: v.snils,
                    municipalityId: v.municipalityId,
                  },
                },
              });
              notifications.show({ color: 'teal', message: `${data?.addChild.fullName} — ${byGender(data?.addChild.gender ?? (v.gender as Gender), { MALE: 'добавлен', FEMALE: 'добавлена' })}. Теперь можно получить сертификат.` });
              navigate('/children');
            }}
          />
        </>
      )}
    </RequireParent>
  );
}
