import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

/** The WCAG 2.1 level A and AA rules of axe-core. */
const WCAG_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/**
 * Runs axe-core on the page as it is now and fails on any WCAG 2.1 A/AA violation, listing
 * each rule with the markup it flagged (the first 160 characters of each node).
 */
export async function expectAccessible(page: Page, screen: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(WCAG_AA).analyze();
  const found = results.violations.map((v) => `${v.id} (${v.impact ?? 'n/a'}): ${v.nodes.map((n) => n.html.slice(0, 160)).join(' | ')}`);
  expect(found, `${screen}: WCAG 2.1 A/AA violations found by axe-core`).toEqual([]);
}
