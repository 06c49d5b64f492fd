import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { screenshot } from './e2e-system';

/** WCAG 2.0 and 2.1, levels A and AA: what a state service must meet (ГОСТ Р 52872-2019 follows WCAG 2.1). */
const WCAG_21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** axe-core's violations on the page as it is now, one line each: rule, impact, and the first offending elements. */
export async function axeViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(WCAG_21_AA).analyze();
  return result.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => `${n.target.join(' ')} [${(n.any[0] ?? n.all[0] ?? n.none[0])?.message ?? ''}]`).join(' | ')}`);
}

/** Fails the test with axe-core's findings when the screen as it is now breaks WCAG 2.1 AA. */
export async function expectAccessible(page: Page): Promise<void> {
  const violations = await axeViolations(page);
  if (violations.length > 0) throw new Error(`WCAG 2.1 AA violations on ${page.url()}:\n${violations.join('\n')}`);
}

/** A screen of a journey: kept as a screenshot for people and checked by axe-core, so a regression fails the run. */
export async function checkScreen(page: Page, name: string): Promise<void> {
  await screenshot(page, name);
  await expectAccessible(page);
}
