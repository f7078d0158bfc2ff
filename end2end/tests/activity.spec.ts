import type { APIRequestContext, Locator, Page } from '@playwright/test';
import { test, expect, signIn, TOKENS, ACME, GLOBEX, addFault, setLatency } from './fixtures';
import type { ActivityPage, ConsoleApp } from '../kit/src/index.js';

// The account activity page (/customers/:id/activity) and the settings page's
// "Recent changes" panel, against the stand-in's seeded events (and crafted answers).

type ApiEvent = { id: string; attributes: Record<string, any> };

const events = (page: Page) => page.getByTestId('events');
const rows = (page: Page) => events(page).locator('li[data-event]');
const row = (page: Page, id: string) => page.locator(`li[data-event="${id}"]`);
const loadMore = (page: Page) => page.getByRole('button', { name: 'Load more' });
const typeSelect = (page: Page) => page.getByLabel('Event type');
const activityUrl = (query = '') => `/customers/${ACME}/activity${query}`;

/** The Events API's first page for a filter, as the stand-in answers it. */
async function apiEvents(request: APIRequestContext, params: Record<string, string> = {}, token = TOKENS.owner) {
  const q = new URLSearchParams({ 'filter[customer_id]': ACME, sort: '-created_at', ...params });
  const r = await request.get(`/api/events?${q}`, { headers: { 'Fastly-Key': token, Accept: 'application/json' } });
  expect(r.status()).toBe(200);
  return (await r.json()) as { data: ApiEvent[]; meta: { record_count: number }; links: Record<string, string> };
}

/** Every GET /api/events the page asks (prefetch included), as parsed URLs. */
function watchEvents(page: Page): URL[] {
  const seen: URL[] = [];
  page.on('request', (r) => {
    const u = new URL(r.url());
    if (u.pathname.endsWith('/events') || u.hostname === 'evil.example') seen.push(u);
  });
  return seen;
}

/** Signs in (lands on settings) and waits until that page made all its requests (its
 *  "Recent changes" asks for events too), so a route or fault added next meets the
 *  activity page's requests, not the settings page's. */
async function signInAndSettle(page: Page, token = TOKENS.owner) {
  await signIn(page, token);
  const recent = page.getByTestId('recent-changes');
  await expect(recent).toBeVisible();
  await expect(recent.locator('li[data-event], [role="alert"]').first()).toBeVisible();
}

/** Signs in (lands on settings), then opens the activity page by address. */
async function openActivity(page: Page, query = '', token = TOKENS.owner) {
  await signIn(page, token);
  await gotoActivity(page, query);
}

/** The same through the kit (end2end/kit): signs in, then the activity page by address. */
async function openActivityWithKit(consoleApp: ConsoleApp, token = TOKENS.owner): Promise<ActivityPage> {
  await consoleApp.signIn(token);
  return consoleApp.activity(ACME);
}

async function gotoActivity(page: Page, query = '') {
  await page.goto(activityUrl(query));
  await expect(page.getByRole('heading', { level: 1, name: 'Account activity' })).toBeVisible();
}

async function listedIds(page: Page): Promise<string[]> {
  return rows(page).evaluateAll((els) => els.map((e) => e.getAttribute('data-event')!));
}

async function listedTimes(page: Page): Promise<string[]> {
  return rows(page).locator('time').evaluateAll((els) => els.map((e) => e.getAttribute('datetime')!));
}

async function rawTypes(page: Page): Promise<string[]> {
  return rows(page).locator('.event-type code').allTextContents();
}

/** Key → value of an event's details. */
async function detailPairs(details: Locator): Promise<Record<string, string>> {
  return details.locator('dl').evaluate((dl) => {
    const out: Record<string, string> = {};
    const dts = Array.from(dl.querySelectorAll('dt'));
    for (const dt of dts) {
      const dd = dt.nextElementSibling;
      out[dt.textContent ?? ''] = dd?.tagName === 'DD' ? dd.textContent ?? '' : '<no dd>';
    }
    return out;
  });
}

/** A JSON:API list of events, for `route.fulfill`. */
function eventList(data: unknown[], extra: Record<string, unknown> = {}) {
  return { status: 200, contentType: 'application/vnd.api+json', body: JSON.stringify({ data, ...extra }) };
}

