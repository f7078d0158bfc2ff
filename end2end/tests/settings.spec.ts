import type { Locator, Page, Request } from '@playwright/test';
import { test, expect, signIn, TOKENS, ACME, INITECH, addFault, setLatency, recordedRequests, clearRecordedRequests } from './fixtures';
import { ATTRIBUTE_LABELS, type ConsoleApp, type SettingsPage } from '../kit/src/index.js';

// The customer settings page (issue item 10), against the stand-in.

/** Every Customer attribute and its human label (src/domain/attributes.rs), as the kit knows
 *  them: the tests below check the page shows each one, so they also keep the kit's table true. */
const LABELS: Readonly<Record<string, string>> = ATTRIBUTE_LABELS;

const READ_ONLY = [
  'can_configure_wordpress', 'can_reset_passwords', 'can_upload_vcl', 'has_improved_ssl_config',
  'has_pci_passwords', 'id', 'created_at', 'updated_at',
];

/** What the contract counts as a form control. */
const CONTROLS = 'input, textarea, select, [role=switch], [role=checkbox], [role=combobox]';

const field = (page: Page, name: string) => page.locator(`[data-field="${name}"]`);
/** Buttons that could edit something: all but "Copy …" buttons (copying an id edits nothing). */
const editButtons = (scope: Locator) => scope.getByRole('button', { name: /^(?!Copy\b)/ });
const saveButton = (page: Page) => page.getByRole('button', { name: 'Save changes' });
const discardButton = (page: Page) => page.getByRole('button', { name: 'Discard changes' });
const status = (page: Page) => page.getByRole('status');
const saveFailure = (page: Page) => page.getByRole('alert').filter({ hasText: 'Not saved' });

/** Signs in and waits for the settings page of the user's customer. */
async function openSettings(page: Page, token: string, customerId = ACME) {
  await signIn(page, token);
  await expect(page).toHaveURL(new RegExp(`/customers/${customerId}$`));
  await expect(field(page, 'name')).toBeVisible();
}

/** The same through the kit (end2end/kit): signs in and waits for the settings page. */
async function openSettingsWithKit(page: Page, consoleApp: ConsoleApp, token: string, customerId = ACME): Promise<SettingsPage> {
  await consoleApp.signIn(token);
  await expect(page).toHaveURL(new RegExp(`/customers/${customerId}$`));
  return consoleApp.settings(customerId);
}

/** Collects the page's own PUTs of customers. */
function watchPuts(page: Page): Request[] {
  const puts: Request[] = [];
  page.on('request', (r) => {
    if (r.method() === 'PUT' && r.url().includes('/api/customer/')) puts.push(r);
  });
  return puts;
}

function formOf(r: Request): Record<string, string> {
  return Object.fromEntries(new URLSearchParams(r.postData() ?? ''));
}

function mediaType(contentType: string | null | undefined): string {
  return (contentType ?? '').split(';')[0].trim().toLowerCase();
}

async function recordedPuts(request: Parameters<typeof recordedRequests>[0]) {
  return (await recordedRequests(request)).filter((r) => r.method === 'PUT');
}

async function customerFromApi(request: Parameters<typeof recordedRequests>[0], token = TOKENS.owner) {
  const r = await request.get(`/api/customer/${ACME}`, { headers: { 'Fastly-Key': token, Accept: 'application/json' } });
  expect(r.status()).toBe(200);
  return r.json();
}

