import type { Locator, Page } from '@playwright/test';
import { test, expect, signIn, TOKENS, ACME, GLOBEX } from './fixtures';

// What a page keeps while its data changes under it: a save, a discard, a conflict's rebase
// and "Load more" change values in place. The controls are the same elements before and
// after (a probe written on each survives), the focus stays where the user is, and the
// users table's filter, sort and page, the picker's query and an open "Details" stay as
// they were.

const field = (page: Page, name: string) => page.locator(`[data-field="${name}"]`);
const status = (page: Page) => page.getByRole('status').filter({ hasText: /Saved|discarded/ });
const CONTROLS = 'input, textarea, select, button';

/** Marks every control under `scope` with a probe; a rebuilt control comes back without it. */
async function probe(scope: Locator): Promise<number> {
  return scope.locator(CONTROLS).evaluateAll((els) => {
    els.forEach((el) => ((el as HTMLElement).dataset.probe = 'kept'));
    return els.length;
  });
}

/** How many controls under `scope` still carry the probe, and how many there are. */
async function probed(scope: Locator): Promise<{ kept: number; all: number }> {
  return scope.locator(CONTROLS).evaluateAll((els) => ({
    kept: els.filter((el) => (el as HTMLElement).dataset.probe === 'kept').length,
    all: els.length,
  }));
}

async function openSettings(page: Page, token = TOKENS.superuser) {
  await signIn(page, token);
  await expect(page).toHaveURL(new RegExp(`/customers/${ACME}$`));
  await expect(field(page, 'name')).toBeVisible();
}

test.describe('settings: a save, a discard and a rebase leave the controls in place', () => {
  test('Enter in a field saves, and the focus and every control stay where they were', async ({ page }) => {
    await openSettings(page);
    const form = page.locator('form.settings');
    const before = await probe(form);
    expect(before).toBeGreaterThan(10);
    const phone = page.getByLabel('Phone number');
    await phone.fill('+44 20 7946 0000');
    await phone.press('Enter');
    await expect(status(page)).toContainText('Saved 1 change.');
    await expect(phone).toBeFocused();
    await expect(phone).toHaveValue('+44 20 7946 0000');
    expect(await probed(form)).toEqual({ kept: before, all: before });
    // The caret is still at the end: typing goes on where it was.
    await page.keyboard.type('1');
    await expect(phone).toHaveValue('+44 20 7946 00001');
  });

  test('after "Save changes" is pressed the focus stays on it, not on the page', async ({ page }) => {
    await openSettings(page);
    await page.getByLabel('Company name').fill('Acme Widgets Focus');
    const save = page.getByRole('button', { name: 'Save changes' });
    await save.focus();
    await page.keyboard.press('Enter');
    await expect(status(page)).toContainText('Saved 1 change.');
    await expect(page.getByTestId('customer-name')).toHaveText('Acme Widgets Focus');
    await expect(save).toBeFocused();
    await expect(save).toBeDisabled();
    // Shift+Tab goes back into the form, not to the top of the document.
    await page.keyboard.press('Shift+Tab');
    await expect(page.getByRole('button', { name: 'Discard changes' })).toBeFocused();
  });

  test('a read-only value follows a save in place (the heading and Last updated)', async ({ page }) => {
    await openSettings(page);
    const updated = field(page, 'updated_at');
    const stamp = await updated.locator('time').getAttribute('datetime');
    await updated.evaluate((el) => ((el as HTMLElement).dataset.probe = 'kept'));
    // A second later, so that updated_at (one-second resolution) moves.
    await page.waitForTimeout(1100);
    await page.getByLabel('Company name').fill('Acme Widgets Renamed');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect(status(page)).toContainText('Saved 1 change.');
    await expect(page.getByTestId('customer-name')).toHaveText('Acme Widgets Renamed');
    await expect(page).toHaveTitle('Settings · Acme Widgets Renamed · Account Console');
    await expect(updated.locator('time')).not.toHaveAttribute('datetime', stamp ?? '');
    await expect(updated).toHaveAttribute('data-probe', 'kept');
  });

  test('Discard changes restores the values in the same controls', async ({ page }) => {
    await openSettings(page);
    const form = page.locator('form.settings');
    const before = await probe(form);
    const address = page.getByLabel('Postal address');
    const loaded = await address.inputValue();
    await address.fill('Somewhere else');
    await page.getByRole('button', { name: 'Discard changes' }).click();
    await expect(status(page)).toContainText('Changes discarded.');
    await expect(address).toHaveValue(loaded);
    expect(await probed(form)).toEqual({ kept: before, all: before });
  });

  test('"Save my changes over theirs" keeps the controls and the edit in them', async ({ page, request }) => {
    await openSettings(page);
    const form = page.locator('form.settings');
    const before = await probe(form);
    await page.getByLabel('Postal address').fill('1 Rebased Street');
    const r = await request.put(`/api/customer/${ACME}`, {
      headers: { 'Fastly-Key': TOKENS.owner, 'Content-Type': 'application/x-www-form-urlencoded' },
      data: 'phone_number=%2B44+20+7946+1111',
    });
    expect(r.status()).toBe(200);
    await page.getByRole('button', { name: 'Save changes' }).click();
    const conflict = page.getByRole('alert').filter({ hasText: 'Someone else changed this customer' });
    await expect(conflict).toBeVisible();
    await conflict.getByRole('button', { name: 'Save my changes over theirs' }).click();
    await expect(status(page)).toContainText('Saved 1 change.');
    await expect(page.getByLabel('Postal address')).toHaveValue('1 Rebased Street');
    // Their change shows in the same control.
    await expect(page.getByLabel('Phone number')).toHaveValue('+44 20 7946 1111');
    expect(await probed(form)).toEqual({ kept: before, all: before });
  });
});

