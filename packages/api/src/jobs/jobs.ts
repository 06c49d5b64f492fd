import type { JobDefinition } from './job-queue';

/** Every background job of the system, listed explicitly. Modules add theirs here. */
export const jobs: JobDefinition[] = [];