// Through the kit: SettingsField.set and SettingsPage.save.
test('a superuser saves only the changed fields, form-encoded, in one PUT', async ({ page, request, consoleApp }) => {
  const settings = await openSettingsWithKit(page, consoleApp, TOKENS.superuser);
  const before = await field(page, 'updated_at').locator('time').getAttribute('datetime');
  expect(before).toBe('2026-02-11T16:42:07Z');
  await expect(settings.saveButton).toBeDisabled();

  await clearRecordedRequests(request);
  const puts = watchPuts(page);
  await settings.field('name').set('Acme Widgets Group');
  await settings.field('phone_number').set('+44 161 496 0000');
  await expect(settings.saveButton).toBeEnabled();

  const putRequest = page.waitForRequest((r) => r.method() === 'PUT' && r.url().endsWith(`/api/customer/${ACME}`));
  const saved = await settings.save();
  expect(saved.outcome).toBe('saved');
  expect(saved.message).toContain('Saved 2 changes');
  const put = await putRequest;
  expect(mediaType(put.headers()['content-type'])).toBe('application/x-www-form-urlencoded');
  expect(formOf(put)).toEqual({ name: 'Acme Widgets Group', phone_number: '+44 161 496 0000' });

  await expect(status(page)).toContainText('Saved 2 changes');
  // The page now shows the server's answer.
  await expect(page.getByTestId('customer-name')).toHaveText('Acme Widgets Group');
  await expect(field(page, 'updated_at').locator('time')).not.toHaveAttribute('datetime', before!);
  expect(await settings.field('name').value()).toBe('Acme Widgets Group');
  await expect(settings.saveButton).toBeDisabled();

  expect(puts).toHaveLength(1);
  const logged = await recordedPuts(request);
  expect(logged).toHaveLength(1);
  expect(logged[0].path).toContain(`/customer/${ACME}`);
  expect(mediaType(logged[0].content_type)).toBe('application/x-www-form-urlencoded');
  expect(Object.fromEntries(new URLSearchParams(logged[0].body))).toEqual({ name: 'Acme Widgets Group', phone_number: '+44 161 496 0000' });
  const stored = await customerFromApi(request);
  expect(stored.name).toBe('Acme Widgets Group');
  expect(stored.updated_at).not.toBe(before);
});

test('the owner can save too, and a multi-line postal address keeps its lines', async ({ page }) => {
  await openSettings(page, TOKENS.owner);
  const puts = watchPuts(page);
  await page.getByLabel('Postal address').fill('Acme Widgets Ltd\n1 New Street\nLeeds LS1 1AA');
  await saveButton(page).click();
  await expect(status(page)).toContainText('Saved 1 change.');
  expect(puts).toHaveLength(1);
  expect(formOf(puts[0])).toEqual({ postal_address: 'Acme Widgets Ltd\n1 New Street\nLeeds LS1 1AA' });
  await expect(page.getByLabel('Postal address')).toHaveValue('Acme Widgets Ltd\n1 New Street\nLeeds LS1 1AA');
});

test('Save is unavailable while a save is in flight', async ({ page, request }) => {
  await openSettings(page, TOKENS.superuser);
  const puts = watchPuts(page);
  await page.getByLabel('Company name').fill('Acme Widgets Group');
  await setLatency(request, { ms: 1500, method: 'PUT', path: `/customer/${ACME}` });
  const submit = page.locator('form.settings button[type=submit]');
  await submit.click();
  await expect(submit).toBeDisabled();
  await expect(submit).toHaveText('Saving…');
  // A second try (Enter in a field) sends nothing more.
  await page.getByLabel('Company name').press('Enter');
  await expect(status(page)).toContainText('Saved 1 change.');
  await expect(saveButton(page)).toBeDisabled();
  expect(puts).toHaveLength(1);
  await setLatency(request, { ms: 0 });
});

test('Save is disabled until something changes, and Discard restores the loaded values', async ({ page }) => {
  await openSettings(page, TOKENS.superuser);
  const puts = watchPuts(page);
  await expect(saveButton(page)).toBeDisabled();
  await expect(discardButton(page)).toBeDisabled();

  const name = page.getByLabel('Company name');
  const address = page.getByLabel('Postal address');
  const pci = page.getByRole('switch', { name: 'PCI for services' });
  const loadedAddress = await address.inputValue();
  await expect(name).toHaveValue('Acme Widgets Ltd');
  await expect(pci).not.toBeChecked();

  await name.fill('Something Else');
  await address.fill('Nowhere');
  await pci.click();
  await expect(pci).toBeChecked();
  await expect(saveButton(page)).toBeEnabled();

  // Typing the loaded value back is no change at all.
  await name.fill('Acme Widgets Ltd');
  await address.fill(loadedAddress);
  await pci.click();
  await expect(saveButton(page)).toBeDisabled();

  await name.fill('Something Else');
  await pci.click();
  await expect(saveButton(page)).toBeEnabled();
  await discardButton(page).click();
  await expect(name).toHaveValue('Acme Widgets Ltd');
  await expect(address).toHaveValue(loadedAddress);
  await expect(pci).not.toBeChecked();
  await expect(saveButton(page)).toBeDisabled();
  await expect(status(page)).toContainText('Changes discarded');
  expect(puts).toHaveLength(0);
});

