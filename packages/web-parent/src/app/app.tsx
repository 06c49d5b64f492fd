import { ApolloProvider } from '@apollo/client/react';
import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { useEffect } from 'react';
import { RouterProvider } from 'react-router';
import { createApolloClient } from '@navigator/web-shared/apollo-client';
import { useLowVision } from './low-vision';
import { router } from './routes';
import { contrastVariables } from '@navigator/web-shared/contrast';
import { lowVisionTheme, lowVisionVariables, theme } from './theme';

const client = createApolloClient();

export function App() {
  const [lowVision] = useLowVision();
  useEffect(() => {
    document.documentElement.toggleAttribute('data-low-vision', lowVision);
  }, [lowVision]);
  return (
    <ApolloProvider client={client}>
      <MantineProvider theme={lowVision ? lowVisionTheme : theme} cssVariablesResolver={lowVision ? lowVisionVariables : contrastVariables} forceColorScheme="light">
        <Notifications position="top-center" />
        <RouterProvider router={router} />
      </MantineProvider>
    </ApolloProvider>
  );
}
