import type { MouseEvent } from 'react';
import { useLocation, useNavigate } from 'react-router';

/** Set by a catalog card on the link it opens: the search (filters in the query string) it was found with. */
export interface FoundInSearch {
  catalogSearch: string;
}

export function foundIn(search: string): FoundInSearch {
  return { catalogSearch: search };
}

/**
 * «← К поиску» returns to the search the parent came from. Going back in history (rather than to a new `/?…`)
 * also brings the loaded pages of results from the cache and the scroll position with them.
 */
export function useBackToSearch(): { to: string; onClick: (event: MouseEvent) => void } {
  const location = useLocation();
  const navigate = useNavigate();
  const from = (location.state as FoundInSearch | null)?.catalogSearch;
  return {
    to: `/${from ?? ''}`,
    onClick: (event) => {
      if (from === undefined || event.metaKey || event.ctrlKey || event.shiftKey) return;
      event.preventDefault();
      navigate(-1);
    },
  };
}