// Through the kit: SettingsPage.editableFields/readOnlyFields.
test('an engineer sees the settings without any edit control', async ({ page, consoleApp }) => {
  const settings = await openSettingsWithKit(page, consoleApp, TOKENS.engineer);
  expect((await settings.readOnlyFields()).length).toBeGreaterThanOrEqual(20);
  expect(await settings.editableFields()).toEqual([]);
  await expect(page.locator('[data-field]').locator(CONTROLS)).toHaveCount(0);
  await expect(editButtons(page.locator('[data-field]'))).toHaveCount(0);
  await expect(settings.saveButton).toHaveCount(0);
  await expect(settings.field('name').locator).toContainText('Acme Widgets Ltd');
  await expect(page.getByTestId('read-only-badge')).toBeVisible();
});

// Through the kit: SettingsField.isEditable.
for (const role of ['owner', 'superuser', 'engineer', 'billing', 'user'] as const) {
  test(`read-only attributes never have a control (${role})`, async ({ page, consoleApp }) => {
    const settings = await openSettingsWithKit(page, consoleApp, TOKENS[role]);
    for (const name of READ_ONLY) {
      const f = settings.field(name);
      await expect(f.locator, name).toHaveCount(1);
      await expect(f.locator, name).toContainText(LABELS[name]);
      expect(await f.isEditable(), `${name} has a control for ${role}`).toBe(false);
      await expect(editButtons(f.locator), `${name} has an edit button for ${role}`).toHaveCount(0);
    }
  });
}

/** Sets the customer's allowlist through the API, as another session would. */
async function setAllowlistViaApi(request: Parameters<typeof recordedRequests>[0], value: string) {
  const r = await request.put(`/api/customer/${ACME}`, {
    headers: { 'Fastly-Key': TOKENS.owner, 'Content-Type': 'application/x-www-form-urlencoded' },
    data: new URLSearchParams({ ip_whitelist: value }).toString(),
  });
  expect(r.status()).toBe(200);
}

test('IP allowlist: add, validate, fix, save, remove', async ({ page, request }) => {
  // Start from a one-entry allowlist (adding the first entry to an open one: see the report).
  await setAllowlistViaApi(request, '10.0.0.1');
  await openSettings(page, TOKENS.superuser);
  const puts = watchPuts(page);
  const allowlist = field(page, 'ip_whitelist');
  await expect(page.getByLabel('Login IP allowlist, entry 1')).toHaveValue('10.0.0.1');
  await expect(allowlist).not.toContainText('No allowlist');
  await expect(saveButton(page)).toBeDisabled();

  await allowlist.getByRole('button', { name: 'Add entry' }).click();
  const second = page.getByLabel('Login IP allowlist, entry 2');
  await expect(second).toBeFocused();
  await second.fill('300.1.1.1');
  await expect(allowlist.getByRole('alert')).toContainText('300.1.1.1');
  await expect(second).toHaveAttribute('aria-invalid', 'true');
  await expect(saveButton(page)).toBeDisabled();

  await second.fill('192.168.0.*');
  await expect(allowlist.getByRole('alert')).toHaveCount(0);
  await expect(second).toHaveAttribute('aria-invalid', 'false');
  await expect(saveButton(page)).toBeEnabled();

  await allowlist.getByRole('button', { name: 'Add entry' }).click();
  await page.getByLabel('Login IP allowlist, entry 3').fill('203.0.113.0/24');

  await saveButton(page).click();
  await expect(status(page)).toContainText('Saved 1 change.');
  expect(puts).toHaveLength(1);
  expect(mediaType(puts[0].headers()['content-type'])).toBe('application/x-www-form-urlencoded');
  expect(puts[0].postData()).toBe(new URLSearchParams({ ip_whitelist: '10.0.0.1,192.168.0.*,203.0.113.0/24' }).toString());
  expect((await customerFromApi(request)).ip_whitelist).toBe('10.0.0.1,192.168.0.*,203.0.113.0/24');

  // Remove the middle entry, then the rest.
  await allowlist.getByRole('button', { name: /^Remove entry 2\b/ }).click();
  await expect(allowlist.getByRole('textbox')).toHaveCount(2);
  await expect(page.getByLabel('Login IP allowlist, entry 1')).toHaveValue('10.0.0.1');
  await expect(page.getByLabel('Login IP allowlist, entry 2')).toHaveValue('203.0.113.0/24');
  await allowlist.getByRole('button', { name: /^Remove entry 1\b/ }).click();
  await expect(allowlist.getByRole('textbox')).toHaveCount(1);
  await allowlist.getByRole('button', { name: /^Remove entry 1\b/ }).click();
  // The last entry gone, one empty entry stays, ready to type into.
  await expect(allowlist.getByRole('textbox')).toHaveCount(1);
  await expect(page.getByLabel('Login IP allowlist, entry 1')).toHaveValue('');
  await expect(allowlist).toContainText('No allowlist — any address may sign in');

  await saveButton(page).click();
  await expect(status(page)).toContainText('Saved 1 change.');
  expect(puts).toHaveLength(2);
  expect(formOf(puts[1])).toEqual({ ip_whitelist: '0.0.0.0/0' });
  expect((await customerFromApi(request)).ip_whitelist).toBe('0.0.0.0/0');
});

