import type { Page } from '@playwright/test';
import { test, expect, signIn, TOKENS, ACME, setLatency } from './fixtures';

// Saves and sessions made airtight: nothing typed is lost, nothing is misreported, no
// session is ended by another's answer.

const status = (page: Page) => page.getByRole('status').filter({ hasText: /Saved|discarded|Restored/ });

async function openSettings(page: Page, token = TOKENS.superuser) {
  await signIn(page, token);
  await expect(page).toHaveURL(new RegExp(`/customers/${ACME}$`));
  await expect(page.locator('[data-field="name"]')).toBeVisible();
}

test.describe('1. edits typed during a save are kept', () => {
  test('settings: Phone typed while the Name save is under way stays, unsaved', async ({ page, request }) => {
    await openSettings(page);
    const phone = page.getByLabel('Phone number');
    const loadedPhone = await phone.inputValue();
    await page.getByLabel('Company name').fill('Acme Widgets Typed');
    await setLatency(request, { ms: 1500, method: 'PUT', path: `/customer/${ACME}` });
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect(page.getByRole('button', { name: 'Saving…' })).toBeVisible();
    await phone.fill('+44 20 7946 0123');
    await expect(status(page)).toContainText('Saved 1 change.');
    await setLatency(request, { ms: 0 });
    await expect(page.getByTestId('customer-name')).toHaveText('Acme Widgets Typed');
    await expect(phone).toHaveValue('+44 20 7946 0123');
    await expect(page.getByRole('region', { name: 'Unsaved changes' })).toContainText('1 unsaved change: Phone number');
    // The phone was not sent: the server still has the loaded number.
    const r = await request.get(`/api/customer/${ACME}`, { headers: { 'Fastly-Key': TOKENS.owner } });
    expect((await r.json()).phone_number).toBe(loadedPhone);
    // And it is kept in the tab: a reload brings it back.
    await page.reload();
    await expect(page.getByLabel('Phone number')).toHaveValue('+44 20 7946 0123');
  });

  test('settings: a field retyped during its own save keeps the newer text', async ({ page, request }) => {
    await openSettings(page);
    const name = page.getByLabel('Company name');
    await name.fill('Acme First');
    await setLatency(request, { ms: 1500, method: 'PUT', path: `/customer/${ACME}` });
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect(page.getByRole('button', { name: 'Saving…' })).toBeVisible();
    await name.fill('Acme Second');
    await expect(status(page)).toContainText('Saved 1 change.');
    await setLatency(request, { ms: 0 });
    await expect(page.getByTestId('customer-name')).toHaveText('Acme First');
    await expect(name).toHaveValue('Acme Second');
    await expect(page.getByRole('region', { name: 'Unsaved changes' })).toContainText('1 unsaved change: Company name');
  });

  test('contacts: a role chosen while another role\'s save is under way stays pending', async ({ page, request }) => {
    await signIn(page, TOKENS.owner);
    await page.goto(`/customers/${ACME}/contacts`);
    const legal = page.getByRole('combobox', { name: 'Legal contact' });
    await expect(legal).toBeVisible();
    await legal.fill('ravi');
    await page.getByRole('option').first().click();
    await setLatency(request, { ms: 1500, method: 'PUT', path: `/customer/${ACME}` });
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect(page.getByRole('button', { name: 'Saving…' })).toBeVisible();
    const technical = page.getByRole('combobox', { name: 'Technical contact' });
    await technical.fill('uma');
    await page.getByRole('option').first().click();
    await expect(page.getByRole('status').filter({ hasText: 'Saved 1 contact change.' })).toBeVisible();
    await setLatency(request, { ms: 0 });
    await expect(page.getByTestId('pending-changes')).toContainText('Technical contact');
    await expect(page.getByTestId('pending-changes')).not.toContainText('Legal contact');
  });
});

