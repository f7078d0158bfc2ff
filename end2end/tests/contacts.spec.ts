import type { Page, Locator, APIRequestContext } from '@playwright/test';
import { test, expect, signIn, TOKENS, ACME, GLOBEX, recordedRequests, clearRecordedRequests } from './fixtures';
import type { ConsoleApp, ContactsPage } from '../kit/src/index.js';

// The contact assignment page (/customers/:id/contacts), against the stand-in.

const ROLES = ['owner_id', 'billing_contact_id', 'legal_contact_id', 'security_contact_id', 'technical_contact_id'] as const;
type RoleName = (typeof ROLES)[number];

const FORM = 'application/x-www-form-urlencoded';

// Demo data (standin/src/data.rs).
const ACME_USERS = {
  ada: 'acmeOwner0000000000001',
  ravi: 'acmeSuper0000000000002',
  elena: 'acmeEngineer0000000003',
  bill: 'acmeBilling00000000004',
  uma: 'acmeUser00000000000005',
  kenji: 'acmeEngineer0000000008',
  hannah: 'acmeBilling00000000013',
  diego: 'acmeEngineer0000000014',
};
const GHOST_USER = 'ghostUser0000000000099';

/** What the contract counts as a control inside a [data-contact] element. */
const CONTROLS = 'input, textarea, select, button, [role=combobox], [role=switch], [role=checkbox]';

const contactRow = (page: Page, role: RoleName) => page.locator(`[data-contact="${role}"]`);
const current = (page: Page, role: RoleName) => contactRow(page, role).locator('.contact-current');
const saveButton = (page: Page) => page.getByRole('button', { name: 'Save changes' });
const pending = (page: Page) => page.getByTestId('pending-changes');
const pageStatus = (page: Page) => page.getByRole('status').filter({ hasText: /Saved|discarded/ });
/** The picker's "N users" line (announced with aria-live) next to a combobox. */
const pickerCount = (combobox: Locator) => combobox.locator('xpath=..').locator('.picker-count');

/** Signs in and opens the contacts page of `customerId`, waiting until the roles show. */
async function openContacts(page: Page, token: string, customerId = ACME) {
  await signIn(page, token);
  await page.goto(`/customers/${customerId}/contacts`);
  await expect(page.getByRole('heading', { name: 'Contact roles', exact: true })).toBeVisible();
  for (const role of ROLES) await expect(contactRow(page, role)).toBeVisible();
  // The users have loaded once the user table counts them.
  await expect(page.getByTestId('users-count')).toContainText(/Showing|No user/);
}

/** The same through the kit (end2end/kit): signs in and waits for the contacts page. */
async function openContactsWithKit(page: Page, consoleApp: ConsoleApp, token: string, customerId = ACME): Promise<ContactsPage> {
  await consoleApp.signIn(token);
  const contacts = await consoleApp.contacts(customerId);
  await expect(page.getByTestId('users-count')).toContainText(/Showing|No user/);
  return contacts;
}

async function apiPuts(request: APIRequestContext) {
  return (await recordedRequests(request)).filter((r) => r.method === 'PUT');
}

function formOf(body: string): Record<string, string> {
  return Object.fromEntries(new URLSearchParams(body));
}

/** Types into a picker and chooses the option with `name` by clicking it. */
async function pickByClick(page: Page, label: string, query: string, name: string) {
  const box = page.getByRole('combobox', { name: label, exact: true });
  await box.click();
  await box.fill(query);
  const option = page.getByRole('listbox', { name: `${label}: users` }).getByRole('option').filter({ hasText: name }).first();
  await option.click();
  await expect(box).toHaveAttribute('aria-expanded', 'false');
}

/** Presses Tab until `target` has focus (keyboard only). */
async function tabTo(page: Page, target: Locator, max = 60) {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error('never reached the target with Tab');
}

