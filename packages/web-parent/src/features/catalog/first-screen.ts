import { startTransition, useEffect, useState } from 'react';

/** Cards a phone shows above the fold, and a few more. */
const FIRST_SCREEN_CARDS = 4;

/** Whether this tab opened the app afresh: a reload or a return through history restores a scroll position. */
const freshVisit = () => (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined)?.type === 'navigate';

/** Once the catalog has shown every card it had, later visits to it in this tab render them all at once. */
let shownInFull = false;

/**
 * The catalog's cards to render now. On a fresh visit the first render holds only the cards of the first screen
 * (rendering a card costs about as much as the rest of the page, and they were most of the time to the first
 * card), and the rest follow in a background render right after it is painted. Anywhere else every card renders
 * at once, since restoring a scroll position needs the page at its full height in the same render.
 */
export function useFirstScreen<T>(items: readonly T[]): readonly T[] {
  const [full, setFull] = useState(() => shownInFull || !freshVisit());
  useEffect(() => {
    if (full) shownInFull = true;
    else if (items.length > 0) startTransition(() => setFull(true));
  }, [full, items.length]);
  return full ? items : items.slice(0, FIRST_SCREEN_CARDS);
}