test.describe('contacts: a save leaves the users table and the forms as they were', () => {
  test('filter, sort and page of the users table, and a half-typed contact, survive a role save', async ({ page }) => {
    await signIn(page, TOKENS.globexOwner);
    await page.goto(`/customers/${GLOBEX}/contacts`);
    await expect(page.locator('[data-contact="legal_contact_id"]')).toBeVisible();
    await expect(page.getByTestId('users-count')).toContainText('of 10000');

    // The users table: filtered, sorted by login (descending), on page 2.
    await page.getByLabel('Filter users').fill('a');
    const loginHeader = page.getByRole('columnheader', { name: /Login/ });
    await loginHeader.getByRole('button').click();
    await loginHeader.getByRole('button').click();
    await expect(loginHeader).toHaveAttribute('aria-sort', 'descending');
    await page.getByRole('button', { name: 'Next page' }).click();
    await expect(page.getByText(/^Page 2 of/)).toBeVisible();
    const countText = await page.getByTestId('users-count').textContent();
    const firstRow = await page.locator('table.users-table tbody tr').first().getAttribute('data-user');

    // A half-typed company contact.
    const addForm = page.locator('form.add-contact');
    await addForm.getByLabel('Someone else (name and email)').check();
    await addForm.getByLabel('Name', { exact: true }).fill('Half Typed');

    // Assign the legal contact and save.
    const picker = page.getByRole('combobox', { name: 'Legal contact' });
    await picker.fill('grace');
    await page.getByRole('option').first().click();
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Saved 1 contact change.' })).toBeVisible();

    await expect(page.getByLabel('Filter users')).toHaveValue('a');
    await expect(loginHeader).toHaveAttribute('aria-sort', 'descending');
    await expect(page.getByText(/^Page 2 of/)).toBeVisible();
    await expect(page.getByTestId('users-count')).toHaveText(countText ?? '');
    await expect(page.locator('table.users-table tbody tr').first()).toHaveAttribute('data-user', firstRow ?? '');
    await expect(addForm.getByLabel('Name', { exact: true })).toHaveValue('Half Typed');
  });

  test('a picker query typed but not chosen survives a save of another role', async ({ page }) => {
    await signIn(page, TOKENS.owner);
    await page.goto(`/customers/${ACME}/contacts`);
    const technical = page.getByRole('combobox', { name: 'Technical contact' });
    await expect(technical).toBeVisible();
    const legal = page.getByRole('combobox', { name: 'Legal contact' });
    await legal.fill('ravi');
    await page.getByRole('option').first().click();
    await technical.fill('uma');
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Saved 1 contact change.' })).toBeVisible();
    await expect(technical).toHaveValue('uma');
  });
});

test.describe('activity: "Load more" leaves the filters and the listed rows alone', () => {
  test('a user query typed in the filter and an open "Details" survive "Load more"', async ({ page }) => {
    await signIn(page, TOKENS.owner);
    await page.goto(`/customers/${ACME}/activity`);
    const rows = page.getByTestId('events').locator('li[data-event]');
    await expect(rows).toHaveCount(20);
    const details = rows.first().locator('details');
    if (await details.count()) await details.locator('summary').click();
    const user = page.getByRole('combobox', { name: 'User' });
    await user.fill('ada');
    await page.keyboard.press('Escape');
    const filters = page.locator('form.activity-filters');
    const before = await probe(filters);
    await page.getByRole('button', { name: 'Load more' }).click();
    await expect(rows).toHaveCount(40);
    await expect(user).toHaveValue('ada');
    expect(await probed(filters)).toEqual({ kept: before, all: before });
    if (await details.count()) await expect(details).toHaveAttribute('open', '');
  });
});