test.describe('contact roles', () => {
  test('each role shows the assigned user, the default billing contact and warnings', async ({ page }) => {
    await openContacts(page, TOKENS.owner);
    await expect(current(page, 'owner_id')).toContainText('Ada Okafor');
    await expect(current(page, 'owner_id')).toContainText('ada@acme.example');
    // Acme has no billing contact: the owner is.
    await expect(current(page, 'billing_contact_id')).toContainText('Account owner (default)');
    await expect(current(page, 'billing_contact_id')).toContainText('Ada Okafor');
    await expect(current(page, 'legal_contact_id')).toContainText('Bill Moreno');
    await expect(current(page, 'legal_contact_id')).toContainText('bill.moreno@acme.example');
    await expect(current(page, 'security_contact_id')).toContainText('Kenji Watanabe');
    await expect(current(page, 'security_contact_id')).toContainText('kenji.watanabe@acme.example');
    await expect(current(page, 'security_contact_id')).toContainText('has not set up two-factor authentication');
    await expect(current(page, 'technical_contact_id')).toContainText('Elena Petrova');
    await expect(current(page, 'technical_contact_id')).toContainText('elena.petrova@acme.example');
    for (const role of ['owner_id', 'legal_contact_id', 'technical_contact_id'] as const) {
      await expect(current(page, role)).not.toContainText('Not assigned');
      await expect(contactRow(page, role).locator('.warning')).toHaveCount(0);
    }
  });

  test('an unset role reads "Not assigned"', async ({ page, request }) => {
    const r = await request.put(`/api/customer/${ACME}`, {
      headers: { 'Fastly-Key': TOKENS.owner, 'Content-Type': FORM },
      data: 'legal_contact_id=',
    });
    expect(r.status()).toBe(200);
    await openContacts(page, TOKENS.owner);
    await expect(current(page, 'legal_contact_id')).toHaveText('Not assigned');
    await expect(current(page, 'technical_contact_id')).toContainText('Elena Petrova');
  });

  // Through the kit: ContactRole.assign and ContactsPage.save.
  test('assigning the legal contact by clicking an option saves only that id', async ({ page, request, consoleApp }) => {
    const contacts = await openContactsWithKit(page, consoleApp, TOKENS.owner);
    const legal = contacts.role('legal_contact_id');
    await expect(saveButton(page)).toBeDisabled();
    expect(await legal.assign('hann')).toContain('Hannah Kim');
    expect(await legal.assignee()).toContain('Hannah Kim');
    await expect(pending(page)).toHaveText('Legal contact: Bill Moreno → Hannah Kim');
    await expect(pending(page).getByRole('listitem')).toHaveCount(1);

    await clearRecordedRequests(request);
    const contentTypes: string[] = [];
    page.on('request', (req) => { if (req.method() === 'PUT') contentTypes.push(req.headers()['content-type'] ?? ''); });
    const saved = await contacts.save();
    expect(saved.outcome).toBe('saved');
    expect(saved.message).toContain('Saved 1 contact change');
    await expect(pageStatus(page)).toContainText('Saved 1 contact change');
    const puts = await apiPuts(request);
    expect(puts).toHaveLength(1);
    expect(puts[0].path).toBe(`/customer/${ACME}`);
    expect(puts[0].content_type ?? '').toContain(FORM);
    expect(contentTypes).toHaveLength(1);
    expect(contentTypes[0]).toContain(FORM);
    expect(formOf(puts[0].body)).toEqual({ legal_contact_id: ACME_USERS.hannah });

    // The page now shows the API's answer, and nothing is pending.
    await expect(legal.locator).toContainText('Hannah Kim');
    await expect(legal.locator).toContainText('hannah.kim@acme.example');
    await expect(saveButton(page)).toBeDisabled();
    await expect(pending(page)).toHaveCount(0);
    // And it stuck.
    await page.reload();
    expect(await (await consoleApp.contacts(ACME)).role('legal_contact_id').assignee()).toContain('Hannah Kim');
  });

  test('assigning the legal contact by keyboard inside the picker', async ({ page, request }) => {
    await openContacts(page, TOKENS.owner);
    const box = page.getByRole('combobox', { name: 'Legal contact', exact: true });
    await box.click();
    await expect(box).toHaveAttribute('aria-expanded', 'true');
    await page.keyboard.type('uma');
    const listbox = page.getByRole('listbox', { name: 'Legal contact: users' });
    await expect(listbox.getByRole('option')).toHaveCount(1);
    await expect(listbox.getByRole('option')).toContainText('Uma Lindqvist');
    await page.keyboard.press('Enter');
    await expect(box).toHaveAttribute('aria-expanded', 'false');
    await expect(pending(page)).toHaveText('Legal contact: Bill Moreno → Uma Lindqvist');

    await clearRecordedRequests(request);
    await saveButton(page).click();
    await expect(pageStatus(page)).toContainText('Saved 1 contact change');
    const puts = await apiPuts(request);
    expect(puts).toHaveLength(1);
    expect(puts[0].content_type ?? '').toContain(FORM);
    expect(formOf(puts[0].body)).toEqual({ legal_contact_id: ACME_USERS.uma });
    await expect(current(page, 'legal_contact_id')).toContainText('Uma Lindqvist');
  });

  test('changing the owner asks first; Cancel sends nothing, confirming sends owner_id only', async ({ page, request }) => {
    await openContacts(page, TOKENS.owner);
    await pickByClick(page, 'Account owner', 'ravi', 'Ravi Shah');
    await expect(pending(page)).toHaveText('Account owner: Ada Okafor → Ravi Shah');
    await clearRecordedRequests(request);

    await saveButton(page).click();
    const dialog = page.getByRole('dialog', { name: 'Change the account owner?' });
    await expect(dialog).toBeVisible();
    await expect(dialog.getByTestId('owner-change')).toHaveText('The account owner will change from Ada Okafor to Ravi Shah.');
    await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(dialog).toHaveCount(0);
    expect(await apiPuts(request)).toHaveLength(0);
    // The choice is kept.
    await expect(pending(page)).toHaveText('Account owner: Ada Okafor → Ravi Shah');

    await saveButton(page).click();
    await expect(dialog).toBeVisible();
    await dialog.getByRole('button', { name: 'Change owner' }).click();
    await expect(dialog).toHaveCount(0);
    await expect(pageStatus(page)).toContainText('Saved 1 contact change');
    const puts = await apiPuts(request);
    expect(puts).toHaveLength(1);
    expect(puts[0].content_type ?? '').toContain(FORM);
    expect(formOf(puts[0].body)).toEqual({ owner_id: ACME_USERS.ravi });
    await expect(current(page, 'owner_id')).toContainText('Ravi Shah');
    // With no billing contact set, the new owner is the billing contact.
    await expect(current(page, 'billing_contact_id')).toHaveText('Account owner (default) — Ravi Shah');
  });

  // Through the kit: ContactRole.unassign and ContactsPage.save.
  test('unassigning a contact sends an empty id and reads "Not assigned"', async ({ page, request, consoleApp }) => {
    const contacts = await openContactsWithKit(page, consoleApp, TOKENS.owner);
    // Nothing to unassign for the billing contact (the owner is the default).
    await expect(page.getByRole('button', { name: 'Unassign billing contact' })).toBeDisabled();
    await contacts.role('technical_contact_id').unassign();
    expect(await contacts.role('technical_contact_id').assignee()).toBe('Not assigned');
    await expect(pending(page)).toHaveText('Technical contact: Elena Petrova → Not assigned');
    await clearRecordedRequests(request);
    expect((await contacts.save()).outcome).toBe('saved');
    await expect(pageStatus(page)).toContainText('Saved 1 contact change');
    const puts = await apiPuts(request);
    expect(puts).toHaveLength(1);
    expect(puts[0].body).toBe('technical_contact_id=');
    await page.reload();
    expect(await (await consoleApp.contacts(ACME)).role('technical_contact_id').assignee()).toBe('Not assigned');
  });

  test('Discard changes forgets the pending choices without a request', async ({ page, request }) => {
    await openContacts(page, TOKENS.owner);
    await pickByClick(page, 'Legal contact', 'hann', 'Hannah Kim');
    await pickByClick(page, 'Security contact', 'elena', 'Elena Petrova');
    await expect(pending(page).getByRole('listitem')).toHaveText([
      'Legal contact: Bill Moreno → Hannah Kim',
      'Security contact: Kenji Watanabe → Elena Petrova',
    ]);
    await clearRecordedRequests(request);
    await page.getByRole('button', { name: 'Discard changes' }).click();
    await expect(pending(page)).toHaveCount(0);
    await expect(current(page, 'legal_contact_id')).toContainText('Bill Moreno');
    await expect(current(page, 'security_contact_id')).toContainText('Kenji Watanabe');
    await expect(saveButton(page)).toBeDisabled();
    expect((await recordedRequests(request)).filter((r) => r.method !== 'GET')).toHaveLength(0);
  });

  test('Escape in the owner dialog cancels without a PUT', async ({ page, request }) => {
    await openContacts(page, TOKENS.owner);
    await pickByClick(page, 'Account owner', 'elena', 'Elena Petrova');
    await clearRecordedRequests(request);
    await saveButton(page).click();
    const dialog = page.getByRole('dialog', { name: 'Change the account owner?' });
    await expect(dialog).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(dialog).toHaveCount(0);
    expect(await apiPuts(request)).toHaveLength(0);
  });

  test('a dangling contact id is flagged, with a picker to reassign it', async ({ page, request }) => {
    await openContacts(page, TOKENS.globexOwner, GLOBEX);
    const legal = contactRow(page, 'legal_contact_id');
    await expect(legal.locator('.warning')).toContainText('No user of this customer has this id');
    await expect(legal).toContainText(GHOST_USER);
    const box = legal.getByRole('combobox', { name: 'Legal contact', exact: true });
    await expect(box).toBeVisible();
    // Other roles are fine.
    await expect(contactRow(page, 'technical_contact_id').locator('.warning')).toHaveCount(0);

    await box.click();
    await box.fill('grace hopkins');
    await expect(pickerCount(box)).toHaveText('1 user');
    await page.keyboard.press('Enter');
    await expect(pending(page)).toHaveText(`Legal contact: ${GHOST_USER} → Grace Hopkins`);
    await expect(legal.locator('.warning')).toHaveCount(0);
    await clearRecordedRequests(request);
    await saveButton(page).click();
    await expect(pageStatus(page)).toContainText('Saved 1 contact change');
    const puts = await apiPuts(request);
    expect(puts).toHaveLength(1);
    expect(formOf(puts[0].body)).toEqual({ legal_contact_id: 'globexOwner00000000001' });
  });

  test('keyboard only: Tab to the technical contact, choose with arrows and Enter, save with Enter', async ({ page, request }) => {
    await openContacts(page, TOKENS.owner);
    const box = page.getByRole('combobox', { name: 'Technical contact', exact: true });
    await tabTo(page, box);
    await expect(box).toBeFocused();
    await expect(box).toHaveAttribute('aria-expanded', 'true');

    await page.keyboard.type('acme');
    const listbox = page.getByRole('listbox', { name: 'Technical contact: users' });
    await expect(listbox.getByRole('option').first()).toBeVisible();
    // Escape closes the list and keeps focus.
    await page.keyboard.press('Escape');
    await expect(box).toHaveAttribute('aria-expanded', 'false');
    await expect(box).toBeFocused();
    await expect(box).not.toHaveAttribute('aria-activedescendant', /.+/);
    // ArrowDown reopens; then down, down, up lands on the second option.
    await page.keyboard.press('ArrowDown');
    await expect(box).toHaveAttribute('aria-expanded', 'true');
    const listId = await box.getAttribute('aria-controls');
    await expect(box).toHaveAttribute('aria-activedescendant', `${listId}-opt-0`);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await expect(box).toHaveAttribute('aria-activedescendant', `${listId}-opt-2`);
    await page.keyboard.press('ArrowUp');
    await expect(box).toHaveAttribute('aria-activedescendant', `${listId}-opt-1`);
    const active = listbox.locator(`[id="${listId}-opt-1"]`);
    await expect(active).toHaveAttribute('aria-selected', 'true');
    const chosenId = await active.getAttribute('data-user-id');
    const chosenName = (await active.locator('.picker-name').textContent())!.trim();
    expect(chosenId).toBeTruthy();
    await page.keyboard.press('Enter');
    await expect(box).toHaveAttribute('aria-expanded', 'false');
    await expect(pending(page)).toHaveText(`Technical contact: Elena Petrova → ${chosenName}`);

    await clearRecordedRequests(request);
    const save = saveButton(page);
    await tabTo(page, save);
    await page.keyboard.press('Enter');
    await expect(pageStatus(page)).toContainText('Saved 1 contact change');
    const puts = await apiPuts(request);
    expect(puts).toHaveLength(1);
    expect(puts[0].content_type ?? '').toContain(FORM);
    expect(formOf(puts[0].body)).toEqual({ technical_contact_id: chosenId });
    await expect(current(page, 'technical_contact_id')).toContainText(chosenName);
  });

  test('the picker warns about users without 2FA, locked and deleted users before choosing', async ({ page }) => {
    await openContacts(page, TOKENS.owner);
    const security = page.getByRole('combobox', { name: 'Security contact', exact: true });
    const options = page.getByRole('listbox', { name: 'Security contact: users' }).getByRole('option');
    await security.click();

    await security.fill('kenji');
    await expect(options).toHaveCount(1);
    await expect(options.first().locator('.badge.warn')).toHaveText(['No 2FA']);
    // Chloé's 2FA is unknown (null): not counted as enabled.
    await security.fill('chloe');
    await expect(options).toHaveCount(1);
    await expect(options.first()).toContainText('Chloé Dubois');
    await expect(options.first().locator('.badge.warn')).toHaveText(['No 2FA']);
    await security.fill('marcus');
    await expect(options).toHaveCount(1);
    await expect(options.first().locator('.badge.warn')).toHaveText(['Locked']);
    await security.fill('fatima');
    await expect(options.first().locator('.badge.warn')).toContainText(['Deleted']);
    await security.fill('elena');
    await expect(options).toHaveCount(1);
    await expect(options.first().locator('.badge.warn')).toHaveCount(0);

    // 2FA is only a concern for the security contact.
    const legal = page.getByRole('combobox', { name: 'Legal contact', exact: true });
    await legal.click();
    await legal.fill('kenji');
    const legalOptions = page.getByRole('listbox', { name: 'Legal contact: users' }).getByRole('option');
    await expect(legalOptions).toHaveCount(1);
    await expect(legalOptions.first().locator('.badge.warn')).toHaveCount(0);
    await legal.fill('marcus');
    await expect(legalOptions.first().locator('.badge.warn')).toHaveText(['Locked']);
  });
});

