import type { Page, APIRequestContext } from '@playwright/test';
import { test, expect, signIn, TOKENS, ACME, addFault, setLatency, recordedRequests, clearRecordedRequests, forgetSignedInUser } from './fixtures';

// Hardening: no way out of the app, no request without an end, no edit lost or
// applied blind. Each test here failed before the fix it names.

const ORIGIN_RE = /^http:\/\/127\.0\.0\.1:\d+\//;
const field = (page: Page, name: string) => page.locator(`[data-field="${name}"]`);
const saveButton = (page: Page) => page.getByRole('button', { name: 'Save changes' });
const contactRow = (page: Page, role: string) => page.locator(`[data-contact="${role}"]`);
const UNAUTHORIZED = { status: 401, contentType: 'application/json', body: '{"msg":"Provided credentials are missing or invalid"}' };

/** Serves the app with short request deadlines (index.html's `api-deadlines` meta), so
 *  a request that never answers is given up on in seconds, not 15 or 30. */
async function shortDeadlines(page: Page, readMs = 1500, writeMs = 2500) {
  await page.route('**/*', async (route) => {
    if (route.request().resourceType() !== 'document') return route.fallback();
    const response = await route.fetch();
    const html = (await response.text()).replace(/<meta name="api-deadlines"[^>]*>/, `<meta name="api-deadlines" content="read=${readMs}, write=${writeMs}">`);
    expect(html).toContain(`read=${readMs}`);
    await route.fulfill({ response, body: html });
  });
}

async function openSettings(page: Page, token = TOKENS.superuser) {
  await signIn(page, token);
  await expect(page).toHaveURL(new RegExp(`/customers/${ACME}$`));
  await expect(page.getByLabel('Company name')).toBeVisible();
  // "Recent changes" asks for events once the settings are shown: let that answer come
  // before a test clears and reads the stand-in's request log.
  await expect(page.getByTestId('recent-changes').locator('li[data-event]').first()).toBeVisible();
}

async function openContacts(page: Page, token = TOKENS.owner) {
  await signIn(page, token);
  await page.goto(`/customers/${ACME}/contacts`);
  await expect(page.getByRole('heading', { name: 'Contact roles', exact: true })).toBeVisible();
  await expect(page.getByTestId('users-count')).toContainText(/Showing/);
}

/** Signs in and waits until the first page has made all its requests, so a fault added
 *  next meets the request the test makes, not one still under way. */
async function signInAndSettle(page: Page, token = TOKENS.owner) {
  await signIn(page, token);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Acme Widgets Ltd');
  await page.waitForLoadState('networkidle');
}

async function customerFromApi(request: APIRequestContext) {
  const r = await request.get(`/api/customer/${ACME}`, { headers: { 'Fastly-Key': TOKENS.owner } });
  expect(r.ok()).toBeTruthy();
  return r.json();
}

async function putAsOtherUser(request: APIRequestContext, form: Record<string, string>) {
  const r = await request.put(`/api/customer/${ACME}`, {
    headers: { 'Fastly-Key': TOKENS.owner, 'Content-Type': 'application/x-www-form-urlencoded' },
    data: new URLSearchParams(form).toString(),
  });
  expect(r.status()).toBe(200);
}

async function storedKeys(page: Page): Promise<string[]> {
  return page.evaluate(() => Object.keys(sessionStorage).filter((k) => k.startsWith('account-console.')));
}

async function pick(page: Page, label: string, query: string, name: string) {
  const box = page.getByRole('combobox', { name: label, exact: true });
  await box.click();
  await box.fill(query);
  await page.getByRole('listbox', { name: `${label}: users` }).getByRole('option').filter({ hasText: name }).first().click();
  await expect(box).toHaveAttribute('aria-expanded', 'false');
}

