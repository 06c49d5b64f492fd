import { Foundation1763900000000 } from './1763900000000-foundation';

/** Every migration in order, listed explicitly. */
export const migrations = [Foundation1763900000000];
