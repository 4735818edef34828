import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodePrincipal } from '../../shared/identity/principal';
import { createMessage } from '../intake/support/messages';
import { eventually } from '../support/outboundQueue';
import { signedInAs } from '../support/runtime';
import { silentCustomerOnHold, startConsoleWorld, type ConsoleWorld } from './support/consoleWorld';

const ops = { userId: 'ops-olivia', roles: ['ops'] as const };

/*
 * The console's journey page and its actions over HTTP, on the whole app in virtual time: what
 * the page shows of a journey that went on hold, who may act, that an action is confirmed before
 * it happens, and that it is recorded under the person's user id.
 */
describe('console: a journey and the actions on it', () => {
  let world: ConsoleWorld;
  let workOrderId = '';
  const phone = '+32470111222';

  beforeAll(async () => {
    world = await startConsoleWorld();
    workOrderId = await silentCustomerOnHold(world, 'CONSOLE-HOLD', phone);
  }, 120_000);
  afterAll(async () => {
    await world?.stop();
  });

  const page = (path: string, headers: Record<string, string> = {}) =>
    world.rt.fetch(path, { redirect: 'manual', headers });
  const post = (path: string, headers: Readonly<Record<string, string>>, form: Record<string, string>) =>
    world.rt.fetch(path, {
      method: 'POST',
      redirect: 'manual',
      headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ csrf: headers['x-csrf-token'] ?? '', ...form }),
    });

  it('shows the on-hold journey: the three texts with their status, the next step and the custom status', async () => {
    const response = await page(`/api/console/journeys/${workOrderId}`, signedInAs(ops));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
    const body = await response.text();
    expect(body).toContain('On hold');
    expect(body.match(/Invitation sent<\/strong> by SMS/g)).toHaveLength(3);
    expect(body).toContain('Close as unreachable');
    expect(body).toContain('&quot;stage&quot;: &quot;onHold&quot;');
    expect(body).toContain('/resume');
    // The page names ids, never the customer's number.
    expect(body).not.toContain(phone);
  });

  it('lets a dispatcher follow the journey without its actions', async () => {
    const response = await page(
      `/api/console/journeys/${workOrderId}`,
      signedInAs({ userId: 'disp-1', roles: ['dispatcher'] }),
    );
    expect(response.status).toBe(200);
    const body = await response.text();
    expect(body).not.toContain(`/resume"`);
    const refused = await post(
      `/api/console/journeys/${workOrderId}/resume`,
      signedInAs({ userId: 'disp-1', roles: ['dispatcher'] }),
      { confirmed: 'yes' },
    );
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain('You do not have access to this page');
  });

  it('refuses a technician with the 403 page, and a forged principal header with the sign-in', async () => {
    const tech = await page(
      `/api/console/journeys/${workOrderId}`,
      signedInAs({ userId: 'T-NAM-1', roles: ['technician'] }),
    );
    expect(tech.status).toBe(403);
    expect(await tech.text()).toContain('This page needs one of these roles: ops, dispatcher, admin');
    const forged = await page(`/api/console/journeys/${workOrderId}`, {
      'x-ms-client-principal': encodePrincipal({ userId: 'mallory', roles: ['admin'] }),
    });
    expect(forged.status).toBe(302);
    expect(forged.headers.get('location')).toContain('/.auth/login/aad');
  });

  it('asks for confirmation first: an unconfirmed post changes nothing and leads to the question', async () => {
    const before = world.texts(phone).length;
    const response = await post(`/api/console/journeys/${workOrderId}/resume`, signedInAs(ops), {});
    expect(response.status).toBe(303);
    const confirmation = response.headers.get('location') ?? '';
    expect(confirmation).toBe(`/api/console/journeys/${workOrderId}/resume`);
    const question = await page(confirmation, signedInAs(ops));
    expect(question.status).toBe(200);
    const body = await question.text();
    expect(body).toContain('Resume contacting?');
    expect(body).toContain('name="confirmed" value="yes"');
    expect(body).not.toContain('data-confirm');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(world.texts(phone)).toHaveLength(before);
  });

  it('refuses a post without the page’s CSRF token', async () => {
    const headers = signedInAs(ops);
    const response = await world.rt.fetch(`/api/console/journeys/${workOrderId}/resume`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie: headers['cookie'] ?? '', 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ confirmed: 'yes' }),
    });
    expect(response.status).toBe(403);
  });

  it('resumes on confirmation: a new invitation goes out and the timeline names who asked', async () => {
    const before = world.texts(phone).length;
    const response = await post(`/api/console/journeys/${workOrderId}/resume`, signedInAs(ops), {
      confirmed: 'yes',
    });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe(`/api/console/journeys/${workOrderId}?done=resume`);
    await eventually(async () => (world.texts(phone).length > before ? true : undefined));
    const body = await eventually(async () => {
      const text = await (
        await page(`/api/console/journeys/${workOrderId}?done=resume`, signedInAs(ops))
      ).text();
      return text.match(/Invitation sent<\/strong>/g)?.length === 4 ? text : undefined;
    });
    expect(body).toContain('Resume requested');
    expect(body).toContain('by ops ops-olivia');
    expect(body).toContain('Contacting');
    // Resuming applies only on hold: a second one is refused and nothing is sent.
    const again = await post(`/api/console/journeys/${workOrderId}/resume`, signedInAs(ops), {
      confirmed: 'yes',
    });
    expect(again.status).toBe(409);
  });

  it('serves the live timeline fragment the page polls', async () => {
    const response = await page(`/api/console/journeys/${workOrderId}/live`, signedInAs(ops));
    expect(response.status).toBe(200);
    const body = (await response.json()) as { panels: { summary: string; timeline: string } };
    expect(body.panels.timeline).toContain('Invitation sent');
    expect(body.panels.summary).toContain('Contacting');
    expect((await page(`/api/console/journeys/${workOrderId}/live`)).status).toBe(401);
  });

  /** The search form as a browser posts it, then the list it is sent to, with the cookie it was given. */
  const search = async (q: string, session = '') => {
    const headers = signedInAs(ops);
    const withSession = session === '' ? headers : { ...headers, cookie: `${headers.cookie}; ${session}` };
    const posted = await post('/api/console/journeys/search', withSession, { q, stage: '' });
    expect(posted.status).toBe(303);
    const location = posted.headers.get('location')!;
    const cookie = posted.headers.get('set-cookie')!;
    const term = /fieldline-journey-search=[^;]*/.exec(cookie)![0];
    const inSession = (url: string) => page(url, { ...headers, cookie: `${headers.cookie}; ${term}` });
    return { location, cookie, term, inSession, shown: await inSession(location) };
  };

  it('finds the journey by the customer’s phone, in any notation, the number never in a URL', async () => {
    const { location, cookie, shown } = await search('+32 470 11 12 22');
    expect(location).toMatch(/^\/api\/console\/journeys\?search=[A-Za-z0-9_-]{12}$/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    expect(cookie).toMatch(/Path=\/api\/console\/journeys/i);
    expect(shown.status).toBe(200);
    const body = await shown.text();
    expect(body).toContain(`href="/api/console/journeys/${workOrderId}"`);
    expect(body.match(/<tbody>[\s\S]*<\/tbody>/)?.[0].match(/<tr>/g)).toHaveLength(1);
    // Every link and the live source on the page name the search, not the number.
    for (const url of body.match(/(?:href|action|data-live)="[^"]*"/g) ?? []) {
      expect(url).not.toContain('470');
      expect(url).not.toMatch(/[?&]q=/);
    }
    expect(body).toContain(`data-live="/api/console/journeys/live${location.slice(location.indexOf('?'))}"`);
    const nobody = await (await search('+32499000000')).shown.text();
    expect(nobody).toContain('No journeys match');
  });

  it('takes the search only as a CSRF-checked post, and asks again when the session has no term', async () => {
    const headers = signedInAs(ops);
    const forged = await world.rt.fetch('/api/console/journeys/search', {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie: headers['cookie'] ?? '', 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ q: '+32470111222' }),
    });
    expect(forged.status).toBe(403);
    const ended = await page('/api/console/journeys?search=AAAAAAAAAAAA', headers);
    expect(ended.status).toBe(400);
    expect(await ended.text()).toContain('the search has ended; search again');
    // A term in the address is not a parameter the list knows: it is not searched for, nor shown.
    const inUrl = await (await page('/api/console/journeys?q=%2B32470111222', headers)).text();
    expect(inUrl).toContain('<input id="q" name="q" value=""');
    expect(inUrl).not.toContain('32470111222');
  });

  it('keeps each tab’s search: a second search in the same session does not change what the first lists', async () => {
    const first = await search('+32 470 11 12 22');
    // The second tab posts with the cookie the first search left, as the browser sends it.
    const second = await search('+32499000000', first.term);
    expect(second.location).not.toBe(first.location);
    const firstAgain = await (await second.inSession(first.location)).text();
    expect(firstAgain).toContain(`href="/api/console/journeys/${workOrderId}"`);
    expect(await (await second.inSession(second.location)).text()).toContain('No journeys match');
    // The same words searched again are the same search: the first tab's address still works.
    const repeated = await search('+32 470 11 12 22', second.term);
    expect(repeated.location).toBe(first.location);
    expect(await (await repeated.inSession(second.location)).text()).toContain('No journeys match');
  });

  it('says what is wrong with a search it cannot run', async () => {
    const { shown } = await search('OR-123');
    expect(shown.status).toBe(400);
    expect(await shown.text()).toContain('name the utility too');
  });

  it('pages through the list with the continuation token, filters by region and utility kept', async () => {
    for (let n = 1; n <= 26; n++)
      await world.sender.sendMessages({
        body: createMessage({
          externalId: `CONSOLE-PAGE-${n}`,
          customer: { name: 'Page Customer', email: `page${n}@example.org`, language: 'fr' },
        }),
        messageId: `console-page-${n}`,
      });
    const rowsOf = (html: string) => html.match(/<tbody>[\s\S]*<\/tbody>/)?.[0].match(/<tr>/g)?.length ?? 0;
    const first = await eventually(async () => {
      const html = await (
        await page('/api/console/journeys?region=BE-NAM&utility=ORES&counts=1', signedInAs(ops))
      ).text();
      return html.includes('<span class="count">27</span> All stages') ? html : undefined;
    }, 30_000);
    expect(rowsOf(first)).toBe(25);
    // Without `counts` the page is the list alone; its live panel fetches the counts at once,
    // and a browser without scripts has a link that asks for them.
    const listOnly = await (
      await page('/api/console/journeys?region=BE-NAM&utility=ORES', signedInAs(ops))
    ).text();
    expect(rowsOf(listOnly)).toBe(25);
    expect(listOnly).not.toContain('All stages</a>');
    expect(listOnly).toContain('data-live-pending');
    expect(listOnly).toMatch(/href="[^"]*counts=1"[^>]*>Count the journeys per stage/);
    const live = (await (
      await page('/api/console/journeys/live?region=BE-NAM&utility=ORES', signedInAs(ops))
    ).json()) as { panels: { counts: string } };
    expect(live.panels.counts).toContain('<span class="count">27</span> All stages');
    const next = /href="([^"]+)" rel="next"/.exec(first)?.[1]?.replaceAll('&amp;', '&');
    expect(next).toContain('continuation=');
    expect(next).toContain('region=BE-NAM');
    const second = await (await page(next!, signedInAs(ops))).text();
    expect(rowsOf(second)).toBe(2);
    expect(second).toContain('No more journeys.');
    expect(second).toContain('First page');
    const elsewhere = await (
      await page('/api/console/journeys?region=BE-VAN&counts=1', signedInAs(ops))
    ).text();
    expect(elsewhere).toContain('<span class="count">0</span> All stages');
  }, 60_000);

  it('answers an unknown work order with a 404 page', async () => {
    const response = await page('/api/console/journeys/WO-NOPE', signedInAs(ops));
    expect(response.status).toBe(404);
    expect(await response.text()).toContain('No journey for WO-NOPE');
  });
});