test('an open allowlist (0.0.0.0/0) reads "No allowlist" to an editor', async ({ page }) => {
  await openSettings(page, TOKENS.superuser);
  const allowlist = field(page, 'ip_whitelist');
  await expect(allowlist).toContainText('No allowlist — any address may sign in');
  // The contract: an editable attribute holds a control. An empty entry, ready to type into.
  await expect(allowlist.getByRole('textbox')).toHaveCount(1);
  await expect(page.getByLabel('Login IP allowlist, entry 1')).toHaveValue('');
  await expect(allowlist.getByRole('button', { name: 'Add entry' })).toBeVisible();
});

test('an open allowlist reads "No allowlist" for a viewer too', async ({ page }) => {
  await openSettings(page, TOKENS.engineer);
  await expect(field(page, 'ip_whitelist')).toContainText('No allowlist — any address may sign in');
});

// Through the kit: SettingsField.set(true), SettingsPage.cancelSwitch/confirmSwitch.
test('requiring 2FA names the users who will be logged out; Cancel leaves it off', async ({ page, request, consoleApp }) => {
  const r = await request.get(`/api/customer/${ACME}/users`, { headers: { 'Fastly-Key': TOKENS.superuser, Accept: 'application/json' } });
  expect(r.status()).toBe(200);
  const users: Array<{ name: string; login: string; two_factor_auth_enabled: boolean | null; deleted_at: string | null }> = await r.json();
  const without = users.filter((u) => u.two_factor_auth_enabled !== true && u.deleted_at == null);
  expect(without.length).toBeGreaterThan(0);
  const keeping = users.filter((u) => !without.includes(u));

  const settings = await openSettingsWithKit(page, consoleApp, TOKENS.superuser);
  const puts = watchPuts(page);
  const toggle = page.getByRole('switch', { name: 'Require two-factor authentication' });
  await expect(toggle).not.toBeChecked();

  await settings.field('force_2fa').set(true);
  const dialog = page.getByRole('dialog', { name: 'Require two-factor authentication?' });
  await expect(dialog).toBeVisible();
  const count = dialog.getByTestId('logout-count');
  await expect(count).toHaveAttribute('data-count', String(without.length));
  await expect(count).toContainText(`${without.length} user${without.length === 1 ? '' : 's'} will be logged out`);

  const said = await settings.cancelSwitch();
  expect(said.users).toHaveLength(without.length);
  for (const u of without) {
    expect(said.users.some((listed) => listed.includes(u.name) && listed.includes(u.login)), `${u.login} is named`).toBe(true);
  }
  for (const u of keeping) expect(said.users.join('\n')).not.toContain(u.login);

  await expect(dialog).toHaveCount(0);
  await expect(toggle).not.toBeChecked();
  await expect(settings.saveButton).toBeDisabled();
  expect(puts).toHaveLength(0);
});

