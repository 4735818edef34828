import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';

export const chromiumPath = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((path) =>
  existsSync(path),
);

/** Under CI=true a browser test never skips: a missing Chromium is a failure there. */
export const skipBrowser = chromiumPath === undefined && process.env['CI'] !== 'true';

export const artifacts = join(__dirname, '..', '..', '..', 'test-results');
mkdirSync(artifacts, { recursive: true });

/** A phone: 390×844 CSS pixels, touch, in the given locale, with or without JavaScript. */
export const phone = (
  browser: Browser,
  locale: string,
  javaScriptEnabled: boolean,
): Promise<BrowserContext> =>
  browser.newContext({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale,
    javaScriptEnabled,
  });

const axeContexts = new WeakMap<Browser, Promise<BrowserContext>>();

/** Runs axe-core (WCAG 2 A/AA and best practice) in `page`, which must allow an added script. */
export async function axeSeriousFindings(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
  const violations = await page.evaluate(async () => {
    const axe = (
      globalThis as unknown as {
        axe: {
          run(context: unknown, options: unknown): Promise<{ violations: { id: string; impact: string }[] }>;
        };
      }
    ).axe;
    const result = await axe.run((globalThis as unknown as { document: unknown }).document, {
      runOnly: ['wcag2a', 'wcag2aa', 'wcag21aa', 'best-practice'],
    });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id);
}

/**
 * axe-core's serious and critical findings (WCAG 2 A/AA, contrast included) on the page as it is
 * now. axe is a script, and the pages forbid inline scripts (and some run without JavaScript), so
 * it runs on the same URL in a phone-sized context of its own that may run scripts.
 */
export async function seriousViolations(page: Page): Promise<string[]> {
  const browser = page.context().browser();
  if (browser === null) throw new Error('page has no browser');
  if (!axeContexts.has(browser)) {
    axeContexts.set(
      browser,
      browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, bypassCSP: true }),
    );
  }
  const axePage = await (await axeContexts.get(browser)!).newPage();
  try {
    await axePage.goto(page.url());
    return await axeSeriousFindings(axePage);
  } finally {
    await axePage.close();
  }
}

/** After a form: the page came by GET (post/redirect/get), and Back and reload both show a page. */
export async function backAndReloadShowAPage(page: Page): Promise<void> {
  const url = page.url();
  const reloaded = await page.reload();
  expect(reloaded?.request().method()).toBe('GET');
  expect(reloaded?.status()).toBeLessThan(400);
  expect(await page.getByRole('heading', { level: 1 }).count()).toBe(1);
  const back = await page.goBack();
  expect(back === null || back.request().method() === 'GET').toBe(true);
  expect(await page.getByRole('heading', { level: 1 }).count()).toBe(1);
  await page.goForward();
  expect(page.url()).toBe(url);
}

export const shot = (page: Page, name: string) =>
  page.screenshot({ path: join(artifacts, `${name}.png`), fullPage: true });