test.describe('read-only views', () => {
  async function expectReadOnly(page: Page) {
    for (const role of ROLES) {
      await expect(contactRow(page, role).locator(CONTROLS)).toHaveCount(0);
    }
    await expect(page.getByRole('combobox')).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Save changes' })).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Discard changes' })).toHaveCount(0);
    await expect(page.locator('[data-company-contact]')).toHaveCount(5);
    await expect(page.getByRole('button', { name: 'Add contact' })).toHaveCount(0);
    await expect(page.getByRole('button', { name: /^Remove/ })).toHaveCount(0);
    await expect(page.locator('[data-company-contact] button')).toHaveCount(0);
  }

  // Through the kit: ContactRole.assignee and isEditable.
  test('an engineer sees the roles but no controls', async ({ page, consoleApp }) => {
    const contacts = await openContactsWithKit(page, consoleApp, TOKENS.engineer);
    expect(await contacts.role('legal_contact_id').assignee()).toContain('Bill Moreno');
    expect(await contacts.role('billing_contact_id').assignee()).toContain('Account owner (default)');
    for (const role of ROLES) expect(await contacts.role(role).isEditable(), `${role} has a control`).toBe(false);
    await expectReadOnly(page);
  });

  test('support staff opening another customer see it read-only', async ({ page }) => {
    await openContacts(page, TOKENS.support, ACME);
    await expect(page).toHaveURL(new RegExp(`/customers/${ACME}/contacts$`));
    await expect(current(page, 'owner_id')).toContainText('Ada Okafor');
    await expect(current(page, 'technical_contact_id')).toContainText('Elena Petrova');
    await expectReadOnly(page);
  });
});