test.describe('1. return links stay on our origin', () => {
  const attacks = [
    '%2F%09%2Fevil.example', // "/<TAB>/evil.example": the URL parser drops the tab
    '%2F%0A%2Fevil.example', // newline
    '%2F%0D%0A%2Fevil.example',
    '%09%2F%2Fevil.example',
    '%2F%2Fevil.example', // protocol-relative
    '%2F%5Cevil.example', // "/\evil.example": backslash reads as a slash
    '%5C%5Cevil.example',
    'https%3A%2F%2Fevil.example%2Fcustomers',
    'javascript%3Aalert(document.domain)',
    '%20javascript%3Aalert(1)',
    'http%3Aevil.example',
    '%252F%252Fevil.example', // double-encoded: a harmless path or home, never elsewhere
    // Paths that become "//evil.example" only once normalised (dot segments, encoded dots).
    '%2F.%2F%2Fevil.example', // "/.//evil.example"
    '%2F%252e%2F%2Fevil.example', // "/%2e//evil.example"
    '%2Fa%2F..%2F%2Fevil.example', // "/a/..//evil.example"
    '%2F.%09%2F%2Fevil.example', // "/.<TAB>//evil.example"
  ];
  for (const next of attacks) {
    test(`next=${next} stays in the app`, async ({ page }) => {
      let dialogs = 0;
      page.on('dialog', async (d) => { dialogs++; await d.dismiss(); });
      await page.goto(`/sign-in?next=${next}`);
      await signIn(page, TOKENS.owner);
      await page.waitForLoadState('networkidle');
      expect(page.url()).toMatch(ORIGIN_RE);
      expect(page.url()).not.toContain('evil.example/');
      await expect(page.getByTestId('signed-in-user')).toBeVisible();
      expect(dialogs).toBe(0);
    });
  }

  test('a local return path with a query still comes back', async ({ page }) => {
    await page.goto(`/sign-in?next=${encodeURIComponent(`/customers/${ACME}/contacts?x=1`)}`);
    await signIn(page, TOKENS.owner);
    await expect(page).toHaveURL(new RegExp(`/customers/${ACME}/contacts\\?x=1$`));
  });
});

test.describe('3. nothing of a user survives sign-out or a 401', () => {
  test('sign out forgets drafts and recent customers, in storage and in memory', async ({ page }) => {
    await openSettings(page, TOKENS.superuser);
    await page.getByLabel('Company name').fill('Draft Of Ravi');
    await expect.poll(() => storedKeys(page)).toContain(`account-console.draft.${ACME}`);
    await expect(page.getByTestId('recent-customers')).toHaveCount(1);
    page.on('dialog', (d) => d.accept());
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page).toHaveURL(/\/sign-in/);
    expect(await storedKeys(page)).toEqual([]);
    // The next person in this tab sees none of it.
    await signIn(page, TOKENS.owner);
    await expect(page.getByLabel('Company name')).toHaveValue('Acme Widgets Ltd');
    await expect(page.getByText(/Restored \d+ unsaved change/)).toHaveCount(0);
    await expect(page.locator('details.recent')).toHaveCount(1); // only the customer just opened
    await page.locator('details.recent summary').click();
    await expect(page.getByTestId('recent-customers').locator('li')).toHaveCount(1);
  });

  test('after a 401 another person signing in sees nothing of the first', async ({ page }) => {
    await openSettings(page, TOKENS.superuser);
    await page.getByLabel('Company name').fill('Draft Of Ravi');
    await expect.poll(() => storedKeys(page)).toContain(`account-console.draft.${ACME}`);
    await page.route(`**/api/customer/${ACME}`, (r) => r.fulfill(UNAUTHORIZED), { times: 1 });
    page.on('dialog', (d) => d.accept());
    await page.reload();
    await expect(page).toHaveURL(/\/sign-in\?next=/);
    await signIn(page, TOKENS.owner);
    await expect(page.getByLabel('Company name')).toHaveValue('Acme Widgets Ltd');
    await expect(page.getByText(/Restored \d+ unsaved change/)).toHaveCount(0);
    expect(await storedKeys(page)).not.toContain(`account-console.draft.${ACME}`);
  });
});

