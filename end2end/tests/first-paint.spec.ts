import { test, expect, signIn, TOKENS, ACME, recordedRequests, clearRecordedRequests, setLatency, forgetSignedInUser } from './fixtures';
import type { Page } from '@playwright/test';

// What a slow network shows before the WebAssembly arrives, and what a page costs in requests.
// (Sizes and times are figures for scripts/bench, not assertions here.)

test('before the module arrives the page shows the header frame and a skeleton, not a white page', async ({ page }) => {
  let release: () => void = () => {};
  const held = new Promise<void>((r) => (release = r));
  await page.route('**/*_bg.wasm', async (route) => {
    await held;
    await route.continue();
  });
  await page.goto('/sign-in');
  const skeleton = page.locator('#boot-skeleton');
  await expect(skeleton).toBeVisible();
  await expect(skeleton.locator('.brand')).toHaveText('Account Console');
  await expect(skeleton.getByRole('status')).toHaveText('Loading the console…');
  // The frame's header sits where the app's header will be: no jump when it mounts.
  const frameBox = await skeleton.locator('.app-header').boundingBox();
  release();
  await expect(page.getByLabel('API token')).toBeVisible();
  await expect(skeleton).toHaveCount(0);
  const appBox = await page.locator('header.app-header').boundingBox();
  expect(frameBox?.y).toBe(appBox?.y);
});

test('a deep link to settings shows the customer with at most 3 API requests', async ({ page, request }) => {
  await signIn(page, TOKENS.owner);
  // The settings page signing in lands on asks for its "Recent changes" last: let that end first.
  await expect(page.getByTestId('recent-changes').locator('li[data-event]').first()).toBeVisible();
  await clearRecordedRequests(request);
  await page.goto(`/customers/${ACME}`);
  await expect(page.getByTestId('customer-name')).toHaveText('Acme Widgets Ltd');
  await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
  const log = await recordedRequests(request);
  // "Recent changes" asks for the latest events once the customer is shown: not one of the
  // requests that show the page (activity.spec.ts checks it comes after them).
  const reads = log.filter((r) => r.path !== '/events').map((r) => `${r.method} ${r.path}`);
  expect(reads.length, reads.join(', ')).toBeLessThanOrEqual(3);
  expect(log.filter((r) => r.path === '/events').length, log.map((r) => r.path).join(', ')).toBeLessThanOrEqual(1);
});

/** Holds the WebAssembly back until `release()`, and lists the API paths the page asks for. */
async function holdWasmWatchingApi(page: Page) {
  let release: () => void = () => {};
  const held = new Promise<void>((r) => (release = r));
  await page.route('**/*_bg.wasm', async (route) => {
    await held;
    await route.continue();
  });
  const asked: string[] = [];
  page.on('request', (r) => {
    const path = new URL(r.url()).pathname;
    if (path.startsWith('/api/')) asked.push(path);
  });
  return { release: () => release(), asked };
}

