import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import './app/app.css';
// First of the app's modules to run: it starts the catalog search (see there).
import { catalogPrefetch } from './app/client';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app';

/**
 * On `/` the first render waits for the search, up to a limit: its answer usually arrives while the code is
 * still being evaluated, and rendering the page once with the cards costs a phone half of rendering it first
 * with «Ищем программы…» and then again with them (the cards came a second render later than the page).
 */
const SEARCH_WAIT_MS = 1000;

function render() {
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}

if (catalogPrefetch) void Promise.race([catalogPrefetch, new Promise((resolve) => setTimeout(resolve, SEARCH_WAIT_MS))]).then(render);
else render();
