import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { artifacts, axeSeriousFindings, chromiumPath } from '../customer/support/browser';

export { chromiumPath, skipBrowser } from '../customer/support/browser';

/** The widths staff use: a desk at 1280 px, a tablet held upright at 820 px (iPad Air), a phone. */
export const widths = {
  desk: { width: 1280, height: 800 },
  tablet: { width: 820, height: 1180 },
  phone: { width: 390, height: 844 },
} as const;
export type Width = keyof typeof widths;

/** Flags without which Chromium reaches for Google's hosts, which this machine refuses. */
export const launchChromium = (): Promise<Browser> =>
  chromium.launch({
    executablePath: chromiumPath,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });

export const staffContext = (
  browser: Browser,
  width: Width,
  options: { readonly offline?: boolean } = {},
): Promise<BrowserContext> =>
  browser.newContext({
    viewport: widths[width],
    ...(width === 'phone' ? { isMobile: true, hasTouch: true, deviceScaleFactor: 2 } : {}),
    locale: 'en-GB',
    ...(options.offline === undefined ? {} : { offline: options.offline }),
  });

/**
 * Signs in through the local App Service Authentication page as a person would: opens `path`,
 * is sent to the sign-in page, names the user and ticks or types the roles, and comes back.
 */
export async function signInThroughPage(
  page: Page,
  baseUrl: string,
  path: string,
  user: { readonly userId: string; readonly roles: readonly string[] },
): Promise<void> {
  await page.goto(`${baseUrl}${path}`);
  await page.getByLabel('User id (Entra object id)').fill(user.userId);
  await page.getByLabel('Display name').fill(user.userId);
  const typed = page.getByLabel('Roles (comma-separated)');
  if ((await typed.count()) > 0) await typed.fill(user.roles.join(','));
  else for (const role of user.roles) await page.getByLabel(role, { exact: true }).check();
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/.auth/'));
}

/**
 * axe-core's serious and critical findings on the page as it is now. The pages forbid inline
 * script, so axe runs in a second context that shares the session (storage state) and bypasses
 * the CSP, on the same URL at the same width.
 */
export async function staffViolations(page: Page): Promise<string[]> {
  const context = page.context();
  const browser = context.browser();
  if (browser === null) throw new Error('page has no browser');
  const viewport = page.viewportSize() ?? widths.desk;
  const axeContext = await browser.newContext({
    storageState: await context.storageState(),
    bypassCSP: true,
    viewport,
  });
  try {
    const axePage = await axeContext.newPage();
    await axePage.goto(page.url());
    return await axeSeriousFindings(axePage);
  } finally {
    await axeContext.close();
  }
}

/** Screenshots kept under test-results/ (git-ignored) to look at after a run. */
export const staffShot = (page: Page, name: string) =>
  page.screenshot({ path: join(artifacts, `${name}.png`), fullPage: true });

/** Tabs until `locator`-matching element has focus; fails after `limit` presses (keyboard-only use). */
export async function tabTo(page: Page, selector: string, limit = 60): Promise<void> {
  for (let press = 0; press < limit; press += 1) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(
      (s) =>
        (
          globalThis as unknown as { document: { activeElement: { matches(q: string): boolean } | null } }
        ).document.activeElement?.matches(s) ?? false,
      selector,
    );
    if (focused) return;
  }
  throw new Error(`${selector} never received focus by keyboard`);
}

/** Nothing wider than the window: no sideways scrolling at the width the person works at. */
export const fitsWidth = (page: Page) =>
  page.evaluate(() => {
    const root = (
      globalThis as unknown as { document: { documentElement: { scrollWidth: number; clientWidth: number } } }
    ).document.documentElement;
    return root.scrollWidth <= root.clientWidth;
  });