// The demo history is dated from the stand-in's start (the ~6 months before it): a window of
// days around it, so that the filtered page has rows whatever the date of the run.
const day = (daysFromNow: number) => new Date(Date.now() + daysFromNow * 86_400_000).toISOString().slice(0, 10);
for (const [what, search] of [
  ['unfiltered', ''],
  ['filtered', `?type=user.login&from=${day(-120)}&to=${day(1)}&user=acmeOwner0000000000001`],
] as const) {
  // Signed in in this tab: the user is known from signing in, so only the page's own reads.
  test(`a deep link to the activity (${what}) shows it with exactly 2 API requests`, async ({ page, request }) => {
    await signIn(page, TOKENS.owner);
    await expect(page.getByTestId('recent-changes').locator('li[data-event]').first()).toBeVisible();
    await clearRecordedRequests(request);
    await page.goto(`/customers/${ACME}/activity${search}`);
    await expect(page.getByTestId('events').locator('li[data-event]').first()).toBeVisible();
    await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
    const reads = (await recordedRequests(request)).map((r) => `${r.method} ${r.path}`);
    expect(reads.sort(), reads.join(', ')).toEqual([`GET /customer/${ACME}/users`, 'GET /events']);
  });

  test(`a deep link to the activity (${what}) asks both while the module is still downloading, and nothing twice`, async ({ page, request }) => {
    await signIn(page, TOKENS.owner);
    await expect(page.getByTestId('recent-changes').locator('li[data-event]').first()).toBeVisible();
    const { release, asked } = await holdWasmWatchingApi(page);
    await clearRecordedRequests(request);
    await page.goto(`/customers/${ACME}/activity${search}`, { waitUntil: 'domcontentloaded' });
    await expect.poll(() => asked.length).toBe(2);
    expect([...asked].sort()).toEqual([`/api/customer/${ACME}/users`, '/api/events']);
    release();
    await expect(page.getByTestId('events').locator('li[data-event]').first()).toBeVisible();
    await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
    // The app took those answers instead of asking again.
    expect(asked).toHaveLength(2);
    expect((await recordedRequests(request)).length).toBe(2);
  });
}

for (const [pageName, suffix, extra] of [['settings', '', []], ['contacts', '/contacts', ['/contacts']]] as const) {
  test(`a deep link to ${pageName} in a tab that does not know its user asks for what it shows while /current_user is still on its way`, async ({ page, request }) => {
    await signIn(page, TOKENS.owner);
    await forgetSignedInUser(page);
    await setLatency(request, { ms: 1500, method: 'GET', path: '/current_user' });
    const events: string[] = [];
    page.on('request', (r) => {
      const path = new URL(r.url()).pathname;
      if (path.startsWith('/api/')) events.push(`request ${path}`);
    });
    page.on('response', (r) => {
      const path = new URL(r.url()).pathname;
      if (path === '/api/current_user') events.push('response /api/current_user');
    });
    await page.goto(`/customers/${ACME}${suffix}`);
    await expect(page.getByTestId('customer-name')).toHaveText('Acme Widgets Ltd');
    const answered = events.indexOf('response /api/current_user');
    expect(answered, events.join(', ')).toBeGreaterThan(-1);
    const before = events.slice(0, answered);
    expect(before, events.join(', ')).toContain(`request /api/customer/${ACME}`);
    expect(before, events.join(', ')).toContain(`request /api/customer/${ACME}/users`);
    for (const more of extra) expect(before, events.join(', ')).toContain(`request /api/customer/${ACME}${more}`);
  });
}

test('a deep link asks the API while the module is still downloading, and asks nothing twice', async ({ page, request }) => {
  await signIn(page, TOKENS.owner);
  const { release, asked } = await holdWasmWatchingApi(page);
  await clearRecordedRequests(request);
  await page.goto(`/customers/${ACME}/contacts`, { waitUntil: 'domcontentloaded' });
  // The module is held back, yet every read of the page is already on its way.
  await expect.poll(() => asked.length).toBe(3);
  expect(asked.sort()).toEqual([
    `/api/customer/${ACME}`,
    `/api/customer/${ACME}/contacts`,
    `/api/customer/${ACME}/users`,
  ]);
  release();
  await expect(page.getByTestId('customer-name')).toHaveText('Acme Widgets Ltd');
  await expect(page.getByRole('heading', { name: 'Company contacts' })).toBeVisible();
  await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
  // The app took those answers instead of asking again.
  expect(asked).toHaveLength(3);
  const recorded = (await recordedRequests(request)).map((r) => `${r.method} ${r.path}`);
  expect(recorded, recorded.join(", ")).toHaveLength(3);
});