test.describe('the 10,000-user picker', () => {
  type ApiUser = { id: string; name: string | null; login: string | null };

  /** The picker's rule: every whitespace-separated word is in "name login", case-insensitively. */
  function expectedMatches(users: ApiUser[], query: string): ApiUser[] {
    const words = query.toLowerCase().split(/\s+/).filter(Boolean);
    return users.filter((u) => {
      const hay = `${u.name ?? ''} ${u.login ?? ''}`.toLowerCase();
      return words.every((w) => hay.includes(w));
    });
  }
  const countText = (n: number) => (n === 0 ? 'No user matches.' : n === 1 ? '1 user' : `${n} users`);

  test('renders a window of options and filters like the API data says', async ({ page, request }) => {
    const r = await request.get(`/api/customer/${GLOBEX}/users`, { headers: { 'Fastly-Key': TOKENS.globexOwner, Accept: 'application/json' } });
    expect(r.ok()).toBeTruthy();
    const users: ApiUser[] = await r.json();
    expect(users).toHaveLength(10_000);

    await openContacts(page, TOKENS.globexOwner, GLOBEX);
    const box = page.getByRole('combobox', { name: 'Legal contact', exact: true });
    const options = page.getByRole('listbox', { name: 'Legal contact: users' }).getByRole('option');
    await box.click();
    await expect(box).toHaveAttribute('aria-expanded', 'true');
    await expect(pickerCount(box)).toHaveText('10000 users');
    await expect(options.first()).toBeVisible();
    const rendered = await options.count();
    expect(rendered).toBeGreaterThan(0);
    expect(rendered).toBeLessThan(100);
    await expect(options.first()).toHaveAttribute('aria-setsize', '10000');

    for (const query of ['grace', 'Chen 12', 'KIM 99', 'ana', 'user 12']) {
      const expected = expectedMatches(users, query);
      await box.fill(query);
      await expect(pickerCount(box), `count for "${query}"`).toHaveText(countText(expected.length));
      const n = await options.count();
      expect(n).toBeLessThanOrEqual(Math.min(expected.length, 99));
      if (expected.length > 0) expect(n).toBeGreaterThan(0);
      // Every rendered option is one of the expected users.
      const expectedIds = new Set(expected.map((u) => u.id));
      const ids = await options.evaluateAll((els) => els.map((e) => e.getAttribute('data-user-id')));
      for (const id of ids) expect(expectedIds.has(id!), `${id} matches "${query}"`).toBeTruthy();
    }

    // Choose a result of a query with several matches.
    const query = 'chen 12';
    const expected = expectedMatches(users, query);
    expect(expected.length).toBeGreaterThan(1);
    await box.fill(query);
    await expect(pickerCount(box)).toHaveText(countText(expected.length));
    const second = options.nth(1);
    const chosenId = await second.getAttribute('data-user-id');
    const chosen = users.find((u) => u.id === chosenId)!;
    await second.click();
    await expect(box).toHaveAttribute('aria-expanded', 'false');
    await expect(pending(page)).toHaveText(`Legal contact: ${GHOST_USER} → ${chosen.name}`);
    await expect(current(page, 'legal_contact_id')).toContainText(chosen.login!);
  });

  test('scrolling the list keeps the DOM small and shows later users', async ({ page }) => {
    await openContacts(page, TOKENS.globexOwner, GLOBEX);
    const box = page.getByRole('combobox', { name: 'Legal contact', exact: true });
    const listbox = page.getByRole('listbox', { name: 'Legal contact: users' });
    await box.click();
    await expect(listbox.getByRole('option').first()).toBeVisible();
    await listbox.evaluate((el) => { el.scrollTop = 5000 * 52; el.dispatchEvent(new Event('scroll')); });
    await expect(listbox.locator('[aria-posinset="5001"]')).toHaveCount(1);
    expect(await listbox.getByRole('option').count()).toBeLessThan(100);
  });
});

