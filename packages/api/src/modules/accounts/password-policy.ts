import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { adjacencyGraphs, dictionary } from '@zxcvbn-ts/language-common';
import { BadInputError } from '../../common/errors';

/** zxcvbn's score 3: at least 10^8 guesses, out of reach of online guessing even without throttling. */
const MIN_SCORE = 3;

let estimator: ZxcvbnFactory | undefined;

/**
 * The one strength rule of registration, reset and change: refuses common
 * passwords (`12345678`, `password`, keyboard walks, dictionary words with
 * digits) and ones built from the person's own e-mail or name.
 */
export function assertStrongPassword(password: string, personal: (string | null | undefined)[] = []): void {
  estimator ??= new ZxcvbnFactory({ dictionary, graphs: adjacencyGraphs });
  const words = personal.flatMap((p) => (p ?? '').toLowerCase().split(/[\s@.,_-]+/)).filter((w) => w.length >= 3);
  if (estimator.check(password, words).score < MIN_SCORE) {
    throw new BadInputError('Пароль слишком простой: его легко подобрать. Возьмите три-четыре не связанных слова или фразу с цифрами и знаками.', 'password');
  }
}