test.describe('3. a late 401 of an ended session never ends a newer one', () => {
  test('a users list still open when the session ended answers 401 after signing in again: nothing happens', async ({ page }) => {
    await signIn(page, TOKENS.owner);
    await expect(page.locator('[data-field="name"]')).toBeVisible();
    // The next visit: the users list hangs (the first time only), the customer answers 401.
    let held: import('@playwright/test').Route | null = null;
    await page.route(`**/api/customer/${ACME}/users`, async (route) => {
      if (!held) { held = route; return; }
      await route.continue();
    });
    let refused = false;
    await page.route(`**/api/customer/${ACME}`, async (route) => {
      if (!refused && route.request().method() === 'GET') {
        refused = true;
        await route.fulfill({ status: 401, contentType: 'application/json', body: '{"msg":"Provided credentials are missing or invalid"}' });
        return;
      }
      await route.continue();
    });
    await page.getByRole('link', { name: 'Contacts', exact: true }).click();
    await expect(page).toHaveURL(/\/sign-in\?next=/);
    await expect.poll(() => held !== null).toBe(true);
    await page.getByLabel('API token').fill(TOKENS.owner);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page).toHaveURL(new RegExp(`/customers/${ACME}/contacts$`));
    await expect(page.locator('[data-contact="owner_id"]')).toBeVisible();
    // Now the old session's request answers 401 (if the browser still has it open).
    await held!.fulfill({ status: 401, contentType: 'application/json', body: '{"msg":"Provided credentials are missing or invalid"}' }).catch(() => {});
    await page.waitForTimeout(500);
    await expect(page).toHaveURL(new RegExp(`/customers/${ACME}/contacts$`));
    await expect(page.getByTestId('signed-in-user')).toBeVisible();
    await expect(page.locator('[data-contact="owner_id"]')).toBeVisible();
  });
});

test.describe('4. company-wide 2FA is never turned on without the warning', () => {
  test('the users check fails: "Turn on" stays unavailable until "Try again" has named the users', async ({ page }) => {
    await openSettings(page, TOKENS.superuser);
    let fail = true;
    await page.route(`**/api/customer/${ACME}/users`, async (route) => {
      if (fail) await route.fulfill({ status: 500, contentType: 'application/json', body: '{"msg":"Internal error"}' });
      else await route.continue();
    });
    await page.getByRole('switch', { name: 'Require two-factor authentication' }).click();
    const dialog = page.getByRole('dialog', { name: 'Require two-factor authentication?' });
    await expect(dialog).toContainText('Could not check the users');
    const turnOn = dialog.getByRole('button', { name: 'Require 2FA' });
    await expect(turnOn).toBeDisabled();
    await expect(dialog.getByTestId('logout-count')).toHaveCount(0);
    fail = false;
    await dialog.getByRole('button', { name: 'Try again' }).click();
    await expect(dialog.getByTestId('logout-count')).toBeVisible();
    await expect(turnOn).toBeEnabled();
    await turnOn.click();
    await expect(page.getByRole('switch', { name: 'Require two-factor authentication' })).toBeChecked();
  });
});

test.describe('5. edits made while restored edits await review are kept in the tab', () => {
  test('a reload during the review brings back the review and the edit made meanwhile', async ({ page, request }) => {
    await openSettings(page);
    await page.getByLabel('Company name').fill('Acme From My Draft');
    await expect.poll(() => page.evaluate(() => Object.keys(sessionStorage))).toContain(`account-console.draft.${ACME}`);
    // Someone else changes the customer; the reload restores the draft onto a newer copy.
    const r = await request.put(`/api/customer/${ACME}`, {
      headers: { 'Fastly-Key': TOKENS.owner, 'Content-Type': 'application/x-www-form-urlencoded' },
      data: 'postal_address=Changed+elsewhere',
    });
    expect(r.status()).toBe(200);
    page.on('dialog', (d) => d.accept());
    await page.reload();
    await expect(page.getByTestId('draft-review')).toBeVisible();
    // While the review waits, another edit.
    await page.getByRole('textbox', { name: 'Phone number' }).fill('+44 20 7946 4321');
    await page.waitForTimeout(300);
    await page.reload();
    await expect(page.getByTestId('draft-review')).toBeVisible();
    await expect(page.getByTestId('draft-review').locator('[data-review="name"]')).toBeVisible();
    await expect(page.getByRole('textbox', { name: 'Phone number' })).toHaveValue('+44 20 7946 4321');
    await expect(page.getByRole('textbox', { name: 'Company name' })).toHaveValue('Acme From My Draft');
  });
});

