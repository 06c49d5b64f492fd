import { ApolloProvider } from '@apollo/client/react';
import { MantineProvider } from '@mantine/core';
import { Suspense, lazy, useEffect, useMemo } from 'react';
import { RouterProvider } from 'react-router';
import { client } from './client';
import { useLowVision } from './low-vision';
import { router } from './routes';
import { contrastVariables } from '@navigator/web-shared/contrast';
import { lowVisionTheme, lowVisionVariables, theme } from './theme';

// Toasts only follow what a person does, never the first screen: their code arrives after it.
const Notifications = lazy(() => import('@mantine/notifications').then((m) => ({ default: m.Notifications })));

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
        <Suspense fallback={null}>
          <Notifications position="top-center" />
        </Suspense>
        <RouterProvider router={router} />
      </MantineProvider>
    </ApolloProvider>
  );
}
