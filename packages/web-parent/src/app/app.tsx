import { ApolloProvider } from '@apollo/client/react';
import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { useEffect, useMemo } from 'react';
import { RouterProvider } from 'react-router';
import { createApolloClient } from '@navigator/web-shared/apollo-client';
import { useLowVision } from './low-vision';
import { router } from './routes';
import { prefetchCatalog } from '../features/catalog/catalog-query';
import { contrastVariables } from '@navigator/web-shared/contrast';
import { lowVisionTheme, lowVisionVariables, theme } from './theme';

const client = createApolloClient();
prefetchCatalog(client, window.location);

export function App() {
  const [lowVision] = useLowVision();
  useEffect(() => {
    const root = document.documentElement;
    root.toggleAttribute('data-low-vision', lowVision.on);
    root.style.fontSize = lowVision.on ? `${lowVision.size}%` : '';
    root.dataset.lvImages = lowVision.on && !lowVision.images ? 'off' : 'on';
    root.dataset.lvSpacing = lowVision.on ? lowVision.spacing : 'normal';
  }, [lowVision]);
  const lowVisionLook = useMemo(() => ({ theme: lowVisionTheme(lowVision.scheme), variables: lowVisionVariables(lowVision.scheme) }), [lowVision.scheme]);
  return (
    <ApolloProvider client={client}>
      <MantineProvider theme={lowVision.on ? lowVisionLook.theme : theme} cssVariablesResolver={lowVision.on ? lowVisionLook.variables : contrastVariables} forceColorScheme="light">
        <Notifications position="top-center" />
        <RouterProvider router={router} />
      </MantineProvider>
    </ApolloProvider>
  );
}