test('confirming 2FA turns it on and the save sends force_2fa=true', async ({ page, consoleApp }) => {
  const settings = await openSettingsWithKit(page, consoleApp, TOKENS.superuser);
  const puts = watchPuts(page);
  const toggle = page.getByRole('switch', { name: 'Require two-factor authentication' });
  await settings.field('force_2fa').set(true);
  await expect(page.getByRole('dialog', { name: 'Require two-factor authentication?' })).toBeVisible();
  await settings.confirmSwitch();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(toggle).toBeChecked();

  const saved = await settings.save();
  expect(saved).toEqual({ outcome: 'saved', message: expect.stringContaining('Saved 1 change.') });
  await expect(status(page)).toContainText('Saved 1 change.');
  expect(puts).toHaveLength(1);
  expect(formOf(puts[0])).toEqual({ force_2fa: 'true' });
  await expect(toggle).toBeChecked();
});

test('requiring SSO asks first too', async ({ page, consoleApp }) => {
  const settings = await openSettingsWithKit(page, consoleApp, TOKENS.superuser);
  const puts = watchPuts(page);
  const toggle = page.getByRole('switch', { name: 'Require single sign-on' });
  await settings.field('force_sso').set(true);
  const dialog = page.getByRole('dialog', { name: 'Require single sign-on?' });
  await expect(dialog).toBeVisible();
  await settings.cancelSwitch();
  await expect(dialog).toHaveCount(0);
  await expect(toggle).not.toBeChecked();

  await settings.field('force_sso').set(true);
  await expect(dialog).toBeVisible();
  await settings.confirmSwitch();
  await expect(toggle).toBeChecked();
  expect((await settings.save()).outcome).toBe('saved');
  await expect(status(page)).toContainText('Saved 1 change.');
  expect(puts).toHaveLength(1);
  expect(formOf(puts[0])).toEqual({ force_sso: 'true' });
});

// Through the kit: SettingsPage.save's 'conflict' outcome.
test('a change made elsewhere is shown as a conflict, then saved over on request', async ({ page, request, consoleApp }) => {
  const settings = await openSettingsWithKit(page, consoleApp, TOKENS.superuser);
  const puts = watchPuts(page);
  await settings.field('postal_address').set('Acme Widgets Ltd\n1 New Street\nLeeds');

  // Meanwhile, someone else renames the customer.
  const r = await request.put(`/api/customer/${ACME}`, {
    headers: { 'Fastly-Key': TOKENS.owner, 'Content-Type': 'application/x-www-form-urlencoded' },
    data: 'name=Changed+Elsewhere',
  });
  expect(r.status()).toBe(200);
  await clearRecordedRequests(request);

  const outcome = await settings.save();
  expect(outcome.outcome).toBe('conflict');
  expect(outcome.message).toContain('Someone else changed this customer while you were editing');
  const conflict = page.getByRole('alert').filter({ has: page.getByRole('heading', { name: 'Someone else changed this customer while you were editing' }) });
  await expect(conflict).toBeVisible();
  const row = conflict.locator('[data-conflict="name"]');
  await expect(row).toContainText('Company name');
  await expect(row).toContainText('Acme Widgets Ltd');
  await expect(row).toContainText('Changed Elsewhere');
  expect(puts).toHaveLength(0);
  expect(await recordedPuts(request)).toHaveLength(0);
  // The edit is still in the form.
  await expect(page.getByLabel('Postal address')).toHaveValue('Acme Widgets Ltd\n1 New Street\nLeeds');

  await conflict.getByRole('button', { name: 'Save my changes over theirs' }).click();
  await expect(status(page)).toContainText('Saved 1 change.');
  await expect(conflict).toHaveCount(0);
  expect(puts).toHaveLength(1);
  expect(formOf(puts[0])).toEqual({ postal_address: 'Acme Widgets Ltd\n1 New Street\nLeeds' });
  await expect(page.getByLabel('Company name')).toHaveValue('Changed Elsewhere');
  await expect(page.getByTestId('customer-name')).toHaveText('Changed Elsewhere');
  const stored = await customerFromApi(request);
  expect(stored.name).toBe('Changed Elsewhere');
  expect(stored.postal_address).toBe('Acme Widgets Ltd\n1 New Street\nLeeds');
});