test.describe('activity page', () => {
  test('the Activity tab is reached from settings in the same document, and marks itself current', async ({ page }) => {
    await signIn(page, TOKENS.owner);
    await expect(page.getByTestId('customer-name')).toHaveText('Acme Widgets Ltd');
    const tabs = page.getByRole('navigation', { name: 'Customer pages' });
    await expect(tabs.getByRole('link', { name: 'Settings', exact: true })).toHaveAttribute('aria-current', 'page');
    await page.evaluate(() => ((window as any).sameDocument = true));
    const documents: string[] = [];
    page.on('request', (r) => { if (r.resourceType() === 'document') documents.push(r.url()); });

    await tabs.getByRole('link', { name: 'Activity', exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`/customers/${ACME}/activity$`));
    await expect(page.getByRole('heading', { level: 1, name: 'Account activity' })).toBeVisible();
    await expect(rows(page)).toHaveCount(20);
    await expect(tabs.getByRole('link', { name: 'Activity', exact: true })).toHaveAttribute('aria-current', 'page');
    await expect(tabs.getByRole('link', { name: 'Settings', exact: true })).not.toHaveAttribute('aria-current', /.*/);
    await expect(tabs.getByRole('link', { name: 'Contacts', exact: true })).not.toHaveAttribute('aria-current', /.*/);
    expect(await page.evaluate(() => (window as any).sameDocument)).toBe(true);
    expect(documents).toEqual([]);

    // A deep link (a new document) shows the same page.
    await page.goto(activityUrl());
    await expect(rows(page)).toHaveCount(20);
    await expect(page.getByRole('navigation', { name: 'Customer pages' }).getByRole('link', { name: 'Activity', exact: true }))
      .toHaveAttribute('aria-current', 'page');
    await expect(page.getByTestId('customer-id')).toHaveText(ACME);
  });

  // Through the kit: ActivityPage.events (typed rows).
  test('20 events, newest first, each with who, type, when and IP', async ({ page, request, consoleApp }) => {
    const api = await apiEvents(request, { 'page[size]': '20' });
    const asked = watchEvents(page);
    const activity = await openActivityWithKit(consoleApp);
    const listed = await activity.events();
    expect(listed).toHaveLength(20);
    await expect(rows(page)).toHaveCount(20);
    expect(listed.map((e) => e.id)).toEqual(api.data.map((e) => e.id));
    const times = listed.map((e) => e.time);
    expect(times).toHaveLength(20);
    expect([...times].sort().reverse()).toEqual(times);
    expect(times[0]).toBe(api.data[0].attributes.created_at);
    // The page asked for the first page as documented (the settings page before it asked for 50).
    const firstPages = asked.filter((u) => u.searchParams.get('page[size]') !== '50');
    expect(firstPages.map((u) => u.search)).toHaveLength(1);
    const q = firstPages[0].searchParams;
    expect(q.get('filter[customer_id]')).toBe(ACME);
    expect(q.get('sort')).toBe('-created_at');
    expect(q.get('page[size]')).toBe('20');

    // Newest: a service version activated by Fastly staff.
    const newest = await activity.event('event00000000000000330');
    expect(newest.who).toBe('Fastly');
    expect(newest.text).toContain('Service version activated');
    expect(newest.type).toBe('version.activate');
    expect(newest.description).toBe('Version 87 of api.acme.example was activated');
    expect(newest.time).toBe(api.data[0].attributes.created_at);
    const newestTime = row(page, 'event00000000000000330').locator('time');
    await expect(newestTime).toHaveAttribute('title', api.data[0].attributes.created_at);
    await expect(newestTime).toHaveAttribute('data-exact', api.data[0].attributes.created_at);
    expect(newest.ip).toBe('199.27.72.14');

    // A user of the customer: the user's name.
    const login = await activity.event('event00000000000000328');
    expect(login.description).toBe('Ada Okafor signed in');
    expect(login.who).toBe('Ada Okafor');
    expect(login.type).toBe('user.login');
    await expect(row(page, 'event00000000000000328').locator('.event-type')).toHaveText(/Signed in\s*user\.login/);
    expect(login.ip).toBe('86.14.201.7');

    // Two addresses as sent.
    expect((await activity.event('event00000000000000327')).ip).toBe('92.40.188.23, 10.0.7.1');

    // No user and no IP: "Unknown", and no IP shown.
    const invoice = await activity.event('event00000000000000324');
    expect(invoice.who).toBe('Unknown');
    expect(invoice.ip).toBeNull();
    await expect(row(page, 'event00000000000000324').locator('code.event-ip')).toHaveCount(0);
    expect(invoice.type).toBe('invoice.payment');
  });

  test('details open by keyboard and show the nested metadata as key/value pairs', async ({ page }) => {
    await openActivity(page);
    const invoice = row(page, 'event00000000000000324');
    const details = invoice.locator('details.event-details');
    await expect(details).toHaveCount(1);
    const summary = details.locator('summary');
    await expect(summary).toHaveText('Details');
    await expect(details.locator('dl')).toBeHidden();
    await summary.focus();
    await expect(summary).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(details).toHaveAttribute('open', '');
    await expect(details.locator('dl')).toBeVisible();
    // The demo invoices are dated relative to the stand-in's start; the id names the month
    // the event was created in (UTC), as the row's own time says.
    const created = await invoice.locator('time').first().getAttribute('datetime');
    expect(created).toMatch(/^\d{4}-\d{2}-/);
    expect(await detailPairs(details)).toEqual({
      amount: '10919.17',
      currency: 'USD',
      invoice_id: `INV-${created!.slice(0, 7)}`,
      'lines[0].amount': '9392',
      'lines[0].item': 'bandwidth',
      'lines[1].amount': '1527.17',
      'lines[1].item': 'requests',
      paid: 'true',
    });
    // Space closes it again.
    await page.keyboard.press(' ');
    await expect(details).not.toHaveAttribute('open', /.*/);
    await expect(details.locator('dl')).toBeHidden();
  });

  test('older rows: admin pricing change by Fastly, 2FA by the owner, a lock with no user', async ({ page }) => {
    await openActivity(page, '?type=customer.pricing');
    const pricing = row(page, 'event00000000000000011');
    await expect(pricing.locator('.event-who')).toHaveText('Fastly');
    await expect(pricing.locator('.event-type code')).toHaveText('customer.pricing');
    await expect(pricing.locator('.event-type')).toContainText('Pricing plan changed');
    await pricing.locator('summary').click();
    expect(await detailPairs(pricing.locator('details'))).toEqual({
      'pricing_plan.from': 'Professional',
      'pricing_plan.to': 'Enterprise',
      pricing_plan_id: 'ppEnterprise2021aB3xYz',
    });
    await page.goto(activityUrl('?type=two_factor_auth.enable'));
    const twoFa = row(page, 'event00000000000000139');
    await expect(twoFa.locator('.event-who')).toHaveText('Ada Okafor');
    await expect(twoFa.locator('.event-type code')).toHaveText('two_factor_auth.enable');
    await expect(twoFa.locator('.event-type')).toContainText('Two-factor authentication turned on');
    await page.goto(activityUrl('?type=user.lock'));
    const lock = row(page, 'event00000000000000158');
    await expect(lock.locator('.event-who')).toHaveText('Unknown');
    await expect(lock.locator('.event-type code')).toHaveText('user.lock');
    await expect(lock.locator('code.event-ip')).toHaveText('86.14.201.7, 10.0.3.12');
  });

  // Through the kit: ActivityPage.loadMore.
  test('"Load more" appends the next page from our own /api, without duplicates', async ({ page, request, consoleApp }) => {
    const api = await apiEvents(request, { 'page[size]': '40' });
    const asked = watchEvents(page);
    const activity = await openActivityWithKit(consoleApp);
    expect(await activity.events()).toHaveLength(20);
    const before = asked.length;
    const listed = await activity.loadMore();
    expect(listed).toHaveLength(40);
    await expect(rows(page)).toHaveCount(40);
    const ids = listed.map((e) => e.id);
    expect(new Set(ids).size).toBe(40);
    expect(ids).toEqual(api.data.map((e) => e.id));
    const times = listed.map((e) => e.time);
    expect([...times].sort().reverse()).toEqual(times);

    const more = asked.slice(before);
    expect(more.map((u) => u.href)).toHaveLength(1);
    const next = more[0];
    expect(next.origin).toBe(new URL(page.url()).origin);
    expect(next.pathname).toBe('/api/events');
    expect(next.searchParams.get('page[number]')).toBe('2');
    expect(next.searchParams.get('page[size]')).toBe('20');
    expect(next.searchParams.get('filter[customer_id]')).toBe(ACME);
    expect(next.searchParams.get('sort')).toBe('-created_at');
    expect(await activity.hasMore()).toBe(true);
    await expect(loadMore(page)).toBeVisible();
  });

  test('"Load more" leaves the rows already listed alone: an open "Details" stays open', async ({ page }) => {
    await openActivity(page);
    await expect(rows(page)).toHaveCount(20);
    await loadMore(page).click();
    await expect(rows(page)).toHaveCount(40);
    // One row of the first page and one of the second, each with its details open.
    const first = rows(page).nth(3).locator('details.event-details');
    const second = rows(page).nth(25).locator('details.event-details');
    const firstId = await rows(page).nth(3).getAttribute('data-event');
    const secondId = await rows(page).nth(25).getAttribute('data-event');
    await first.locator('summary').click();
    await second.locator('summary').click();
    await expect(first).toHaveAttribute('open', '');
    await expect(second).toHaveAttribute('open', '');
    await loadMore(page).click();
    await expect(rows(page)).toHaveCount(60);
    await expect(row(page, firstId!).locator('details.event-details')).toHaveAttribute('open', '');
    await expect(row(page, secondId!).locator('details.event-details')).toHaveAttribute('open', '');
  });

  test('"Load more" until the end of a small type: every event once, then no button', async ({ page, request }) => {
    const api = await apiEvents(request, { 'filter[event_type]': 'user.lock', 'page[size]': '2' });
    const total = api.meta.record_count;
    expect(total).toBeGreaterThan(0);
    // Small pages, so that "Load more" is needed several times.
    await page.route('**/api/events?**', async (route) => {
      const u = new URL(route.request().url());
      if (u.searchParams.get('filter[event_type]') === 'user.lock') u.searchParams.set('page[size]', '2');
      await route.continue({ url: u.href });
    });
    await openActivity(page, '?type=user.lock');
    await expect(rows(page)).toHaveCount(Math.min(2, total));
    let clicks = 0;
    while ((await loadMore(page).count()) > 0 && clicks < 10) {
      const n = await rows(page).count();
      await loadMore(page).click();
      await expect(rows(page)).not.toHaveCount(n);
      clicks++;
    }
    await expect(loadMore(page)).toHaveCount(0);
    // The button is gone: focus is at the end of the list, not back at the top.
    await expect(page.getByTestId('events-end')).toBeFocused();
    await expect(page.getByTestId('events-end')).toHaveText('End of the list.');
    expect(clicks).toBe(Math.ceil(total / 2) - 1);
    await expect(rows(page)).toHaveCount(total);
    const ids = await listedIds(page);
    expect(new Set(ids).size).toBe(total);
    expect(await rawTypes(page)).toEqual(Array(total).fill('user.lock'));
  });

  test('without page-size tricks: "Load more" to the end of user.lock lists meta.record_count events', async ({ page, request }) => {
    const { meta } = await apiEvents(request, { 'filter[event_type]': 'user.lock' });
    await openActivity(page, '?type=user.lock');
    await expect(rows(page).first()).toBeVisible();
    for (let i = 0; i < 10 && (await loadMore(page).count()) > 0; i++) {
      const n = await rows(page).count();
      await loadMore(page).click();
      await expect(rows(page)).not.toHaveCount(n);
    }
    await expect(loadMore(page)).toHaveCount(0);
    await expect(rows(page)).toHaveCount(meta.record_count);
    await expect(page.locator('.events-total')).toHaveText(`${meta.record_count} events`);
  });

  test('a page that overlaps the last one (the list moved) lists nothing twice', async ({ page }) => {
    let n = 0;
    const mk = (i: number) => ({ id: `dup${String(i).padStart(3, '0')}`, type: 'event', attributes: { event_type: 'user.login', description: `Event ${i}`, created_at: new Date(Date.UTC(2026, 9, 1, 0, 0, 0) - i * 60_000).toISOString() } });
    await page.route('**/api/events?**', async (route) => {
      const u = new URL(route.request().url());
      const number = Number(u.searchParams.get('page[number]') ?? '1');
      n++;
      const ids = number === 1 ? [0, 1, 2, 3] : [2, 3, 4, 5]; // two already listed
      await route.fulfill(eventList(ids.map(mk), { links: number === 1 ? { next: `http://127.0.0.1/api/events?page[number]=2&page[size]=4` } : {} }));
    });
    await openActivity(page);
    await expect(rows(page)).toHaveCount(4);
    await loadMore(page).click();
    await expect(rows(page)).toHaveCount(6);
    expect(await listedIds(page)).toEqual(['dup000', 'dup001', 'dup002', 'dup003', 'dup004', 'dup005']);
    await expect(loadMore(page)).toHaveCount(0);
  });

  test('a failed "Load more" says so inline, and "Try again" loads the page', async ({ page, request }) => {
    await openActivity(page);
    await expect(rows(page)).toHaveCount(20);
    await addFault(request, { method: 'GET', path: '/events', fault: '500', times: 1 });
    await loadMore(page).click();
    const alert = page.getByRole('alert').filter({ hasText: 'Could not load more events.' });
    await expect(alert).toBeVisible();
    await expect(alert).toContainText('stand-in fault');
    await expect(rows(page)).toHaveCount(20);
    await alert.getByRole('button', { name: 'Try again' }).click();
    await expect(rows(page)).toHaveCount(40);
    await expect(alert).toHaveCount(0);
    expect(new Set(await listedIds(page)).size).toBe(40);
  });

  // The first narrowing goes through the kit: ActivityPage.filter({ type }).
  test('"Event type" narrows the list and goes into the address; reload and paste follow it, Back leaves the page', async ({ page, request, consoleApp }) => {
    const asked = watchEvents(page);
    const activity = await openActivityWithKit(consoleApp);
    await expect(rows(page)).toHaveCount(20);
    const select = typeSelect(page);
    await expect(select).toHaveValue('');
    await expect(select.locator('option').first()).toHaveText('All');
    await expect(select.locator('option[value="user.lock"]')).toHaveText('User locked');
    const { meta } = await apiEvents(request, { 'filter[event_type]': 'customer.update' });
    expect(meta.record_count).toBeGreaterThan(20);

    const narrowed = await activity.filter({ type: 'customer.update' });
    expect(narrowed.map((e) => e.type)).toEqual(Array(20).fill('customer.update'));
    await expect(page).toHaveURL(new RegExp(`/customers/${ACME}/activity\\?type=customer\\.update$`));
    await expect(rows(page)).toHaveCount(20);
    await expect.poll(() => rawTypes(page)).toEqual(Array(20).fill('customer.update'));
    expect(asked.at(-1)!.searchParams.get('filter[event_type]')).toBe('customer.update');
    await expect(page.getByRole('link', { name: 'Clear filters' })).toBeVisible();

    // Reload keeps it.
    await page.reload();
    await expect(typeSelect(page)).toHaveValue('customer.update');
    await expect(rows(page)).toHaveCount(20);
    expect(await rawTypes(page)).toEqual(Array(20).fill('customer.update'));

    // A narrower type replaces the entry (issue 18: filters do not pile up in the history):
    // Back leaves the activity page for the page before it.
    await typeSelect(page).selectOption('user.lock');
    await expect(page).toHaveURL(/\?type=user\.lock$/);
    await expect.poll(() => rawTypes(page)).toEqual(Array((await apiEvents(request, { 'filter[event_type]': 'user.lock' })).meta.record_count).fill('user.lock'));
    await page.goBack();
    await expect(page).not.toHaveURL(/\/activity/);

    // Pasting a filtered address (a new document) applies it.
    await page.goto(activityUrl('?type=two_factor_auth.enable'));
    await expect(typeSelect(page)).toHaveValue('two_factor_auth.enable');
    await expect(rows(page)).toHaveCount(1);
    await expect(row(page, 'event00000000000000139')).toBeVisible();

    // "Clear filters" shows everything again.
    await page.getByRole('link', { name: 'Clear filters' }).click();
    await expect(page).toHaveURL(new RegExp(`/customers/${ACME}/activity$`));
    await expect(typeSelect(page)).toHaveValue('');
    await expect(rows(page)).toHaveCount(20);
    await expect(row(page, 'event00000000000000330')).toBeVisible();
    await expect(page.getByRole('link', { name: 'Clear filters' })).toHaveCount(0);
  });

  test('a type no one filters on lists "No events match these filters."', async ({ page }) => {
    await openActivity(page, '?type=service.delete');
    await expect(page.getByTestId('no-events')).toHaveText('No events match these filters.');
    await expect(rows(page)).toHaveCount(0);
    await expect(loadMore(page)).toHaveCount(0);
  });

  test('an unknown type in the address is kept and shown as an option', async ({ page }) => {
    await openActivity(page, '?type=acl.create');
    await expect(typeSelect(page)).toHaveValue('acl.create');
    await expect(page.getByTestId('no-events')).toHaveText('No events match these filters.');
  });

  // Through the kit: ActivityPage.filter({ from, to }).
  test('From and To narrow to the days in range, as filter[created_at][gte]/[lte]', async ({ page, request, consoleApp }) => {
    const all = [
      ...(await apiEvents(request, { 'page[size]': '100', 'page[number]': '1' })).data,
      ...(await apiEvents(request, { 'page[size]': '100', 'page[number]': '2' })).data,
    ];
    // Two days a few weeks back, from the stand-in's data (seeded relative to now).
    const dayOf = (e: ApiEvent) => String(e.attributes.created_at).slice(0, 10);
    const from = dayOf(all[60]);
    const to = dayOf(all[30]);
    expect(from < to).toBeTruthy();

    const asked = watchEvents(page);
    const activity = await openActivityWithKit(consoleApp);
    await expect(rows(page)).toHaveCount(20);
    // The bounds of local days, as the browser reckons them.
    const [gte, lte] = await page.evaluate(([f, t]) => {
      const [fy, fm, fd] = f.split('-').map(Number);
      const [ty, tm, td] = t.split('-').map(Number);
      return [new Date(fy, fm - 1, fd).toISOString(), new Date(ty, tm - 1, td, 23, 59, 59, 999).toISOString()];
    }, [from, to]);
    const inRange = all.filter((e) => e.attributes.created_at >= gte.replace('.000Z', 'Z') && e.attributes.created_at <= lte);
    expect(inRange.length).toBeGreaterThan(0);

    await activity.filter({ from });
    await expect(page).toHaveURL(new RegExp(`\\?from=${from}$`));
    await activity.filter({ to });
    await expect(page).toHaveURL(new RegExp(`\\?from=${from}&to=${to}$`));
    await expect.poll(async () => (await activity.events()).map((e) => e.id)).toEqual(inRange.slice(0, 20).map((e) => e.id));
    for (const t of await listedTimes(page)) {
      expect(t >= gte.replace('.000Z', 'Z') && t <= lte, t).toBeTruthy();
    }
    const last = asked.at(-1)!.searchParams;
    expect(last.get('filter[created_at][gte]')).toBe(gte);
    expect(last.get('filter[created_at][lte]')).toBe(lte);
    expect(last.get('filter[customer_id]')).toBe(ACME);

    // The same range pasted as an address.
    await page.goto(activityUrl(`?from=${from}&to=${to}`));
    await expect(page.getByLabel('From', { exact: true })).toHaveValue(from);
    await expect(page.getByLabel('To', { exact: true })).toHaveValue(to);
    await expect.poll(() => listedIds(page)).toEqual(inRange.slice(0, 20).map((e) => e.id));

    // "Clear filters" empties the date fields too.
    await page.getByRole('link', { name: 'Clear filters' }).click();
    await expect(page).toHaveURL(new RegExp(`/customers/${ACME}/activity$`));
    await expect(page.getByLabel('From', { exact: true })).toHaveValue('');
    await expect(page.getByLabel('To', { exact: true })).toHaveValue('');
    await expect(row(page, 'event00000000000000330')).toBeVisible();
  });

  test('From after To: the problem is said and no events are asked for', async ({ page }) => {
    await openActivity(page);
    await expect(rows(page)).toHaveCount(20);
    const asked = watchEvents(page);
    await page.getByLabel('To', { exact: true }).fill('2026-06-01');
    await expect(page).toHaveURL(/\?to=2026-06-01$/);
    await expect.poll(() => asked.length).toBe(1);
    await page.getByLabel('From', { exact: true }).fill('2026-07-01');
    await expect(page).toHaveURL(/\?from=2026-07-01&to=2026-06-01$/);
    await expect(page.getByTestId('activity-filter-problem')).toBeVisible();
    await expect(page.getByTestId('activity-filter-problem')).toContainText('after');
    await expect(page.getByTestId('activity-filter-problem')).toHaveAttribute('role', 'alert');
    await expect(events(page)).toHaveCount(0);
    await page.waitForTimeout(500);
    expect(asked.map((u) => u.search)).toHaveLength(1);

    // The same, pasted: no events request at all (prefetch included).
    const pasted = watchEvents(page);
    await page.goto(activityUrl('?from=2026-07-01&to=2026-06-01'));
    await expect(page.getByTestId('activity-filter-problem')).toBeVisible();
    await page.waitForTimeout(500);
    expect(pasted.map((u) => u.search)).toEqual([]);
  });

  test('a date in the address that is not a date is named, ignored, and the list still shows', async ({ page }) => {
    const asked = watchEvents(page);
    await openActivity(page, '?from=soon');
    const alert = page.getByRole('alert').filter({ hasText: '“soon”' });
    await expect(alert).toBeVisible();
    await expect(alert).toContainText('From');
    await expect(rows(page)).toHaveCount(20);
    await expect(page.getByLabel('From', { exact: true })).toHaveValue('');
    expect(asked.length).toBeGreaterThan(0);
    for (const u of asked) expect(u.searchParams.get('filter[created_at][gte]')).toBeNull();
  });

  test('the user filter: pick with the combobox, address gets user=, "Any user" removes it', async ({ page, request }) => {
    const asked = watchEvents(page);
    await openActivity(page);
    await expect(rows(page)).toHaveCount(20);
    const box = page.getByRole('combobox', { name: 'User' });
    await box.click();
    await box.fill('kenji');
    await page.getByRole('listbox', { name: 'User: users' }).getByRole('option').filter({ hasText: 'Kenji Watanabe' }).first().click();
    await expect(page).toHaveURL(/\?user=acmeEngineer0000000008$/);
    await expect(page.getByTestId('activity-user')).toHaveText('Kenji Watanabe');
    const { data, meta } = await apiEvents(request, { 'filter[user_id]': 'acmeEngineer0000000008', 'page[size]': '20' });
    await expect(rows(page)).toHaveCount(Math.min(20, meta.record_count));
    await expect.poll(() => listedIds(page)).toEqual(data.map((e) => e.id));
    for (const who of await rows(page).locator('.event-who').allTextContents()) expect(who).toBe('Kenji Watanabe');
    expect(asked.at(-1)!.searchParams.get('filter[user_id]')).toBe('acmeEngineer0000000008');

    // Enter picks too, after "Any user".
    await page.getByRole('button', { name: 'Any user' }).click();
    await expect(page).toHaveURL(new RegExp(`/activity$`));
    await expect(page.getByTestId('activity-user')).toHaveCount(0);
    await expect(row(page, 'event00000000000000330')).toBeVisible();
    const again = page.getByRole('combobox', { name: 'User' });
    await again.fill('ada');
    await expect(page.getByRole('listbox', { name: 'User: users' }).getByRole('option').first()).toContainText('Ada Okafor');
    await again.press('Enter');
    await expect(page).toHaveURL(/\?user=acmeOwner0000000000001$/);
    await expect(page.getByTestId('activity-user')).toHaveText('Ada Okafor');
    await expect.poll(async () => new Set(await rows(page).locator('.event-who').allTextContents())).toEqual(new Set(['Ada Okafor']));

    // Combined with a type, pasted.
    await page.goto(activityUrl('?type=user.login&user=acmeOwner0000000000001'));
    await expect(page.getByTestId('activity-user')).toHaveText('Ada Okafor');
    await expect(typeSelect(page)).toHaveValue('user.login');
    const both = await apiEvents(request, { 'filter[event_type]': 'user.login', 'filter[user_id]': 'acmeOwner0000000000001', 'page[size]': '20' });
    await expect.poll(() => listedIds(page)).toEqual(both.data.map((e) => e.id));
    await page.getByRole('button', { name: 'Any user' }).click();
    await expect(page).toHaveURL(/\?type=user\.login$/);
  });

  test('odd answers: missing attributes, unknown type, two IPs, a bad date, metadata of any shape', async ({ page }) => {
    await page.route('**/api/events?**', (route) => route.fulfill(eventList([
      { id: 'oddBare', type: 'event' },
      { id: 'oddUnknown', type: 'event', attributes: {
        event_type: 'acl.create', description: 'ACL "blocklist" created', user_id: 'stranger000000000000001', admin: false,
        created_at: '2026-11-01T10:00:00Z', ip: '73.93.140.51, 10.0.0.1',
        metadata: { service: { id: 'svc1', version: { number: 3 } }, tags: ['a', 'b', 'c'], items: [{ k: 1 }, { k: 2 }] },
      } },
      { id: 'oddDate', type: 'event', attributes: { event_type: 'user.login', description: 'Bad date', user_id: 'acmeOwner0000000000001', created_at: 'not a date', metadata: ['one', 'two'] } },
      { id: 'oddString', type: 'event', attributes: { event_type: 'user.logout', user_id: null, created_at: null, metadata: 'just text' } },
      { id: 'oddEmpty', type: 'event', attributes: { event_type: 'customer.update', description: 'Empty metadata', admin: true, metadata: {} } },
      { type: 'event', attributes: { description: 'I have no id', event_type: 'user.login' } },
      'not an event',
    ], { meta: { record_count: 5 }, links: {} })));
    await openActivity(page);
    await expect(rows(page)).toHaveCount(5);
    expect(await listedIds(page)).toEqual(['oddBare', 'oddUnknown', 'oddDate', 'oddString', 'oddEmpty']);
    await expect(page.getByText('I have no id')).toHaveCount(0);

    const bare = row(page, 'oddBare');
    await expect(bare.locator('.event-description')).toHaveText('An event without a description');
    await expect(bare.locator('.event-who')).toHaveText('Unknown');
    await expect(bare).toContainText('time unknown');
    await expect(bare.locator('details')).toHaveCount(0);
    await expect(bare.locator('code.event-ip')).toHaveCount(0);

    const unknown = row(page, 'oddUnknown');
    await expect(unknown.locator('.event-type')).toHaveText('acl.create');
    await expect(unknown.locator('.event-who')).toHaveText('stranger000000000000001');
    await expect(unknown.locator('code.event-ip')).toHaveText('73.93.140.51, 10.0.0.1');
    await expect(unknown.locator('time')).toHaveAttribute('datetime', '2026-11-01T10:00:00Z');
    await unknown.locator('summary').click();
    expect(await detailPairs(unknown.locator('details'))).toEqual({
      'items[0].k': '1',
      'items[1].k': '2',
      'service.id': 'svc1',
      'service.version.number': '3',
      tags: 'a, b, c',
    });

    const badDate = row(page, 'oddDate');
    await expect(badDate).toContainText('Unreadable date: not a date');
    await expect(badDate.locator('time')).toHaveCount(0);
    await expect(badDate.locator('.event-who')).toHaveText('Ada Okafor');
    await badDate.locator('summary').click();
    expect(await detailPairs(badDate.locator('details'))).toEqual({ value: 'one, two' });

    const text = row(page, 'oddString');
    await expect(text.locator('.event-description')).toHaveText('Signed out'); // no description: the type's name
    await expect(text.locator('.event-who')).toHaveText('Unknown');
    await expect(text).toContainText('time unknown');
    await text.locator('summary').click();
    expect(await detailPairs(text.locator('details'))).toEqual({ value: 'just text' });

    const empty = row(page, 'oddEmpty');
    await expect(empty.locator('.event-who')).toHaveText('Fastly');
    await expect(empty.locator('details')).toHaveCount(0);
    await expect(loadMore(page)).toHaveCount(0);
  });

  test('an empty answer says "No events yet."', async ({ page }) => {
    await page.route('**/api/events?**', (route) => route.fulfill(eventList([], { meta: { record_count: 0 } })));
    await openActivity(page);
    await expect(page.getByTestId('no-events')).toHaveText('No events yet.');
    await expect(rows(page)).toHaveCount(0);
  });

  test('a 503 with Fastly\'s error body shows its message, and "Try again" then succeeds', async ({ page }) => {
    await signInAndSettle(page);
    let failed = 0;
    await page.route('**/api/events?**', async (route) => {
      failed++;
      await route.fulfill({ status: 503, contentType: 'application/json', body: JSON.stringify({ msg: 'Service Unavailable', detail: 'The events store is resting' }) });
    }, { times: 1 });
    await page.goto(activityUrl());
    const error = page.getByTestId('load-error');
    await expect(error).toBeVisible();
    await expect(error).toHaveAttribute('role', 'alert');
    await expect(error).toContainText('Could not load the activity');
    await expect(error).toContainText('Service Unavailable');
    await expect(error).toContainText('The events store is resting');
    expect(failed).toBe(1);
    await expect(rows(page)).toHaveCount(0);
    await error.getByRole('button', { name: 'Try again' }).click();
    await expect(rows(page)).toHaveCount(20);
    await expect(error).toHaveCount(0);
  });

  test('an answer that is not JSON is an alert, not an empty list', async ({ page }) => {
    await signInAndSettle(page);
    await page.route('**/api/events?**', (route) => route.fulfill({ status: 200, contentType: 'application/json', body: '{"data": [{"id": "x", "attrib' }), { times: 1 });
    await gotoActivity(page);
    const error = page.getByTestId('load-error');
    await expect(error).toContainText('Could not load the activity');
    await expect(error).toContainText('cannot read');
    await expect(page.getByTestId('no-events')).toHaveCount(0);
    await error.getByRole('button', { name: 'Try again' }).click();
    await expect(rows(page)).toHaveCount(20);
  });

  test('the stand-in\'s malformed fault on /events is an alert too', async ({ page, request }) => {
    await signInAndSettle(page);
    await addFault(request, { method: 'GET', path: '/events', fault: 'malformed', times: 1 });
    await page.goto(activityUrl());
    await expect(page.getByTestId('load-error')).toContainText('Could not load the activity');
    await page.getByTestId('load-error').getByRole('button', { name: 'Try again' }).click();
    await expect(rows(page)).toHaveCount(20);
  });

  test('links.next naming another host: "Load more" asks our own /api, never that host', async ({ page }) => {
    const evil: string[] = [];
    await page.route('https://evil.example/**', (route) => { evil.push(route.request().url()); return route.abort(); });
    const mk = (i: number) => ({ id: `ev${i}`, type: 'event', attributes: { event_type: 'user.login', description: `Event ${i}`, created_at: new Date(Date.UTC(2026, 9, 1) - i * 60_000).toISOString() } });
    const seen: URL[] = [];
    await page.route('**/api/events?**', async (route) => {
      const u = new URL(route.request().url());
      seen.push(u);
      const number = u.searchParams.get('page[number]');
      if (number === '2') return route.fulfill(eventList([mk(20), mk(21)], { links: {} }));
      return route.fulfill(eventList(Array.from({ length: 20 }, (_, i) => mk(i)), {
        links: { next: 'https://evil.example/events?page[number]=2&page[size]=20' },
      }));
    });
    await openActivity(page);
    await expect(rows(page)).toHaveCount(20);
    await loadMore(page).click();
    await expect(rows(page)).toHaveCount(22);
    const second = seen.at(-1)!;
    expect(second.origin).toBe(new URL(page.url()).origin);
    expect(second.pathname).toBe('/api/events');
    expect(second.searchParams.get('page[number]')).toBe('2');
    expect(second.searchParams.get('page[size]')).toBe('20');
    expect(evil).toEqual([]);
    await expect(loadMore(page)).toHaveCount(0);
  });

  test('links.next with only the page (as Fastly records it): "Load more" keeps the filters and newest first', async ({ page }) => {
    await signInAndSettle(page);
    const seen: URL[] = [];
    let first = true;
    await page.route('**/api/events?**', async (route) => {
      seen.push(new URL(route.request().url()));
      if (!first) return route.fallback();
      first = false;
      // The first page as the stand-in answers it, but with a links.next like the one
      // recorded from the real API: page[number] and page[size], no filter, no sort.
      const response = await route.fetch();
      const body = await response.json();
      body.links = { next: 'https://api.fastly.com/events?page[number]=2&page[size]=20' };
      await route.fulfill({ response, json: body });
    });
    await gotoActivity(page, '?type=user.login&user=acmeOwner0000000000001');
    await expect(rows(page).first()).toBeVisible();
    await expect(loadMore(page)).toBeVisible();
    expect(seen).toHaveLength(1); // the first page (asked by web/prefetch.js), taken by the app
    const asked = seen.length;
    await loadMore(page).click();
    await expect.poll(() => seen.length).toBe(asked + 1);
    const next = seen.at(-1)!;
    expect(next.origin).toBe(new URL(page.url()).origin);
    expect(next.pathname).toBe('/api/events');
    expect(next.searchParams.get('page[number]')).toBe('2');
    expect(next.searchParams.get('page[size]')).toBe('20');
    expect(next.searchParams.get('sort')).toBe('-created_at');
    expect(next.searchParams.get('filter[customer_id]')).toBe(ACME);
    expect(next.searchParams.get('filter[event_type]')).toBe('user.login');
    expect(next.searchParams.get('filter[user_id]')).toBe('acmeOwner0000000000001');
    // The page after it is listed after the first, newest first throughout.
    await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
    const times = await listedTimes(page);
    expect([...times].sort().reverse()).toEqual(times);
  });

  test('another company\'s owner gets the 403 as a load error', async ({ page }) => {
    await signIn(page, TOKENS.globexOwner);
    await expect(page).toHaveURL(new RegExp(`/customers/${GLOBEX}$`));
    await page.goto(activityUrl());
    const error = page.getByTestId('load-error');
    await expect(error).toContainText('Could not load the activity');
    await expect(error).toContainText('Your role does not allow this.');
    await expect(rows(page)).toHaveCount(0);
  });

  test('users that fail to load: the events list with user ids, an alert says why, "Try again" brings the names', async ({ page, request }) => {
    await signIn(page, TOKENS.owner);
    await addFault(request, { method: 'GET', path: `/customer/${ACME}/users`, fault: '500', times: 1 });
    await page.goto(`/customers/${ACME}/activity`);
    const alert = page.getByRole('alert').filter({ hasText: 'Could not load the users' });
    await expect(alert).toContainText('stand-in fault');
    const who = row(page, 'event00000000000000328').locator('.event-who');
    await expect(who).toHaveText('acmeOwner0000000000001');
    await alert.getByRole('button', { name: 'Try again' }).click();
    await expect(alert).toHaveCount(0);
    await expect(who).toHaveText('Ada Okafor');
  });

  test('support staff see Acme\'s activity with the support banner', async ({ page }) => {
    await signIn(page, TOKENS.support);
    await page.goto(activityUrl());
    await expect(page.getByTestId('support-banner')).toBeVisible();
    await expect(rows(page)).toHaveCount(20);
    await expect(row(page, 'event00000000000000330')).toBeVisible();
    await expect(row(page, 'event00000000000000328').locator('.event-who')).toHaveText('Ada Okafor');
  });

  test('keyboard: Tab to "Event type", change it with the keys, focus stays on it', async ({ page }) => {
    await openActivity(page);
    await expect(rows(page)).toHaveCount(20);
    const select = typeSelect(page);
    for (let i = 0; i < 40 && !(await select.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab');
    await expect(select).toBeFocused();
    await page.keyboard.press('ArrowDown');
    // The first type after "All": customer.create (no such events in the data).
    await expect(page).toHaveURL(/\?type=customer\.create$/);
    await expect(page.getByTestId('no-events')).toBeVisible();
    await expect(select).toBeFocused();
    await page.keyboard.press('ArrowDown');
    await expect(page).toHaveURL(/\?type=customer\.update$/);
    await expect.poll(() => rawTypes(page)).toEqual(Array(20).fill('customer.update'));
    await expect(select).toBeFocused();
    await expect(select).toHaveValue('customer.update');
  });
});

test.describe('activity page: races, sessions, time zones', () => {
  test('a slow answer for an earlier filter does not replace the list of a later one', async ({ page }) => {
    await openActivity(page);
    await expect(rows(page)).toHaveCount(20);
    await page.route('**/api/events?**', async (route) => {
      const type = new URL(route.request().url()).searchParams.get('filter[event_type]');
      if (type === 'customer.update') await new Promise((r) => setTimeout(r, 1500));
      await route.continue();
    });
    await typeSelect(page).selectOption('customer.update');
    await expect(page).toHaveURL(/\?type=customer\.update$/);
    await typeSelect(page).selectOption('user.lock');
    await expect(page).toHaveURL(/\?type=user\.lock$/);
    await expect.poll(async () => new Set(await rawTypes(page))).toEqual(new Set(['user.lock']));
    await page.waitForTimeout(2000); // the slow customer.update answer has come meanwhile
    expect(new Set(await rawTypes(page))).toEqual(new Set(['user.lock']));
    await expect(typeSelect(page)).toHaveValue('user.lock');
  });

  test('a "Load more" answer that comes after the filter changed is dropped', async ({ page }) => {
    await openActivity(page);
    await expect(rows(page)).toHaveCount(20);
    let slowDone = false;
    await page.route('**/api/events?**', async (route) => {
      const u = new URL(route.request().url());
      if (u.searchParams.get('page[number]') === '2' && !u.searchParams.get('filter[event_type]')) {
        await new Promise((r) => setTimeout(r, 1500));
        slowDone = true;
      }
      await route.continue();
    });
    await loadMore(page).click();
    await expect(page.getByRole('status').filter({ hasText: 'Loading more events…' })).toBeVisible();
    await typeSelect(page).selectOption('user.lock');
    await expect.poll(async () => new Set(await rawTypes(page))).toEqual(new Set(['user.lock']));
    const n = await rows(page).count();
    await expect.poll(() => slowDone).toBe(true);
    await page.waitForTimeout(300);
    await expect(rows(page)).toHaveCount(n);
    expect(new Set(await rawTypes(page))).toEqual(new Set(['user.lock']));
  });

  test('a date typed with the keyboard filters once, for the whole date', async ({ page }) => {
    await openActivity(page);
    const entries = await page.evaluate(() => history.length);
    await expect(rows(page)).toHaveCount(20);
    const asked = watchEvents(page);
    const from = page.getByLabel('From', { exact: true });
    await from.focus();
    // Chromium's en-US date field: month, day, year.
    await page.keyboard.type('10012026');
    await expect(from).toHaveValue('2026-10-01');
    await expect(page).toHaveURL(/\?from=2026-10-01$/);
    await expect(from).toBeFocused();
    await page.waitForTimeout(500);
    const gtes = asked.map((u) => u.searchParams.get('filter[created_at][gte]'));
    expect(gtes).toHaveLength(1);
    expect(gtes[0]!.startsWith('2026-')).toBeTruthy();
    expect(await page.evaluate(() => history.length)).toBe(entries);
    // No history entry for the date (a filter replaces the entry): Back leaves the page.
    await page.goBack();
    await expect(page).not.toHaveURL(/\/activity/);
  });

  test('a 401 from /events goes to sign-in and back to the activity afterwards', async ({ page }) => {
    await signInAndSettle(page);
    await page.route('**/api/events?**', (route) => route.fulfill({ status: 401, contentType: 'application/json', body: '{"msg":"Provided credentials are missing or invalid"}' }), { times: 1 });
    await page.goto(activityUrl('?type=user.lock'));
    await expect(page).toHaveURL(/\/sign-in\?next=/);
    await page.getByLabel('API token').fill(TOKENS.owner);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page).toHaveURL(new RegExp(`/customers/${ACME}/activity\\?type=user\\.lock$`));
    await expect(rows(page).first()).toBeVisible();
    expect(new Set(await rawTypes(page))).toEqual(new Set(['user.lock']));
  });

  test.describe('in New York', () => {
    test.use({ timezoneId: 'America/New_York' });

    test('From/To are local days (DST and standard time), and the prefetched first page is used', async ({ page, request }) => {
      await signInAndSettle(page);
      const asked = watchEvents(page);
      await page.goto(activityUrl('?from=2026-10-01&to=2026-11-15'));
      // The demo history spans the ~6 months before the stand-in started: from mid-2027 on,
      // these fixed days (chosen for their offsets) hold no events, and the page says so.
      await expect(rows(page).first().or(page.getByTestId('no-events'))).toBeVisible();
      await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
      expect(asked.map((u) => u.search)).toHaveLength(1); // the prefetch, taken by the app
      expect(asked[0].searchParams.get('filter[created_at][gte]')).toBe('2026-10-01T04:00:00.000Z');
      expect(asked[0].searchParams.get('filter[created_at][lte]')).toBe('2026-11-16T04:59:59.999Z');
      const api = await apiEvents(request, { 'filter[created_at][gte]': '2026-10-01T04:00:00.000Z', 'filter[created_at][lte]': '2026-11-16T04:59:59.999Z', 'page[size]': '20' });
      expect(await listedIds(page)).toEqual(api.data.map((e) => e.id));
    });
  });
});

test.describe('settings: Recent changes', () => {
  const panel = (page: Page) => page.getByTestId('recent-changes');
  const ACCOUNT = /^(customer\.update|customer\.pricing|billing\.contact_update|two_factor_auth\..+|user\..+)$/;

  test('shows up to 5 account changes among the latest 50, and links to the activity', async ({ page, request }) => {
    const asked = watchEvents(page);
    await signIn(page, TOKENS.owner);
    const p = panel(page);
    await expect(p.getByRole('heading', { name: 'Recent changes' })).toBeVisible();
    await expect(p.locator('li[data-event]')).toHaveCount(5);
    const latest = await apiEvents(request, { 'page[size]': '50' });
    const expected = latest.data.filter((e) => ACCOUNT.test(e.attributes.event_type)).slice(0, 5).map((e) => e.id);
    expect(await p.locator('li[data-event]').evaluateAll((els) => els.map((e) => e.getAttribute('data-event')))).toEqual(expected);
    for (const t of await p.locator('.event-type code').allTextContents()) expect(t).toMatch(ACCOUNT);
    // Compact rows: no IP, no details.
    await expect(p.locator('code.event-ip')).toHaveCount(0);
    await expect(p.locator('details')).toHaveCount(0);
    const q = asked.find((u) => u.searchParams.get('page[size]') === '50');
    expect(q, asked.map((u) => u.search).join(' | ')).toBeDefined();
    expect(q!.searchParams.get('filter[customer_id]')).toBe(ACME);
    expect(q!.searchParams.get('sort')).toBe('-created_at');

    await p.getByRole('link', { name: 'See all activity' }).click();
    await expect(page).toHaveURL(new RegExp(`/customers/${ACME}/activity$`));
    await expect(rows(page)).toHaveCount(20);
  });

  test('a hanging /events does not hold the settings: shown and usable, and asked only after the customer', async ({ page, request }) => {
    await signInAndSettle(page);
    await addFault(request, { method: 'GET', path: '/events', fault: 'hang' });
    const log: Array<{ what: string; at: number }> = [];
    page.on('request', (r) => {
      const u = new URL(r.url());
      if (u.pathname.startsWith('/api/')) log.push({ what: `request ${u.pathname}`, at: Date.now() });
    });
    page.on('response', (r) => {
      const u = new URL(r.url());
      if (u.pathname.startsWith('/api/')) log.push({ what: `response ${u.pathname}`, at: Date.now() });
    });
    await page.goto(`/customers/${ACME}`);
    await expect(page.getByTestId('customer-name')).toHaveText('Acme Widgets Ltd');
    const name = page.getByLabel('Company name');
    await expect(name).toHaveValue('Acme Widgets Ltd');
    await expect(panel(page)).toContainText('Loading recent changes…');
    // Usable meanwhile: edit and save.
    await name.fill('Acme Widgets While Waiting');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Saved 1 change' })).toBeVisible();
    await expect(page.getByTestId('customer-name')).toHaveText('Acme Widgets While Waiting');

    const events = log.findIndex((e) => e.what === 'request /api/events');
    const customer = log.findIndex((e) => e.what === `response /api/customer/${ACME}`);
    const all = log.map((e) => e.what).join(', ');
    expect(events, all).toBeGreaterThan(-1);
    expect(customer, all).toBeGreaterThan(-1);
    expect(customer, all).toBeLessThan(events);
    expect(log[customer].at).toBeLessThanOrEqual(log[events].at);
    await request.delete('/__standin/faults');
  });

  test('a slow users list: events are asked only after the users answered (no shared bandwidth)', async ({ page, request }) => {
    await signInAndSettle(page);
    await setLatency(request, { ms: 1500, method: 'GET', path: `/customer/${ACME}/users` });
    const log: string[] = [];
    page.on('request', (r) => {
      const u = new URL(r.url());
      if (u.pathname.startsWith('/api/')) log.push(`request ${u.pathname}`);
    });
    page.on('response', (r) => {
      const u = new URL(r.url());
      if (u.pathname.startsWith('/api/')) log.push(`response ${u.pathname}`);
    });
    await page.goto(`/customers/${ACME}`);
    await expect(page.getByTestId('customer-name')).toHaveText('Acme Widgets Ltd');
    await expect(panel(page).locator('li[data-event]').first()).toBeVisible();
    const users = log.indexOf(`response /api/customer/${ACME}/users`);
    const events = log.indexOf('request /api/events');
    expect(users, log.join(', ')).toBeGreaterThan(-1);
    expect(events, log.join(', ')).toBeGreaterThan(users);
  });

  test('with high latency on /events the settings are shown first', async ({ page, request }) => {
    await signInAndSettle(page);
    await setLatency(request, { ms: 3000, method: 'GET', path: '/events' });
    await page.goto(`/customers/${ACME}`);
    await expect(page.getByLabel('Company name')).toHaveValue('Acme Widgets Ltd');
    await expect(page.locator('[data-field="force_2fa"]')).toBeVisible();
    await expect(panel(page).locator('[aria-busy="true"]')).toBeVisible();
    await expect(panel(page).locator('li[data-event]')).toHaveCount(5, { timeout: 10_000 });
    await setLatency(request, { ms: 0 });
  });

  test('a 500 on /events: the panel says so with "Try again", and saving still works', async ({ page, request }) => {
    await addFault(request, { method: 'GET', path: '/events', fault: '500', times: 1 });
    await signIn(page, TOKENS.owner);
    const p = panel(page);
    const alert = p.getByRole('alert');
    await expect(alert).toContainText('Could not load recent changes.');
    await expect(alert).toContainText('stand-in fault');
    await expect(page.getByLabel('Company name')).toHaveValue('Acme Widgets Ltd');

    await page.getByLabel('Phone number').fill('+44 161 496 0000');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Saved 1 change' })).toBeVisible();
    // The save asked the panel again (it is refreshed after each save), and that worked.
    await expect(p.locator('li[data-event]').first()).toContainText('Customer settings updated: phone_number');
    await expect(alert).toHaveCount(0);
  });

  test('a 500 on /events: "Try again" in the panel loads it', async ({ page, request }) => {
    await addFault(request, { method: 'GET', path: '/events', fault: '500', times: 1 });
    await signIn(page, TOKENS.owner);
    const alert = panel(page).getByRole('alert');
    await expect(alert).toContainText('Could not load recent changes.');
    await alert.getByRole('button', { name: 'Try again' }).click();
    await expect(panel(page).locator('li[data-event]')).toHaveCount(5);
    await expect(alert).toHaveCount(0);
    await expect(page.getByLabel('Company name')).toHaveValue('Acme Widgets Ltd');
  });

  test('after a save the new event appears in the panel without a reload', async ({ page }) => {
    let loads = 0;
    page.on('load', () => loads++);
    await signIn(page, TOKENS.owner);
    const p = panel(page);
    await expect(p.locator('li[data-event]')).toHaveCount(5);
    const firstBefore = await p.locator('li[data-event]').first().getAttribute('data-event');
    await page.evaluate(() => ((window as any).noReload = true));
    const loadsBefore = loads;

    await page.getByLabel('Company name').fill('Acme Widgets Group');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Saved 1 change' })).toBeVisible();
    const newest = p.locator('li[data-event]').first();
    await expect(newest.locator('.event-description')).toHaveText('Customer settings updated: name');
    await expect(newest.locator('.event-who')).toHaveText('Ada Okafor');
    expect(await newest.getAttribute('data-event')).not.toBe(firstBefore);
    await expect(p.locator('li[data-event]')).toHaveCount(5);
    expect(await page.evaluate(() => (window as any).noReload)).toBe(true);
    expect(loads).toBe(loadsBefore);
  });

  test('a 2FA change shows both events, newest first', async ({ page }) => {
    await signIn(page, TOKENS.superuser);
    const p = panel(page);
    await expect(p.locator('li[data-event]')).toHaveCount(5);
    await page.getByRole('switch', { name: 'Require two-factor authentication' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Require 2FA' }).click();
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Saved 1 change' })).toBeVisible();
    const types = p.locator('li[data-event] .event-type code');
    await expect.poll(async () => (await types.allTextContents()).slice(0, 2).sort()).toEqual(['customer.update', 'two_factor_auth.enable']);
  });
});