test.describe('11. the audit log is for superusers', () => {
  for (const [who, token] of [['an engineer', TOKENS.engineer], ['billing', TOKENS.billing], ['a user', TOKENS.user]] as const) {
    test(`${who}: no Activity tab, no "Recent changes", and nothing asked of /events`, async ({ page }) => {
      const asked: string[] = [];
      page.on('request', (r) => { if (new URL(r.url()).pathname.startsWith('/api/events')) asked.push(r.url()); });
      await signIn(page, token);
      await expect(page.locator('[data-field="name"]')).toBeVisible();
      await expect(page.getByRole('navigation', { name: 'Customer pages' }).getByRole('link', { name: 'Settings', exact: true })).toBeVisible();
      await expect(page.getByRole('navigation', { name: 'Customer pages' }).getByRole('link', { name: 'Activity', exact: true })).toHaveCount(0);
      await page.waitForTimeout(500);
      await expect(page.getByTestId('recent-changes')).toHaveCount(0);
      // A deep link (after a reload, as a pasted link) says who may see it.
      await page.goto(`/customers/${ACME}/activity`);
      await expect(page.getByTestId('activity-not-allowed')).toContainText('for superusers');
      await page.waitForTimeout(500);
      expect(asked).toEqual([]);
    });
  }

  test('a superuser keeps the tab, "Recent changes" and the list; support staff too', async ({ page }) => {
    await signIn(page, TOKENS.superuser);
    await expect(page.getByTestId('recent-changes')).toBeVisible();
    await page.getByRole('navigation', { name: 'Customer pages' }).getByRole('link', { name: 'Activity', exact: true }).click();
    await expect(page.getByTestId('events').locator('li[data-event]').first()).toBeVisible();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await signIn(page, TOKENS.support);
    await page.goto(`/customers/${ACME}/activity`);
    await expect(page.getByTestId('support-banner')).toBeVisible();
    await expect(page.getByTestId('events').locator('li[data-event]').first()).toBeVisible();
  });
});

test.describe('9. history', () => {
  test('signing in replaces the sign-in entry: Back never shows the form to a signed-in user', async ({ page }) => {
    // A new tab, signed out: the deep link sends to sign-in.
    await page.goto(`/customers/${ACME}/contacts`);
    await expect(page).toHaveURL(/\/sign-in\?next=/);
    const before = await page.evaluate(() => history.length);
    await page.getByLabel('API token').fill(TOKENS.owner);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page).toHaveURL(new RegExp(`/customers/${ACME}/contacts$`));
    await expect(page.locator('[data-contact="owner_id"]')).toBeVisible();
    expect(await page.evaluate(() => history.length)).toBe(before);
    await page.goBack();
    await expect(page).not.toHaveURL(/\/sign-in/);
    await expect(page.getByLabel('API token')).toHaveCount(0);
  });

  test('an activity filter change replaces the entry and keeps the scroll position', async ({ page }) => {
    await signIn(page, TOKENS.owner);
    await page.goto(`/customers/${ACME}/activity`);
    const rows = page.getByTestId('events').locator('li[data-event]');
    await expect(rows).toHaveCount(20);
    await page.getByRole('button', { name: 'Load more' }).click();
    await expect(rows).toHaveCount(40);
    const length = await page.evaluate(() => history.length);
    await page.evaluate(() => window.scrollTo(0, 120));
    await expect.poll(() => page.evaluate(() => window.scrollY)).toBe(120);
    await page.getByLabel('Event type').selectOption('customer.update');
    await expect(page).toHaveURL(/\?type=customer\.update$/);
    await expect.poll(async () => (await rows.first().locator('.event-type code').textContent())).toBe('customer.update');
    expect(await page.evaluate(() => history.length)).toBe(length);
    expect(await page.evaluate(() => window.scrollY)).toBe(120);
  });

  test('"Skip to content" with unsaved edits moves the focus without asking to leave', async ({ page }) => {
    await openSettings(page);
    await page.getByRole('textbox', { name: 'Company name' }).fill('Acme Unsaved');
    const asked: string[] = [];
    page.on('dialog', async (d) => { asked.push(d.message()); await d.dismiss(); });
    await page.getByRole('link', { name: 'Skip to content' }).focus();
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(new RegExp(`/customers/${ACME}#main$`));
    await expect(page.locator('main#main')).toBeFocused();
    await page.waitForTimeout(300);
    expect(asked).toEqual([]);
    await expect(page.getByRole('textbox', { name: 'Company name' })).toHaveValue('Acme Unsaved');
  });
});

