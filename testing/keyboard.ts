import type { Page } from 'playwright-core';

/**
 * Presses `key` (Tab unless told), as a keyboard user does, until the focused element's name (aria-label, the labels
 * it is labelled by, or its text) matches `name` — and, with `within`, only inside the nearest `within.selector` whose
 * text contains `within.text`. Arrow keys walk radio groups and tab lists.
 */
export async function tabTo(page: Page, name: RegExp, options: { within?: { selector: string; text: string }; key?: string; limit?: number } = {}): Promise<void> {
  const { within, key = 'Tab', limit = 80 } = options;
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press(key);
    const focused = await page.evaluate((w) => {
      const el = document.activeElement as HTMLElement | null;
      // Nothing focused is the body, whose text is the whole page's: it would match any name on it (a Tab pressed
      // before the app's first render leaves the page, and the body stays the active element).
      if (!el || el === document.body || !document.hasFocus()) return '';
      if (w && !(el.closest(w.selector)?.textContent ?? '').includes(w.text)) return '';
      const labelledBy = el.getAttribute('aria-labelledby');
      const byId = labelledBy ? labelledBy.split(' ').map((id) => document.getElementById(id)?.textContent ?? '').join(' ') : '';
      const labels = Array.from((el as HTMLInputElement).labels ?? []).map((l) => l.textContent).join(' ');
      return [el.getAttribute('aria-label'), byId, labels, el.textContent].filter(Boolean).join(' ').trim();
    }, within);
    if (name.test(focused)) return;
  }
  throw new Error(`Nothing named ${name} within ${limit} presses of ${key}`);
}