test('a conflict can also be resolved by taking their version', async ({ page, request }) => {
  await openSettings(page, TOKENS.superuser);
  const puts = watchPuts(page);
  await page.getByLabel('Postal address').fill('Mine');
  const r = await request.put(`/api/customer/${ACME}`, {
    headers: { 'Fastly-Key': TOKENS.owner, 'Content-Type': 'application/x-www-form-urlencoded' },
    data: 'name=Changed+Elsewhere',
  });
  expect(r.status()).toBe(200);
  await saveButton(page).click();
  await page.getByRole('button', { name: 'Discard my changes and load theirs' }).click();
  await expect(page.getByLabel('Company name')).toHaveValue('Changed Elsewhere');
  await expect(page.getByLabel('Postal address')).toHaveValue('Acme Widgets Ltd\n12 Foundry Lane\nManchester M4 5JD\nUnited Kingdom');
  await expect(saveButton(page)).toBeDisabled();
  expect(puts).toHaveLength(0);
});

// Through the kit: SettingsPage.save's 'not-saved' outcome, then 'saved'.
test('a failed save keeps the edits, shows the API message, and a retry succeeds', async ({ page, request, consoleApp }) => {
  const settings = await openSettingsWithKit(page, consoleApp, TOKENS.superuser);
  const puts = watchPuts(page);
  await settings.field('name').set('Acme Widgets Group');
  await settings.field('postal_address').set('1 Retry Road');
  await addFault(request, { method: 'PUT', path: `/customer/${ACME}`, fault: '500', times: 1 });

  const failed = await settings.save();
  expect(failed.outcome).toBe('not-saved');
  expect(failed.message).toContain('stand-in fault');
  await expect(saveFailure(page)).toContainText('stand-in fault');
  await expect(page.getByLabel('Company name')).toHaveValue('Acme Widgets Group');
  await expect(page.getByLabel('Postal address')).toHaveValue('1 Retry Road');
  await expect(page.getByText(/^Saved \d+ change/)).toHaveCount(0);
  expect((await customerFromApi(request)).name).toBe('Acme Widgets Ltd');
  await expect(saveButton(page)).toBeEnabled();

  expect(await settings.save()).toEqual({ outcome: 'saved', message: expect.stringContaining('Saved 2 changes.') });
  await expect(status(page)).toContainText('Saved 2 changes.');
  await expect(saveFailure(page)).toHaveCount(0);
  expect(puts).toHaveLength(2);
  expect(formOf(puts[1])).toEqual({ name: 'Acme Widgets Group', postal_address: '1 Retry Road' });
  expect((await customerFromApi(request)).name).toBe('Acme Widgets Group');
});

test('a rate-limited save says so and keeps the edits', async ({ page, request }) => {
  await openSettings(page, TOKENS.superuser);
  await page.getByLabel('Company name').fill('Acme Widgets Group');
  await addFault(request, { method: 'PUT', path: `/customer/${ACME}`, fault: '429', times: 1 });
  await saveButton(page).click();
  await expect(saveFailure(page)).toContainText(/rate limit/i);
  await expect(page.getByLabel('Company name')).toHaveValue('Acme Widgets Group');
  await expect(saveButton(page)).toBeEnabled();
});

test('a dropped connection says the API could not be reached and keeps the edits', async ({ page, request }) => {
  await openSettings(page, TOKENS.superuser);
  await page.getByLabel('Company name').fill('Acme Widgets Group');
  // Not `times: 1`: Chromium transparently retries a PUT whose reused connection closed
  // without an answer, so a single drop would be absorbed by the browser.
  await addFault(request, { method: 'PUT', path: `/customer/${ACME}`, fault: 'drop' });
  await saveButton(page).click();
  await expect(saveFailure(page)).toContainText(/could not reach the api/i);
  await expect(page.getByLabel('Company name')).toHaveValue('Acme Widgets Group');
  await expect(saveButton(page)).toBeEnabled();
  await request.delete('/__standin/faults');
  await saveButton(page).click();
  await expect(status(page)).toContainText('Saved 1 change.');
  expect((await customerFromApi(request)).name).toBe('Acme Widgets Group');
});

test('a deleted customer is read-only', async ({ page }) => {
  await openSettings(page, TOKENS.initechOwner, INITECH);
  await expect(page.getByTestId('deleted-banner')).toBeVisible();
  await expect(page.getByTestId('deleted-banner')).toContainText('deleted');
  expect(await page.locator('[data-field]').count()).toBeGreaterThanOrEqual(20);
  await expect(page.locator('[data-field]').locator(CONTROLS)).toHaveCount(0);
  await expect(editButtons(page.locator('[data-field]'))).toHaveCount(0);
  await expect(saveButton(page)).toHaveCount(0);
  await expect(field(page, 'deleted_at').locator('time')).toBeVisible();
});

