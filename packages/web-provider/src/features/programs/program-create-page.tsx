import { useMutation } from '@apollo/client/react';
import { Card, Stack } from '@mantine/core';
import { useNavigate } from 'react-router';
import { notifySuccess } from '../../components/notify';
import { PageHeader } from '../../components/page-header';
import { ErrorNotice } from '@navigator/web-shared/query-state';
import { graphql } from '../../gql';
import { emptyProgram, ProgramForm, toProgramInput } from './program-form';

const CreateProgramDocument = graphql(`
  mutation CreateProgram($input: CreateProgramInput!) {
    createProgram(input: $input) {
      id
    }
  }
`);

export function ProgramCreatePage() {
  const navigate = useNavigate();
  const [create, { loading, error }] = useMutation(CreateProgramDocument, { refetchQueries: ['MyPrograms'] });
  return (
    <Stack maw={1000}>
      <PageHeader title="Новая программа" description="Программа создаётся черновиком. Потом добавьте группы, опубликуйте её и, если она за сертификат, подайте на сертификацию." />
      <ErrorNotice error={error} title="Программа не создана" />
      <Card withBorder>
        <ProgramForm
          initialValues={emptyProgram}
          submitLabel="Создать черновик"
          loading={loading}
          onCancel={() => navigate('/programs')}
          onSubmit={async (values) => {
            const result = await create({ variables: { input: toProgramInput(values) } }).catch(() => null);
            if (!result?.data) return;
            notifySuccess('Черновик программы создан');
            navigate(`/programs/${result.data.createProgram.id}`);
          }}
        />
      </Card>
    </Stack>
  );
}