test('web/prefetch.js arriving after the module still runs first: the app asks nothing twice', async ({ page, request }) => {
  await signIn(page, TOKENS.owner);
  await expect(page.getByTestId('customer-name')).toHaveText('Acme Widgets Ltd');
  // The prefetch script is held until the module has been fetched (as when both come from
  // the cache in either order). Were it `async`, the app would start, ask for itself, and the
  // script would then ask every read again.
  let wasmFetched: () => void = () => {};
  const fetched = new Promise<void>((r) => (wasmFetched = r));
  page.on('requestfinished', (r) => { if (r.url().endsWith('_bg.wasm')) wasmFetched(); });
  await page.route('**/prefetch-*.js', async (route) => {
    await fetched;
    await new Promise((r) => setTimeout(r, 200));
    await route.continue();
  });
  await clearRecordedRequests(request);
  await page.goto(`/customers/${ACME}`);
  await expect(page.locator('[data-field="owner_id"]')).toContainText('Ada Okafor');
  await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
  const recorded = (await recordedRequests(request))
    .map((r) => `${r.method} ${r.path}`)
    .filter((r) => !r.startsWith('GET /events'));
  expect(recorded.sort(), recorded.join(', ')).toEqual([
    `GET /customer/${ACME}`,
    `GET /customer/${ACME}/users`,
  ]);
});

test('a reload of a signed-in tab asks no /current_user: the user shows at once, from signing in', async ({ page, request }) => {
  await signIn(page, TOKENS.owner);
  await expect(page.getByTestId('customer-name')).toHaveText('Acme Widgets Ltd');
  await clearRecordedRequests(request);
  await page.reload();
  await expect(page.getByTestId('signed-in-user')).toContainText('Ada Okafor');
  await expect(page.locator('[data-field="owner_id"]')).toContainText('Ada Okafor');
  await expect(page.getByLabel('Company name')).toBeEditable();
  const recorded = (await recordedRequests(request)).map((r) => `${r.method} ${r.path}`);
  expect(recorded, recorded.join(', ')).not.toContain('GET /current_user');
  expect(recorded.filter((r) => !r.startsWith('GET /events')).sort()).toEqual([`GET /customer/${ACME}`, `GET /customer/${ACME}/users`]);
});

test('"/" in a signed-in tab goes to the user\'s customer, each read asked once (prefetched)', async ({ page, request }) => {
  await signIn(page, TOKENS.owner);
  await expect(page.getByTestId('customer-name')).toHaveText('Acme Widgets Ltd');
  const { release, asked } = await holdWasmWatchingApi(page);
  await clearRecordedRequests(request);
  await page.goto('/', { waitUntil: 'domcontentloaded' });
  // Asked by web/prefetch.js while the module is held back: the customer the tab signed in.
  await expect.poll(() => [...asked].sort()).toEqual([`/api/customer/${ACME}`, `/api/customer/${ACME}/users`]);
  release();
  await expect(page).toHaveURL(new RegExp(`/customers/${ACME}$`));
  await expect(page.locator('[data-field="owner_id"]')).toContainText('Ada Okafor');
  await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
  const recorded = (await recordedRequests(request)).map((r) => `${r.method} ${r.path}`).filter((r) => !r.startsWith('GET /events'));
  expect(recorded.sort(), recorded.join(', ')).toEqual([`GET /customer/${ACME}`, `GET /customer/${ACME}/users`]);
});

test('a token that stopped working still ends the session, though the tab knows its user', async ({ page }) => {
  await signIn(page, TOKENS.owner);
  await expect(page.getByTestId('customer-name')).toHaveText('Acme Widgets Ltd');
  // The token changes under the tab (revoked, say); the note of the user stays.
  await page.evaluate(() => sessionStorage.setItem('account-console.token', 'revoked-token'));
  await page.goto(`/customers/${ACME}/contacts`);
  await expect(page).toHaveURL(/\/sign-in/);
  await expect(page.getByText(/Your session ended/)).toBeVisible();
  expect(await page.evaluate(() => sessionStorage.getItem('account-console.user'))).toBeNull();
  expect(await page.evaluate(() => sessionStorage.getItem('account-console.token'))).toBeNull();
});