test('null reads "Not set"; absent reads "Restricted", never "Not set"', async ({ page }) => {
  await openSettings(page, TOKENS.engineer);
  // can_configure_wordpress is null in the demo data.
  await expect(field(page, 'can_configure_wordpress')).toContainText('Not set');
  for (const name of ['billing_ref', 'pricing_plan_id']) {
    const f = field(page, name);
    await expect(f, name).toContainText(LABELS[name]);
    await expect(f, name).toContainText('Restricted');
    await expect(f, name).not.toContainText('Not set');
    await expect(f, name).not.toContainText(/\b(No|Off|Empty|false)\b/);
  }
});

test('billing attributes are shown to the owner with their values', async ({ page }) => {
  await openSettings(page, TOKENS.owner);
  await expect(page.getByLabel('Purchase order reference')).toHaveValue('PO-2026-0042');
  await expect(page.getByLabel('Pricing plan ID')).toHaveValue('ppEnterprise2021aB3xYz');
  await expect(field(page, 'billing_ref')).not.toContainText('Restricted');
});

test('an unsaved edit survives a reload of the tab', async ({ page }) => {
  await openSettings(page, TOKENS.superuser);
  await page.getByLabel('Company name').fill('Acme Draft Name');
  await expect(saveButton(page)).toBeEnabled();
  // The reload may ask first (beforeunload); accept it.
  page.on('dialog', (d) => d.accept());
  await page.reload();
  await expect(page.getByLabel('Company name')).toHaveValue('Acme Draft Name');
  await expect(status(page)).toContainText('Restored 1 unsaved change');
  await expect(saveButton(page)).toBeEnabled();
});

test('leaving through a link with unsaved edits asks first', async ({ page }) => {
  await openSettings(page, TOKENS.superuser);
  const settingsUrl = page.url();
  await page.getByLabel('Company name').fill('Acme Draft Name');

  const questions: string[] = [];
  let answer = false;
  page.on('dialog', async (d) => {
    questions.push(d.message());
    if (answer) await d.accept(); else await d.dismiss();
  });
  const link = page.getByRole('link', { name: 'Contact assignment and company contacts' });

  await link.click();
  await expect.poll(() => questions.length).toBe(1);
  expect(questions[0]).toContain('unsaved changes');
  await expect(page).toHaveURL(settingsUrl);
  await expect(page.getByLabel('Company name')).toHaveValue('Acme Draft Name');

  answer = true;
  await link.click();
  await expect(page).toHaveURL(new RegExp(`/customers/${ACME}/contacts$`));
  expect(questions).toHaveLength(2);
});

test('leaving without edits does not ask', async ({ page }) => {
  await openSettings(page, TOKENS.superuser);
  let asked = 0;
  page.on('dialog', async (d) => { asked++; await d.dismiss(); });
  await page.getByRole('link', { name: 'Contact assignment and company contacts' }).click();
  await expect(page).toHaveURL(new RegExp(`/customers/${ACME}/contacts$`));
  expect(asked).toBe(0);
});

test('validation while typing: required company name and a bad phone number', async ({ page }) => {
  await openSettings(page, TOKENS.superuser);
  const name = page.getByLabel('Company name');
  await name.fill('');
  await expect(field(page, 'name').getByRole('alert')).toHaveText('Company name is required.');
  await expect(name).toHaveAttribute('aria-invalid', 'true');
  await expect(saveButton(page)).toBeDisabled();
  await name.fill('Acme Widgets Group');
  await expect(field(page, 'name').getByRole('alert')).toHaveCount(0);
  await expect(saveButton(page)).toBeEnabled();

  const phone = page.getByLabel('Phone number');
  await phone.fill('call me');
  const phoneError = field(page, 'phone_number').getByRole('alert');
  await expect(phoneError).toBeVisible();
  await expect(phoneError).toContainText(/digits/);
  await expect(phone).toHaveAttribute('aria-invalid', 'true');
  await expect(saveButton(page)).toBeDisabled();
  await phone.fill('+44 161 496 0000');
  await expect(phoneError).toHaveCount(0);
  await expect(saveButton(page)).toBeEnabled();
});

