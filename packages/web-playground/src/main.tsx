import 'graphiql/setup-workers/vite';
// The parts of graphiql/style.css without its 35 inlined web fonts (330 KB brotli): system fonts read as well.
import '@graphiql/react/style.css';
import '@graphiql/plugin-doc-explorer/style.css';
import '@graphiql/plugin-history/style.css';
import 'graphiql/graphiql.css';
import './playground.css';
import { createGraphiQLFetcher } from '@graphiql/toolkit';
import { GraphiQL, HISTORY_PLUGIN } from 'graphiql';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { exampleTabs } from './examples';
import { SIGN_IN_PLUGIN } from './sign-in';

// Same origin: the session cookie of a login travels too, as the SPAs' does.
const fetcher = createGraphiQLFetcher({ url: '/graphql' });

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <GraphiQL fetcher={fetcher} defaultTabs={exampleTabs} plugins={[SIGN_IN_PLUGIN, HISTORY_PLUGIN]} defaultEditorToolsVisibility="headers" />
  </StrictMode>,
);