test.describe('company contacts', () => {
  const rows = (page: Page) => page.locator('[data-company-contact]');
  const contactsStatus = (page: Page) => page.getByRole('status').filter({ hasText: /Added|Removed/ });
  const posts = async (request: APIRequestContext) => (await recordedRequests(request)).filter((r) => r.method === 'POST');

  // Through the kit: ContactsPage.companyContacts.
  test('the five contacts are listed', async ({ page, consoleApp }) => {
    const contacts = await openContactsWithKit(page, consoleApp, TOKENS.owner);
    const listed = await contacts.companyContacts();
    expect(listed).toHaveLength(5);
    await expect(rows(page)).toHaveCount(5);
    const ap = listed.find((c) => c.id === 'acmeContact00000000002');
    expect(ap?.text).toContain('Acme Accounts Payable');
    expect(ap?.text).toContain('ap@acme.example');
    // A contact linked to a user shows the user's name and login.
    const linked = listed.find((c) => c.id === 'acmeContact00000000003');
    expect(linked?.text).toContain('Elena Petrova');
    expect(linked?.text).toContain('elena.petrova@acme.example');
    expect(linked?.columns['Phone']).toBe('+44 20 7946 0101');
  });

  // Through the kit: ContactsPage.addCompanyContact.
  test('adding a name-and-email emergency contact posts a form and lists it', async ({ page, request, consoleApp }) => {
    const contacts = await openContactsWithKit(page, consoleApp, TOKENS.owner);
    await expect(rows(page)).toHaveCount(5);
    await clearRecordedRequests(request);
    const added = await contacts.addCompanyContact({ type: 'emergency', name: 'Pat Lee', email: 'pat.lee@example.com', phone: '+1 202 555 0143' });

    await expect(rows(page)).toHaveCount(6);
    expect(added.text).toContain('Pat Lee');
    expect(added.text).toContain('pat.lee@example.com');
    expect(added.text).toContain('+1 202 555 0143');
    expect(added.columns['Type']).toBe('Emergency');
    await expect(contactsStatus(page)).toContainText('emergency contact');
    const sent = await posts(request);
    expect(sent).toHaveLength(1);
    expect(sent[0].path).toBe(`/customer/${ACME}/contacts`);
    expect(sent[0].content_type ?? '').toContain(FORM);
    expect(formOf(sent[0].body)).toEqual({ contact_type: 'emergency', name: 'Pat Lee', email: 'pat.lee@example.com', phone: '+1 202 555 0143' });
    // The form is ready for the next one.
    await expect(page.getByLabel('Name', { exact: true })).toHaveValue('');
    await expect(page.getByLabel('Email', { exact: true })).toHaveValue('');
    // The API has it too.
    await page.reload();
    expect((await (await consoleApp.contacts(ACME)).companyContacts()).filter((c) => c.text.includes('Pat Lee'))).toHaveLength(1);
  });

  test('a primary contact without a phone is refused without a POST', async ({ page, request }) => {
    await openContacts(page, TOKENS.owner);
    await clearRecordedRequests(request);
    await page.getByLabel('Contact type').selectOption('primary');
    await page.getByRole('radio', { name: 'Someone else (name and email)' }).check();
    await page.getByLabel('Name', { exact: true }).fill('Pat Lee');
    await page.getByLabel('Email', { exact: true }).fill('pat.lee@example.com');
    await expect(page.getByLabel(/^Phone/)).toHaveAttribute('aria-required', 'true');
    await page.getByRole('button', { name: 'Add contact' }).click();
    await expect(page.locator('.field-error')).toContainText('A phone number is required');
    await expect(page.getByRole('alert').filter({ hasText: 'A phone number is required' })).toBeVisible();
    expect(await posts(request)).toHaveLength(0);
    await expect(rows(page)).toHaveCount(5);
  });

  test('adding a billing contact linked to a user needs no phone', async ({ page, request }) => {
    await openContacts(page, TOKENS.owner);
    await clearRecordedRequests(request);
    await page.getByLabel('Contact type').selectOption('billing');
    await expect(page.getByLabel(/^Phone/)).toHaveAttribute('aria-required', 'false');
    await expect(page.getByRole('radio', { name: 'A user of this customer' })).toBeChecked();
    await pickByClick(page, 'Contact user', 'hannah', 'Hannah Kim');
    await expect(page.getByTestId('new-contact-user')).toHaveText('Chosen: Hannah Kim (hannah.kim@acme.example)');
    await page.getByRole('button', { name: 'Add contact' }).click();

    await expect(rows(page)).toHaveCount(6);
    const added = rows(page).filter({ hasText: 'Hannah Kim' });
    await expect(added).toContainText('hannah.kim@acme.example');
    await expect(added).toContainText('Billing');
    const sent = await posts(request);
    expect(sent).toHaveLength(1);
    expect(sent[0].content_type ?? '').toContain(FORM);
    expect(formOf(sent[0].body)).toEqual({ contact_type: 'billing', user_id: ACME_USERS.hannah });
  });

  // Confirming goes through the kit: ContactsPage.removeCompanyContact.
  test('removing a contact asks first; Cancel keeps it, confirming deletes it', async ({ page, request, consoleApp }) => {
    const contacts = await openContactsWithKit(page, consoleApp, TOKENS.owner);
    const row = page.locator('[data-company-contact="acmeContact00000000005"]');
    await expect(row).toContainText('Acme Ops On-Call');
    await clearRecordedRequests(request);

    const remove = row.getByRole('button', { name: 'Remove emergency contact Acme Ops On-Call' });
    await remove.click();
    const dialog = page.getByRole('dialog', { name: 'Remove this company contact?' });
    await expect(dialog).toContainText('Acme Ops On-Call');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(dialog).toHaveCount(0);
    await expect(row).toBeVisible();
    expect((await recordedRequests(request)).filter((r) => r.method === 'DELETE')).toHaveLength(0);

    await contacts.removeCompanyContact('Acme Ops On-Call');
    await expect(dialog).toHaveCount(0);
    await expect(row).toHaveCount(0);
    await expect(rows(page)).toHaveCount(4);
    await expect(contactsStatus(page)).toContainText('Removed the emergency contact');
    const deletes = (await recordedRequests(request)).filter((r) => r.method === 'DELETE');
    expect(deletes).toHaveLength(1);
    expect(deletes[0].path).toBe(`/customer/${ACME}/contacts/acmeContact00000000005`);
    await page.reload();
    await expect(rows(page)).toHaveCount(4);
  });
});