test.describe('2. a write whose answer is lost is found out by reading again, never resent', () => {
  async function openContactsShort(page: Page) {
    // Short deadlines, so that a held answer gives up quickly.
    await page.addInitScript(() => {
      document.addEventListener('DOMContentLoaded', () => {
        document.querySelector('meta[name="api-deadlines"]')?.setAttribute('content', 'read=1500, write=2500');
      });
    });
    await signIn(page, TOKENS.owner);
    await page.goto(`/customers/${ACME}/contacts`);
    await expect(page.locator('[data-company-contact]')).toHaveCount(5);
  }

  test('an add applied but never answered: the list read again shows it, "Added", one POST', async ({ page, request }) => {
    await openContactsShort(page);
    const posts: string[] = [];
    page.on('request', (r) => { if (r.method() === 'POST' && r.url().includes('/contacts')) posts.push(r.url()); });
    await page.getByLabel('Contact type').selectOption('emergency');
    await page.getByRole('radio', { name: 'Someone else (name and email)' }).check();
    await page.getByLabel('Name', { exact: true }).fill('Pat Lee');
    await page.getByLabel('Email', { exact: true }).fill('pat.lee@example.com');
    const r = await request.post('/__standin/faults', { data: { method: 'POST', path: `/customer/${ACME}/contacts`, fault: 'hang-after', times: 1 } });
    expect(r.ok()).toBeTruthy();
    await page.getByRole('button', { name: 'Add contact' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Added an emergency contact' })).toContainText('reading the list again shows it');
    await expect(page.locator('[data-company-contact]')).toHaveCount(6);
    await expect(page.getByLabel('Name', { exact: true })).toHaveValue('');
    expect(posts).toHaveLength(1);
  });

  test('a removal applied but never answered: the list read again shows it gone, "Removed", one DELETE', async ({ page, request }) => {
    await openContactsShort(page);
    const deletes: string[] = [];
    page.on('request', (r) => { if (r.method() === 'DELETE') deletes.push(r.url()); });
    const r = await request.post('/__standin/faults', { data: { method: 'DELETE', path: `/customer/${ACME}/contacts/*`, fault: 'hang-after', times: 1 } });
    expect(r.ok()).toBeTruthy();
    await page.locator('[data-company-contact]').first().getByRole('button', { name: /^Remove/ }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Remove contact' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Removed the' })).toContainText('reading the list again shows it gone');
    await expect(page.locator('[data-company-contact]')).toHaveCount(4);
    expect(deletes).toHaveLength(1);
  });
});