test('every control is named after its attribute label', async ({ page, request }) => {
  // Two allowlist entries, so the per-entry controls are checked too.
  await setAllowlistViaApi(request, '10.0.0.1,192.168.0.0/24');
  await openSettings(page, TOKENS.superuser);
  await expect(page.getByLabel('Login IP allowlist, entry 2')).toHaveValue('192.168.0.0/24');

  const fields = page.locator('[data-field]');
  const total = await fields.count();
  expect(total).toBeGreaterThanOrEqual(20);
  let checked = 0;
  for (let i = 0; i < total; i++) {
    const f = fields.nth(i);
    const name = (await f.getAttribute('data-field'))!;
    const label = LABELS[name];
    expect(label, `unknown data-field ${name}`).toBeDefined();
    await expect(f).toContainText(label);
    const controls = f.locator(CONTROLS);
    const n = await controls.count();
    for (let j = 0; j < n; j++) {
      await expect(controls.nth(j), `${name} control ${j}`).toHaveAccessibleName(new RegExp(label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
      checked++;
    }
  }
  // A superuser edits these (the contacts are assigned on the contacts page).
  for (const name of ['name', 'phone_number', 'postal_address', 'force_2fa', 'force_sso', 'ip_whitelist', 'pricing_plan',
    'pricing_plan_id', 'billing_network_type', 'billing_ref', 'has_account_panel', 'has_improved_events',
    'has_openstack_logging', 'has_pci']) {
    await expect(field(page, name).locator(CONTROLS).first(), `${name} has no control`).toBeVisible();
  }
  expect(checked).toBeGreaterThanOrEqual(14);
  // The helper the read-only tests rely on does see edit buttons where there are some.
  await expect(editButtons(field(page, 'ip_whitelist'))).toHaveCount(3); // Remove ×2, Add entry

  // And the same controls are found by their labels.
  await expect(page.getByLabel('Company name', { exact: true })).toHaveValue('Acme Widgets Ltd');
  await expect(page.getByRole('combobox', { name: 'Network revenue type' })).toHaveValue('public');
  await expect(page.getByRole('switch', { name: 'Account panel', exact: true })).toBeChecked();
});

test('IP allowlist: the first entry can be added to an open allowlist', async ({ page }) => {
  await openSettings(page, TOKENS.superuser);
  const puts = watchPuts(page);
  const allowlist = field(page, 'ip_whitelist');
  await expect(allowlist).toContainText('No allowlist — any address may sign in');
  await allowlist.getByRole('button', { name: 'Add entry' }).click();
  const first = page.getByLabel('Login IP allowlist, entry 1');
  await expect(first).toBeFocused();
  await first.fill('300.1.1.1');
  await expect(allowlist.getByRole('alert')).toContainText('300.1.1.1');
  await expect(saveButton(page)).toBeDisabled();
  await first.fill('10.0.0.1');
  await expect(saveButton(page)).toBeEnabled();
  await saveButton(page).click();
  await expect(status(page)).toContainText('Saved 1 change.');
  expect(puts).toHaveLength(1);
  expect(formOf(puts[0])).toEqual({ ip_whitelist: '10.0.0.1' });
});

test('contact roles can be assigned from the settings page; changing the owner asks first', async ({ page }) => {
  await openSettings(page, TOKENS.superuser);
  const puts = watchPuts(page);
  const legal = field(page, 'legal_contact_id');
  await expect(legal).toContainText('Bill Moreno');
  const picker = legal.getByRole('combobox', { name: 'Legal contact' });
  await picker.fill('hannah');
  await page.getByRole('option', { name: /Hannah Kim/ }).click();
  await expect(legal.locator('.contact-current')).toContainText('Hannah Kim');
  const owner = field(page, 'owner_id').getByRole('combobox', { name: 'Account owner' });
  await owner.fill('ravi');
  await owner.press('Enter');
  await saveButton(page).click();
  const dialog = page.getByRole('dialog', { name: 'Change the account owner?' });
  await expect(dialog.getByTestId('owner-change')).toHaveText('The account owner will change from Ada Okafor to Ravi Shah.');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  expect(puts).toHaveLength(0);
  await saveButton(page).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Change owner' }).click();
  await expect(status(page)).toContainText('Saved 2 changes.');
  expect(puts).toHaveLength(1);
  expect(formOf(puts[0])).toEqual({ owner_id: 'acmeSuper0000000000002', legal_contact_id: 'acmeBilling00000000013' });
});