test.describe('users and their contact roles', () => {
  const table = (page: Page) => page.locator('table.users-table');
  const bodyRows = (page: Page) => table(page).locator('tbody tr');
  const nameHeader = (page: Page) => table(page).getByRole('columnheader', { name: /^Name/ });

  test('filtering, and sorting by name', async ({ page }) => {
    await openContacts(page, TOKENS.owner);
    await expect(bodyRows(page)).toHaveCount(15);
    await expect(page.getByTestId('users-count')).toHaveText('Showing 1–15 of 15');

    await page.getByLabel('Filter users').fill('kenji');
    await expect(bodyRows(page)).toHaveCount(1);
    await expect(bodyRows(page)).toContainText('Kenji Watanabe');
    await expect(bodyRows(page)).toContainText('Security contact');
    await expect(bodyRows(page)).toContainText('No 2FA');
    // Ada holds the owner and, by default, the billing contact.
    await page.getByLabel('Filter users').fill('ada@');
    await expect(bodyRows(page)).toHaveCount(1);
    await expect(bodyRows(page)).toContainText('Account owner');
    await expect(bodyRows(page)).toContainText('Billing contact');
    await page.getByLabel('Filter users').fill('');
    await expect(bodyRows(page)).toHaveCount(15);

    const names = () => table(page).locator('tbody tr th').allTextContents();
    await expect(nameHeader(page)).toHaveAttribute('aria-sort', 'ascending');
    const ascending = await names();
    await nameHeader(page).getByRole('button').click();
    await expect(nameHeader(page)).toHaveAttribute('aria-sort', 'descending');
    expect(await names()).toEqual([...ascending].reverse());
    await nameHeader(page).getByRole('button').click();
    await expect(nameHeader(page)).toHaveAttribute('aria-sort', 'ascending');
    expect(await names()).toEqual(ascending);
    const login = table(page).getByRole('columnheader', { name: /^Login/ });
    await login.getByRole('button').click();
    await expect(login).toHaveAttribute('aria-sort', 'ascending');
    await expect(nameHeader(page)).toHaveAttribute('aria-sort', 'none');
  });

  test('10,000 users are paged 50 at a time', async ({ page }) => {
    await openContacts(page, TOKENS.globexOwner, GLOBEX);
    await expect(page.getByTestId('users-count')).toHaveText('Showing 1–50 of 10000');
    await expect(bodyRows(page)).toHaveCount(50);
    const first = await bodyRows(page).first().getAttribute('data-user');
    const pager = page.getByRole('navigation', { name: 'Users pages' });
    await expect(pager).toContainText('Page 1 of 200');
    await expect(pager.getByRole('button', { name: 'Previous page' })).toBeDisabled();
    await pager.getByRole('button', { name: 'Next page' }).click();
    await expect(page.getByTestId('users-count')).toHaveText('Showing 51–100 of 10000');
    await expect(pager).toContainText('Page 2 of 200');
    await expect(bodyRows(page)).toHaveCount(50);
    expect(await bodyRows(page).first().getAttribute('data-user')).not.toBe(first);
    await pager.getByRole('button', { name: 'Previous page' }).click();
    await expect(page.getByTestId('users-count')).toHaveText('Showing 1–50 of 10000');
  });
});