test.describe('undo a save for 30 seconds', () => {
  test('settings: Undo puts back exactly what the save changed, in one form PUT, without taking the focus', async ({ page }) => {
    await openSettings(page);
    const name = page.getByRole('textbox', { name: 'Company name' });
    const before = await name.inputValue();
    await name.fill('Acme Undo Me');
    await page.getByRole('textbox', { name: 'Phone number' }).press('Enter');
    const status = page.getByRole('status').filter({ hasText: 'Saved 1 change.' });
    await expect(status).toBeVisible();
    const undo = status.getByRole('button', { name: 'Undo' });
    await expect(undo).toBeVisible();
    await expect(page.getByRole('textbox', { name: 'Phone number' })).toBeFocused();
    const puts: { body: string | null; type: string | undefined }[] = [];
    page.on('request', (r) => { if (r.method() === 'PUT') puts.push({ body: r.postData(), type: r.headers()['content-type'] }); });
    // Keyboard: the button is reachable and works with Enter.
    await undo.focus();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('status')).toContainText('Undone: Company name back as it was.');
    await expect(page.getByTestId('customer-name')).toHaveText(before);
    await expect(name).toHaveValue(before);
    expect(puts).toHaveLength(1);
    expect(puts[0].type).toContain('application/x-www-form-urlencoded');
    expect(Object.fromEntries(new URLSearchParams(puts[0].body ?? ''))).toEqual({ name: before });
    await expect(page.getByRole('button', { name: 'Undo' })).toHaveCount(0);
  });

  test('settings: the customer changed since the save — Undo shows the conflict instead of overwriting', async ({ page, request }) => {
    await openSettings(page);
    await page.getByRole('textbox', { name: 'Company name' }).fill('Acme Undo Conflict');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect(page.getByRole('status')).toContainText('Saved 1 change.');
    const r = await request.put(`/api/customer/${ACME}`, {
      headers: { 'Fastly-Key': TOKENS.owner, 'Content-Type': 'application/x-www-form-urlencoded' },
      data: 'phone_number=%2B44+20+7946+2222',
    });
    expect(r.status()).toBe(200);
    const puts: string[] = [];
    page.on('request', (req) => { if (req.method() === 'PUT') puts.push(req.url()); });
    await page.getByRole('button', { name: 'Undo' }).click();
    const conflict = page.getByRole('alert').filter({ hasText: 'Someone else changed this customer' });
    await expect(conflict).toBeVisible();
    await expect(conflict.locator('[data-conflict="phone_number"]')).toBeVisible();
    expect(puts).toHaveLength(0);
    // Undo over their change, on request.
    await conflict.getByRole('button', { name: 'Save my changes over theirs' }).click();
    await expect(page.getByRole('status')).toContainText('Undone: Company name');
    await expect(page.getByTestId('customer-name')).toHaveText('Acme Widgets Ltd');
    await expect(page.getByRole('textbox', { name: 'Phone number' })).toHaveValue('+44 20 7946 2222');
    expect(puts).toHaveLength(1);
  });

  test('settings: undoing company-wide 2FA says the sessions it ended stay ended', async ({ page }) => {
    await openSettings(page);
    await page.getByRole('switch', { name: 'Require two-factor authentication' }).click();
    const dialog = page.getByRole('dialog', { name: 'Require two-factor authentication?' });
    await dialog.getByRole('button', { name: 'Require 2FA' }).click();
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect(page.getByRole('status')).toContainText('Saved 1 change.');
    await page.getByRole('button', { name: 'Undo' }).click();
    await expect(page.getByRole('status')).toContainText('does not bring back the sessions it ended');
    await expect(page.getByRole('switch', { name: 'Require two-factor authentication' })).not.toBeChecked();
  });

  test('settings: Undo is offered for 30 seconds, then goes', async ({ page }) => {
    test.setTimeout(70_000);
    await openSettings(page);
    await page.getByRole('textbox', { name: 'Company name' }).fill('Acme Undo Clock');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect(page.getByRole('status')).toContainText('Saved 1 change.');
    const shown = Date.now();
    await expect(page.getByRole('button', { name: 'Undo' })).toBeVisible();
    await page.waitForTimeout(27_000);
    await expect(page.getByRole('button', { name: 'Undo' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Undo' })).toHaveCount(0, { timeout: 10_000 });
    expect(Date.now() - shown).toBeGreaterThanOrEqual(28_000);
    await expect(page.getByRole('status')).toContainText('Saved 1 change.');
  });

  test('contacts: assigning a contact role can be undone', async ({ page }) => {
    await signIn(page, TOKENS.owner);
    await page.goto(`/customers/${ACME}/contacts`);
    const legal = page.locator('[data-contact="legal_contact_id"]');
    await expect(legal).toBeVisible();
    const was = (await legal.locator('.assigned').textContent()) ?? '';
    await page.getByRole('combobox', { name: 'Legal contact' }).fill('ravi');
    await page.getByRole('option').first().click();
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Saved 1 contact change.' })).toBeVisible();
    await expect(legal.locator('.assigned')).toContainText('Ravi');
    await page.getByRole('button', { name: 'Undo' }).click();
    await expect(page.getByRole('status')).toContainText('Undone: Legal contact back as it was.');
    await expect(legal.locator('.assigned').first()).toHaveText(was);
  });
});
