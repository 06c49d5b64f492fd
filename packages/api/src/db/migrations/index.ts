import { Foundation1763900000000 } from './1763900000000-foundation';
import { Certificates1763910000000 } from './1763910000000-certificates';

/** Every migration in order, listed explicitly. */
export const migrations = [Foundation1763900000000, Certificates1763910000000];
