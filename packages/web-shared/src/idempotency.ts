import { useMemo, useRef } from 'react';

/**
 * A key for one intended action; the server acts once per key, so a retry with it cannot act twice.
 * Made from getRandomValues because randomUUID exists only in secure contexts and intranet hosts often serve plain HTTP.
 */
export function newIdempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Keys for the actions a screen offers, named by what they do (`confirm:<applicationId>`). Pressing again after a
 * failure or a lost answer repeats the same action with the same key; once the action went through, `done` forgets it.
 */
export function useActionKeys() {
  const keys = useRef(new Map<string, string>());
  return useMemo(
    () => ({
      keyFor(action: string): string {
        let key = keys.current.get(action);
        if (!key) {
          key = newIdempotencyKey();
          keys.current.set(action, key);
        }
        return key;
      },
      done(action: string): void {
        keys.current.delete(action);
      },
    }),
    [],
  );
}