test('the owner dialog keeps focus inside and Escape still cancels after Tabbing', async ({ page, request }) => {
  await openContacts(page, TOKENS.owner);
  await pickByClick(page, 'Account owner', 'ravi', 'Ravi Shah');
  await clearRecordedRequests(request);
  await saveButton(page).click();
  const dialog = page.getByRole('dialog', { name: 'Change the account owner?' });
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  for (let i = 0; i < 3; i++) {
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => !!document.activeElement?.closest('[role=dialog]'))).toBe(true);
  }
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  expect(await apiPuts(request)).toHaveLength(0);
});

test('adding a contact announces it with the right article', async ({ page }) => {
  await openContacts(page, TOKENS.owner);
  await page.getByLabel('Contact type').selectOption('emergency');
  await page.getByLabel('Someone else (name and email)').check();
  await page.getByLabel('Name', { exact: true }).fill('Night Desk');
  await page.getByLabel('Email', { exact: true }).fill('night@acme.example');
  await page.getByRole('button', { name: 'Add contact' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Added an emergency contact.' })).toBeVisible();
});

test('a contact change made elsewhere is not overwritten unseen', async ({ page, request }) => {
  await openContacts(page, TOKENS.owner);
  await pickByClick(page, 'Legal contact', 'hannah', 'Hannah Kim');
  // Meanwhile someone else changes the technical contact.
  const r = await request.put(`/api/customer/${ACME}`, {
    headers: { 'Fastly-Key': TOKENS.superuser, 'Content-Type': 'application/x-www-form-urlencoded' },
    data: 'technical_contact_id=acmeSuper0000000000002',
  });
  expect(r.status()).toBe(200);
  await clearRecordedRequests(request);
  await saveButton(page).click();
  const alert = page.getByRole('alert').filter({ hasText: 'someone changed this customer' });
  await expect(alert).toContainText('Technical contact');
  expect(await apiPuts(request)).toHaveLength(0);
  await expect(current(page, 'technical_contact_id')).toContainText('Ravi Shah');
  await expect(pending(page)).toContainText('Legal contact: Bill Moreno → Hannah Kim');
  await saveButton(page).click();
  await expect(pageStatus(page)).toContainText('Saved 1 contact change.');
  const puts = await apiPuts(request);
  expect(puts).toHaveLength(1);
  expect(formOf(puts[0].body)).toEqual({ legal_contact_id: 'acmeBilling00000000013' });
});
