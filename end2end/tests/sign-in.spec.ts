import { test, expect, signIn, TOKENS, ACME } from './fixtures';

// Through the kit (end2end/kit): ConsoleApp.signIn and expectUserShown.
test('signing in shows the user, their role and their customer', async ({ page, consoleApp }) => {
  await page.goto('/');
  await expect(page).toHaveURL(/\/sign-in$/);
  const user = await consoleApp.signIn(TOKENS.owner);
  expect(user.name).toBe('Ada Okafor');
  await expect(page).toHaveURL(new RegExp(`/customers/${ACME}$`));
  await consoleApp.expectUserShown({ name: 'Ada Okafor', role: 'Superuser' });
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Acme Widgets Ltd');
  await expect(page.getByTestId('customer-id').first()).toHaveText(ACME);
  await expect(page).toHaveTitle(/Acme Widgets Ltd/);
});

test('the token lives in sessionStorage only and never in the URL', async ({ page }) => {
  await signIn(page, TOKENS.engineer);
  expect(page.url()).not.toContain(TOKENS.engineer);
  const stored = await page.evaluate(() => ({ session: JSON.stringify(sessionStorage), local: JSON.stringify(localStorage), cookie: document.cookie }));
  expect(stored.session).toContain(TOKENS.engineer);
  expect(stored.local).not.toContain(TOKENS.engineer);
  expect(stored.cookie).not.toContain(TOKENS.engineer);
});

test('every API request carries Fastly-Key and Accept: application/json; the Events API is asked for JSON:API first', async ({ page }) => {
  const seen: Array<{ url: URL; headers: Record<string, string> }> = [];
  page.on('request', (r) => { if (r.url().includes('/api/')) seen.push({ url: new URL(r.url()), headers: r.headers() }); });
  const isEvents = (u: URL) => u.pathname === '/api/events';
  await signIn(page, TOKENS.owner);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Acme Widgets Ltd');
  // "Recent changes" asks the Events API from the app…
  await expect(page.getByTestId('recent-changes').locator('li[data-event]').first()).toBeVisible();
  // …and a deep link to the activity page has web/prefetch.js ask it before the app runs.
  await page.goto(`/customers/${ACME}/activity?type=user.login`);
  await expect(page.getByTestId('events').locator('li[data-event]').first()).toBeVisible();
  const events = seen.filter((r) => isEvents(r.url));
  expect(events.map((r) => r.url.searchParams.get('page[size]'))).toEqual(['50', '20']);
  expect(seen.length).toBeGreaterThan(events.length);
  for (const { url, headers } of seen) {
    expect(headers['fastly-key'], url.pathname).toBe(TOKENS.owner);
    // The UI contract's application/json stays named on every request; /events names
    // JSON:API's media type first, as Fastly documents for that endpoint.
    expect(headers['accept'], url.pathname).toBe(isEvents(url) ? 'application/vnd.api+json, application/json' : 'application/json');
  }
});

// Through the kit: ConsoleApp.trySignIn returns the refusal's alert.
test('a rejected token stays on sign-in with an alert', async ({ page, consoleApp }) => {
  await page.goto('/sign-in');
  const result = await consoleApp.trySignIn('not-a-real-token');
  expect(result.ok).toBe(false);
  const message = result.ok ? '' : result.message;
  expect(message).toContain('rejected');
  expect(message).toContain('Provided credentials are missing or invalid');
  await expect(page).toHaveURL(/\/sign-in/);
  await expect(page.getByRole('banner').getByRole('button', { name: 'Sign out' })).toHaveCount(0);
  await expect(page.getByTestId('signed-in-user')).toHaveCount(0);
});

test('an empty token is refused without calling the API', async ({ page }) => {
  let calls = 0;
  page.on('request', (r) => { if (r.url().includes('/api/')) calls++; });
  await page.goto('/sign-in');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toContainText('Enter an API token');
  expect(calls).toBe(0);
});

test('a deep link survives signing in', async ({ page }) => {
  await page.goto(`/customers/${ACME}`);
  await expect(page).toHaveURL(/\/sign-in\?next=/);
  await signIn(page, TOKENS.engineer);
  await expect(page).toHaveURL(new RegExp(`/customers/${ACME}$`));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Acme Widgets Ltd');
});

test('a 401 mid-session returns to sign-in, then back to the page', async ({ page, request }) => {
  await signIn(page, TOKENS.nomfa);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Acme Widgets Ltd');
  // A superuser enables company-wide 2FA: the stand-in logs out users without 2FA, as Fastly does.
  const r = await request.put(`/api/customer/${ACME}`, {
    headers: { 'Fastly-Key': TOKENS.superuser, 'Content-Type': 'application/x-www-form-urlencoded' },
    data: 'force_2fa=true',
  });
  expect(r.status()).toBe(200);
  await page.reload();
  await expect(page).toHaveURL(/\/sign-in\?next=/);
  await expect(page.getByRole('status')).toContainText('session ended');
  await signIn(page, TOKENS.owner);
  await expect(page).toHaveURL(new RegExp(`/customers/${ACME}$`));
});

// Through the kit: ConsoleApp.signOut.
test('sign out forgets the token', async ({ page, consoleApp }) => {
  await consoleApp.signIn(TOKENS.owner);
  await consoleApp.signOut();
  await expect(page).toHaveURL(/\/sign-in/);
  expect(await page.evaluate(() => JSON.stringify(sessionStorage))).not.toContain(TOKENS.owner);
  await page.goto(`/customers/${ACME}`);
  await expect(page).toHaveURL(/\/sign-in\?next=/);
});

test('unknown routes show a not-found page with a way home', async ({ page }) => {
  await page.goto('/no/such/page');
  await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Go to your account' })).toBeVisible();
});