test.describe('4. every request has a deadline', () => {
  test('sign-in: a /current_user that never answers gives an alert with a working Try again', async ({ page, request }) => {
    await shortDeadlines(page);
    await addFault(request, { method: 'GET', path: '/current_user', fault: 'hang', times: 1 });
    await page.goto('/sign-in');
    await page.getByLabel('API token').fill(TOKENS.owner);
    await page.getByRole('button', { name: 'Sign in' }).click();
    const alert = page.getByRole('alert');
    await expect(alert).toContainText('did not answer within 2 seconds');
    await alert.getByRole('button', { name: 'Try again' }).click();
    await expect(page.getByTestId('signed-in-user')).toContainText('Ada Okafor');
  });

  test('a reload whose /current_user never answers offers Try again (a tab that does not know its user)', async ({ page, request }) => {
    await shortDeadlines(page);
    await signInAndSettle(page);
    await forgetSignedInUser(page);
    await addFault(request, { method: 'GET', path: '/current_user', fault: 'hang', times: 1 });
    await page.reload();
    const error = page.getByTestId('load-error');
    await expect(error).toContainText('did not answer');
    await error.getByRole('button', { name: 'Try again' }).click();
    await expect(page.getByLabel('Company name')).toHaveValue('Acme Widgets Ltd');
  });

  test('settings: a customer that never answers gives an alert with a working Try again', async ({ page, request }) => {
    await shortDeadlines(page);
    await signInAndSettle(page);
    await addFault(request, { method: 'GET', path: `/customer/${ACME}`, fault: 'hang', times: 1 });
    await page.reload();
    const error = page.getByRole('alert').filter({ hasText: 'Could not load this customer' });
    await expect(error).toContainText('did not answer within 2 seconds');
    await error.getByRole('button', { name: 'Try again' }).click();
    await expect(page.getByLabel('Company name')).toHaveValue('Acme Widgets Ltd');
  });

  test('contacts: users and company contacts that never answer each get Try again', async ({ page, request }) => {
    await shortDeadlines(page);
    await signInAndSettle(page);
    await addFault(request, { method: 'GET', path: `/customer/${ACME}/users`, fault: 'hang', times: 1 });
    await addFault(request, { method: 'GET', path: `/customer/${ACME}/contacts`, fault: 'hang', times: 1 });
    await page.goto(`/customers/${ACME}/contacts`);
    const users = page.getByRole('alert').filter({ hasText: 'Could not load the users' });
    const contacts = page.getByRole('alert').filter({ hasText: 'Could not load company contacts' });
    await expect(users).toContainText('did not answer');
    await expect(contacts).toContainText('did not answer');
    await users.getByRole('button', { name: 'Try again' }).click();
    await expect(page.getByTestId('users-count')).toContainText('Showing');
    await expect(users).toHaveCount(0);
    await contacts.getByRole('button', { name: 'Try again' }).click();
    await expect(page.locator('[data-company-contact]')).toHaveCount(5);
  });

  test('settings save that never answers (not applied): outcome unknown, edits kept, re-read says not saved', async ({ page, request }) => {
    await shortDeadlines(page);
    await openSettings(page);
    await page.getByLabel('Company name').fill('Acme Hang Ltd');
    await addFault(request, { method: 'PUT', path: `/customer/${ACME}`, fault: 'hang', times: 1 });
    await clearRecordedRequests(request);
    await saveButton(page).click();
    const alert = page.getByRole('alert').filter({ hasText: /Not saved|don't know/ });
    await expect(alert).toContainText('Not saved — The API did not answer within 3 seconds.');
    await expect(alert).toContainText('Reading the customer again shows it unchanged');
    await expect(page.getByLabel('Company name')).toHaveValue('Acme Hang Ltd');
    // It read the customer again after the PUT to find out.
    const log = (await recordedRequests(request)).map((r) => `${r.method} ${r.path}`);
    expect(log).toEqual([`GET /customer/${ACME}`, `PUT /customer/${ACME}`, `GET /customer/${ACME}`]);
    await saveButton(page).click();
    await expect(page.getByRole('status')).toContainText('Saved 1 change.');
    expect((await customerFromApi(request)).name).toBe('Acme Hang Ltd');
  });

  test('settings save applied but never answered: the re-read confirms it was saved', async ({ page, request }) => {
    await shortDeadlines(page);
    await openSettings(page);
    await page.getByLabel('Company name').fill('Acme Applied Ltd');
    await addFault(request, { method: 'PUT', path: `/customer/${ACME}`, fault: 'hang-after', times: 1 });
    // Slow re-reads, so the "unknown" words can be seen before the answer.
    await setLatency(request, { ms: 1200, method: 'GET', path: `/customer/${ACME}` });
    await saveButton(page).click();
    await expect(page.getByRole('alert')).toContainText("We don't know whether your changes were saved");
    await expect(page.getByRole('alert')).toContainText('may have been applied');
    await expect(page.getByRole('alert')).not.toContainText('Not saved');
    await expect(saveButton(page)).toBeDisabled();
    await expect(page.getByRole('status')).toContainText('Your changes were saved: reading the customer again shows them.');
    await expect(page.getByLabel('Company name')).toHaveValue('Acme Applied Ltd');
    await expect(saveButton(page)).toBeDisabled(); // nothing left to save
    expect((await customerFromApi(request)).name).toBe('Acme Applied Ltd');
  });

  test('contacts save that never answers: outcome unknown, choices kept, then found out', async ({ page, request }) => {
    await shortDeadlines(page);
    await openContacts(page);
    await pick(page, 'Legal contact', 'hannah', 'Hannah Kim');
    await addFault(request, { method: 'PUT', path: `/customer/${ACME}`, fault: 'hang-after', times: 1 });
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect(page.getByRole('status')).toContainText('Your changes were saved: reading the customer again shows them.');
    await expect(contactRow(page, 'legal_contact_id').locator('.contact-current')).toContainText('Hannah Kim');
    expect((await customerFromApi(request)).legal_contact_id).toBe('acmeBilling00000000013');
  });

  test('adding a contact that never answers says the outcome is unknown and keeps the entries', async ({ page, request }) => {
    await shortDeadlines(page);
    await openContacts(page);
    await page.getByLabel('Contact type').selectOption('billing');
    await page.getByRole('radio', { name: 'Someone else (name and email)' }).check();
    await page.getByLabel('Name', { exact: true }).fill('Pat Lee');
    await page.getByLabel('Email', { exact: true }).fill('pat.lee@example.com');
    await addFault(request, { method: 'POST', path: `/customer/${ACME}/contacts`, fault: 'hang', times: 1 });
    await page.getByRole('button', { name: 'Add contact' }).click();
    // Unknown at first; then the list, read again, shows no such contact (the stand-in's
    // hang fault does not apply the write): "Not added", entries kept.
    await expect(page.getByRole('alert').filter({ hasText: 'Not added' })).toContainText('reading the list again shows no such contact');
    await expect(page.getByLabel('Name', { exact: true })).toHaveValue('Pat Lee');
    await expect(page.locator('[data-company-contact]')).toHaveCount(5);
  });
});

test.describe('5. outcome words match what is known', () => {
  test('an unreadable 2xx answer to a save says it may have gone through, then finds out', async ({ page, request }) => {
    await openSettings(page);
    await page.getByLabel('Company name').fill('Acme Malformed Ltd');
    await addFault(request, { method: 'PUT', path: `/customer/${ACME}`, fault: 'malformed', times: 1 });
    await setLatency(request, { ms: 1200, method: 'GET', path: `/customer/${ACME}` });
    await saveButton(page).click();
    const alert = page.getByRole('alert');
    await expect(alert).toContainText('may have been applied');
    await expect(alert).toContainText('The API sent an answer this console cannot read.');
    await expect(alert).not.toContainText('Not saved');
    // The stand-in's malformed fault does not apply the write: the re-read says so.
    await expect(alert).toContainText('Reading the customer again shows it unchanged');
    await expect(page.getByLabel('Company name')).toHaveValue('Acme Malformed Ltd');
  });

  test('an API refusal says "Not saved" at once, without a re-read', async ({ page, request }) => {
    await openSettings(page);
    await page.getByLabel('Company name').fill('Acme Refused Ltd');
    // A JSON 4xx: the API said no, so nothing was applied.
    await addFault(request, { method: 'PUT', path: `/customer/${ACME}`, fault: '429', times: 1 });
    await clearRecordedRequests(request);
    await saveButton(page).click();
    await expect(page.getByRole('alert')).toContainText('Not saved — your edits are kept.');
    await expect(page.getByRole('alert')).not.toContainText('may have been applied');
    const log = (await recordedRequests(request)).map((r) => r.method);
    expect(log).toEqual(['GET', 'PUT']);
  });

  test('a 500 leaves the outcome unknown: it may have gone through, so the customer is read again', async ({ page, request }) => {
    await openSettings(page);
    await page.getByLabel('Company name').fill('Acme Failed Ltd');
    await addFault(request, { method: 'PUT', path: `/customer/${ACME}`, fault: '500', times: 1 });
    await clearRecordedRequests(request);
    await saveButton(page).click();
    const alert = page.getByRole('alert');
    await expect(alert).toContainText('stand-in fault');
    // The stand-in's 500 fault applies nothing: the re-read says so.
    await expect(alert).toContainText('Reading the customer again shows it unchanged');
    const log = (await recordedRequests(request)).map((r) => r.method);
    expect(log).toEqual(['GET', 'PUT', 'GET']);
    await expect(page.getByLabel('Company name')).toHaveValue('Acme Failed Ltd');
  });

  test('a save answered by a gateway\'s 504 page: said in words, no HTML in any alert', async ({ page, request }) => {
    await openSettings(page);
    await page.getByLabel('Company name').fill('Acme Gateway Ltd');
    let answered = false;
    await page.route(`**/api/customer/${ACME}`, (route) => {
      if (route.request().method() !== 'PUT' || answered) return route.fallback();
      answered = true;
      return route.fulfill({ status: 504, contentType: 'text/html', body: '<html><body>504 Gateway Time-out</body></html>' });
    });
    await saveButton(page).click();
    const alerts = page.getByRole('alert');
    await expect(alerts.first()).toContainText('The gateway timed out (HTTP 504).');
    // A gateway may have passed the write on: not "Not saved" until the re-read says so.
    await expect(alerts.first()).toContainText('Reading the customer again shows it unchanged');
    for (const text of await alerts.allInnerTexts()) {
      expect(text).not.toContain('<');
      expect(text).not.toContain('Gateway Time-out');
    }
    await expect(page.getByLabel('Company name')).toHaveValue('Acme Gateway Ltd');
    expect((await customerFromApi(request)).name).toBe('Acme Widgets Ltd');
  });
});

test.describe('6. a restored draft meets a newer copy', () => {
  test('someone else changed another attribute: each restored edit is kept or dropped before saving', async ({ page, request }) => {
    await openSettings(page);
    await page.getByLabel('Company name').fill('Acme From My Draft');
    await page.getByLabel('Phone number').fill('+44 20 7946 1234');
    await expect.poll(() => page.evaluate((k) => sessionStorage.getItem(k) ?? '', `account-console.draft.${ACME}`)).toContain('+44 20 7946 1234');
    await putAsOtherUser(request, { postal_address: 'Changed elsewhere' });
    page.on('dialog', (d) => d.accept());
    await page.reload();

    const review = page.getByTestId('draft-review');
    await expect(review).toBeVisible();
    await expect(review.locator('[data-review="name"]')).toContainText('Acme Widgets Ltd'); // now on the server
    await expect(review.locator('[data-review="name"]')).toContainText('Acme From My Draft'); // my edit
    await expect(review.locator('[data-review="phone_number"]')).toContainText('+44 20 7946 1234');
    await expect(page.getByLabel('Postal address')).toHaveValue('Changed elsewhere');
    await expect(saveButton(page)).toBeDisabled();

    await review.getByRole('button', { name: 'Keep my edit of Company name' }).click();
    await expect(saveButton(page)).toBeDisabled(); // one left to decide
    await review.getByRole('button', { name: "Use the server's Phone number" }).click();
    await expect(review).toHaveCount(0);
    await expect(page.getByLabel('Phone number')).toHaveValue((await customerFromApi(request)).phone_number);
    await clearRecordedRequests(request);
    await saveButton(page).click();
    await expect(page.getByRole('status')).toContainText('Saved 1 change.');
    const puts = (await recordedRequests(request)).filter((r) => r.method === 'PUT');
    expect(Object.fromEntries(new URLSearchParams(puts[0].body))).toEqual({ name: 'Acme From My Draft' });
    expect((await customerFromApi(request)).postal_address).toBe('Changed elsewhere');
  });

  test('someone else changed the very attribute: it is marked, and dropping it takes theirs', async ({ page, request }) => {
    await openSettings(page);
    await page.getByLabel('Company name').fill('Acme From My Draft');
    await expect.poll(() => storedKeys(page)).toContain(`account-console.draft.${ACME}`);
    await putAsOtherUser(request, { name: 'Acme Renamed Elsewhere' });
    page.on('dialog', (d) => d.accept());
    await page.reload();
    const row = page.getByTestId('draft-review').locator('[data-review="name"]');
    await expect(row).toContainText('Changed on the server');
    await expect(row).toContainText('Acme Widgets Ltd'); // when I edited
    await expect(row).toContainText('Acme Renamed Elsewhere'); // now
    await row.getByRole('button', { name: "Use the server's Company name" }).click();
    await expect(page.getByLabel('Company name')).toHaveValue('Acme Renamed Elsewhere');
    await expect(saveButton(page)).toBeDisabled();
  });

  test('a reload before deciding asks again (the older base is kept)', async ({ page, request }) => {
    await openSettings(page);
    await page.getByLabel('Company name').fill('Acme From My Draft');
    await expect.poll(() => storedKeys(page)).toContain(`account-console.draft.${ACME}`);
    await putAsOtherUser(request, { postal_address: 'Changed elsewhere' });
    page.on('dialog', (d) => d.accept());
    await page.reload();
    await expect(page.getByTestId('draft-review')).toBeVisible();
    await page.reload();
    await expect(page.getByTestId('draft-review')).toBeVisible();
  });
});

test.describe('8. contacts page edits are guarded and survive a 401', () => {
  test('Sign out and Open customer ask first; saying no keeps the pending choice', async ({ page }) => {
    await openContacts(page);
    await pick(page, 'Legal contact', 'hannah', 'Hannah Kim');
    await expect(page.getByTestId('pending-changes')).toContainText('Legal contact');
    const asked: string[] = [];
    page.on('dialog', async (d) => { asked.push(d.message()); await d.dismiss(); });
    await page.getByRole('button', { name: 'Sign out' }).click();
    expect(asked[0]).toContain('unsaved changes');
    await expect(page).toHaveURL(new RegExp(`/customers/${ACME}/contacts$`));
    await page.getByLabel('Open customer').fill('3GxTq8LmZp2RkW7vNc5bYh');
    await page.getByRole('button', { name: 'Open', exact: true }).click();
    expect(asked).toHaveLength(2);
    await expect(page).toHaveURL(new RegExp(`/customers/${ACME}/contacts$`));
    await expect(page.getByTestId('pending-changes')).toContainText('Hannah Kim');
  });

  test('typing in the add-contact form is guarded too', async ({ page }) => {
    await openContacts(page);
    await page.getByRole('radio', { name: 'Someone else (name and email)' }).check();
    await page.getByLabel('Name', { exact: true }).fill('Pat Lee');
    let asked = 0;
    page.on('dialog', async (d) => { asked++; await d.dismiss(); });
    await page.getByRole('button', { name: 'Sign out' }).click();
    expect(asked).toBe(1);
    await expect(page.getByLabel('Name', { exact: true })).toHaveValue('Pat Lee');
  });

  test('a 401 and signing in again as the same person keeps pending choices and typed entries', async ({ page }) => {
    await openContacts(page);
    await pick(page, 'Legal contact', 'hannah', 'Hannah Kim');
    await page.getByRole('radio', { name: 'Someone else (name and email)' }).check();
    await page.getByLabel('Name', { exact: true }).fill('Pat Lee');
    await page.getByLabel('Email', { exact: true }).fill('pat.lee@example.com');
    await expect.poll(() => storedKeys(page)).toContain(`account-console.contacts-draft.${ACME}`);
    // The token stops working (revoked elsewhere) when saving reads the customer again.
    await page.route(`**/api/customer/${ACME}`, (r) => r.fulfill(UNAUTHORIZED), { times: 1 });
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect(page).toHaveURL(/\/sign-in\?next=/);
    await signIn(page, TOKENS.owner);
    await expect(page).toHaveURL(new RegExp(`/customers/${ACME}/contacts$`));
    await expect(page.getByTestId('pending-changes')).toContainText('Hannah Kim');
    await expect(page.getByLabel('Name', { exact: true })).toHaveValue('Pat Lee');
    await expect(page.getByLabel('Email', { exact: true })).toHaveValue('pat.lee@example.com');
  });
});

test.describe('9. a panic never leaves a dead page', () => {
  test('a panic shows a banner with Reload, and the draft comes back', async ({ page }) => {
    await openSettings(page);
    await page.getByLabel('Company name').fill('Acme Before The Crash');
    await expect.poll(() => storedKeys(page)).toContain(`account-console.draft.${ACME}`);
    const crashed = await page.evaluate(() => {
      try { (window as any).wasmBindings.consoleCrashForTests(); return false; } catch { return true; }
    });
    expect(crashed).toBe(true);
    const banner = page.locator('#crash-banner');
    await expect(banner).toHaveAttribute('role', 'alert');
    await expect(banner).toContainText('Something went wrong');
    expect(await storedKeys(page)).toContain(`account-console.draft.${ACME}`);
    page.on('dialog', (d) => d.accept());
    await banner.getByRole('link', { name: 'Reload' }).click();
    await expect(page.getByLabel('Company name')).toHaveValue('Acme Before The Crash');
    await expect(page.locator('#crash-banner')).toHaveCount(0);
  });
});

test.describe('10–13. the UI contract and Fastly, to the letter', () => {
  test('10. deleted_at is shown while null, as "Not set"', async ({ page }) => {
    await signIn(page, TOKENS.engineer);
    await expect(field(page, 'name')).toContainText('Acme Widgets Ltd');
    await expect(field(page, 'deleted_at')).toContainText('Deleted');
    await expect(field(page, 'deleted_at')).toContainText('Not set');
  });

  test('11. an editable open allowlist has an empty entry input ready to type into', async ({ page, request }) => {
    await openSettings(page);
    const allowlist = field(page, 'ip_whitelist');
    await expect(allowlist).toContainText('No allowlist — any address may sign in');
    const first = page.getByLabel('Login IP allowlist, entry 1');
    await expect(first).toHaveValue('');
    await first.fill('203.0.113.7');
    await saveButton(page).click();
    await expect(page.getByRole('status')).toContainText('Saved 1 change.');
    expect((await customerFromApi(request)).ip_whitelist).toBe('203.0.113.7');
  });

  test('12. a failed load (500) of settings, contacts and sign-in gets a working Try again', async ({ page, request }) => {
    await page.goto('/sign-in');
    await addFault(request, { method: 'GET', path: '/current_user', fault: '500', times: 1 });
    await page.getByLabel('API token').fill(TOKENS.owner);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').getByRole('button', { name: 'Try again' }).click();
    await expect(page.getByLabel('Company name')).toHaveValue('Acme Widgets Ltd');

    await addFault(request, { method: 'GET', path: `/customer/${ACME}`, fault: '500', times: 1 });
    await page.reload();
    await expect(page.getByTestId('load-error')).toContainText('stand-in fault');
    await page.getByTestId('load-error').getByRole('button', { name: 'Try again' }).click();
    await expect(page.getByLabel('Company name')).toHaveValue('Acme Widgets Ltd');

    await addFault(request, { method: 'GET', path: `/customer/${ACME}`, fault: '500', times: 1 });
    await page.goto(`/customers/${ACME}/contacts`);
    await page.getByTestId('load-error').getByRole('button', { name: 'Try again' }).click();
    await expect(contactRow(page, 'owner_id')).toContainText('Ada Okafor');
  });

  test('13. an allowlist wildcard in a middle octet (192.168.*.1) is accepted and saved', async ({ page, request }) => {
    await openSettings(page);
    const first = page.getByLabel('Login IP allowlist, entry 1');
    await first.fill('192.168.*.1');
    await expect(field(page, 'ip_whitelist').getByRole('alert')).toHaveCount(0);
    await first.fill('*.168.0.1');
    await expect(field(page, 'ip_whitelist').getByRole('alert')).toContainText('*.168.0.1');
    await first.fill('192.168.*.1');
    await saveButton(page).click();
    await expect(page.getByRole('status')).toContainText('Saved 1 change.');
    expect((await customerFromApi(request)).ip_whitelist).toBe('192.168.*.1');
  });
});
