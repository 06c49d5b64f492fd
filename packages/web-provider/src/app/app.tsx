import { ApolloProvider } from '@apollo/client/react';
import { MantineProvider } from '@mantine/core';
import { DatesProvider } from '@mantine/dates';
import { Notifications } from '@mantine/notifications';
import dayjs from 'dayjs';
import customParseFormat from 'dayjs/plugin/customParseFormat';
import 'dayjs/locale/ru';
import { RouterProvider } from 'react-router';
import { createApolloClient } from '@navigator/web-shared/apollo-client';
import { router } from './router';
import { contrastVariables } from '@navigator/web-shared/contrast';
import { theme } from './theme';

// Date inputs parse what staff type («01.09.2026») with their display format.
dayjs.extend(customParseFormat);

// Staff lists change under them (applications arrive, colleagues decide), so screens show the cache and ask again.
const client = createApolloClient({ watchQuery: { fetchPolicy: 'cache-and-network' } });

export function App() {
  return (
    <ApolloProvider client={client}>
      <MantineProvider theme={theme} cssVariablesResolver={contrastVariables}>
        <DatesProvider settings={{ locale: 'ru', firstDayOfWeek: 1 }}>
          <Notifications position="bottom-right" />
          <RouterProvider router={router} />
        </DatesProvider>
      </MantineProvider>
    </ApolloProvider>
  );
}
