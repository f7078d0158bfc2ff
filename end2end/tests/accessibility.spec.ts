import AxeBuilder from '@axe-core/playwright';
import { test, expect, signIn, TOKENS, ACME, GLOBEX, INITECH } from './fixtures';

type Page = import('@playwright/test').Page;

async function expectNoSeriousViolations(page: Page, what: string) {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const report = serious.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
  expect(report, `${what}: serious or critical axe violations`).toEqual([]);
}

for (const scheme of ['light', 'dark'] as const) {
  test.describe(`axe, ${scheme} theme`, () => {
    test.use({ colorScheme: scheme });

    test('sign-in page (with an error shown)', async ({ page }) => {
      await page.goto('/sign-in');
      await page.getByLabel('API token').fill('wrong');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await expect(page.getByRole('alert')).toBeVisible();
      await expectNoSeriousViolations(page, 'sign-in');
    });

    test('settings page, editable, with a validation error and the 2FA dialog', async ({ page }) => {
      await signIn(page, TOKENS.owner);
      await expect(page.locator('[data-field="name"]')).toBeVisible();
      await page.getByLabel('Company name').fill('');
      await expect(page.getByText('Company name is required.')).toBeVisible();
      await expectNoSeriousViolations(page, 'settings (editable)');
      await page.getByRole('switch', { name: 'Require two-factor authentication' }).click();
      await expect(page.getByRole('dialog')).toBeVisible();
      await expect(page.getByTestId('logout-count')).toBeVisible();
      await expectNoSeriousViolations(page, 'settings (2FA dialog)');
    });

    test('settings page, read-only and deleted', async ({ page }) => {
      await signIn(page, TOKENS.initechOwner);
      await expect(page.getByTestId('deleted-banner')).toBeVisible();
      await expectNoSeriousViolations(page, 'settings (deleted)');
    });

    test('contacts page with the picker open', async ({ page }) => {
      await signIn(page, TOKENS.owner);
      await page.goto(`/customers/${ACME}/contacts`);
      await expect(page.locator('[data-company-contact]').first()).toBeVisible();
      await expectNoSeriousViolations(page, 'contacts');
      await page.getByRole('combobox', { name: 'Legal contact' }).click();
      await expect(page.getByRole('option').first()).toBeVisible();
      await expectNoSeriousViolations(page, 'contacts (picker open)');
    });

    test('support view and the 10,000-user contacts page', async ({ page }) => {
      await signIn(page, TOKENS.support);
      await page.goto(`/customers/${GLOBEX}`);
      await expect(page.getByTestId('support-banner')).toBeVisible();
      await page.getByTestId('raw-json').getByText('Raw JSON').click();
      await expectNoSeriousViolations(page, 'support view');
      await page.goto(`/customers/${GLOBEX}/contacts`);
      await expect(page.getByTestId('users-count')).toContainText('of 10000');
      await expectNoSeriousViolations(page, 'contacts (10,000 users)');
    });

    test('activity page, with a row\'s details open, then filtered', async ({ page }) => {
      await signIn(page, TOKENS.owner);
      await page.goto(`/customers/${ACME}/activity`);
      const invoice = page.locator('li[data-event="event00000000000000324"]');
      await expect(invoice).toBeVisible();
      await invoice.locator('summary').click();
      await expect(invoice.locator('details dl')).toBeVisible();
      await expectNoSeriousViolations(page, 'activity (details open)');
      await page.getByLabel('Event type').selectOption('user.lock');
      await expect(page).toHaveURL(/\?type=user\.lock$/);
      await expect(page.getByRole('link', { name: 'Clear filters' })).toBeVisible();
      await expect(page.locator('[data-event] .event-type code').first()).toHaveText('user.lock');
      await page.locator('[data-event] summary').first().click();
      await expectNoSeriousViolations(page, 'activity (filtered, details open)');
      // A range that ends before it starts, and a chosen user.
      await page.goto(`/customers/${ACME}/activity?from=2026-07-01&to=2026-06-01&user=acmeOwner0000000000001`);
      await expect(page.getByTestId('activity-filter-problem')).toBeVisible();
      await expect(page.getByTestId('activity-user')).toHaveText('Ada Okafor');
      await expectNoSeriousViolations(page, 'activity (filter problem, user chosen)');
    });

    test('settings page with Recent changes loaded', async ({ page }) => {
      await signIn(page, TOKENS.owner);
      await expect(page.getByTestId('recent-changes').locator('li[data-event]').first()).toBeVisible();
      await expectNoSeriousViolations(page, 'settings (recent changes)');
    });

    test('not-found and error pages', async ({ page }) => {
      await signIn(page, TOKENS.engineer);
      await page.goto('/nowhere');
      await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
      await expectNoSeriousViolations(page, 'not found');
      await page.goto(`/customers/${INITECH}`);
      await expect(page.getByTestId('load-error')).toBeVisible();
      await expectNoSeriousViolations(page, '403');
    });
  });
}

test('keyboard only: sign in, change a setting and save, then assign a contact', async ({ page }) => {
  await page.goto('/sign-in');
  // Reach the token field by keyboard.
  for (let i = 0; i < 10 && !(await page.getByLabel('API token').evaluate((el) => el === document.activeElement)); i++) {
    await page.keyboard.press('Tab');
  }
  await expect(page.getByLabel('API token')).toBeFocused();
  await page.keyboard.type(TOKENS.owner);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('signed-in-user')).toContainText('Ada Okafor');

  // Settings: Tab to the postal address, type, Tab on to "Save changes", Enter.
  const address = page.getByLabel('Postal address');
  await expect(address).toBeVisible();
  for (let i = 0; i < 40 && !(await address.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab');
  await expect(address).toBeFocused();
  await page.keyboard.press('Control+End');
  await page.keyboard.type('\nPO Box 7');
  const save = page.getByRole('button', { name: 'Save changes' });
  for (let i = 0; i < 80 && !(await save.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab');
  await expect(save).toBeFocused();
  const put = page.waitForRequest((r) => r.method() === 'PUT');
  await page.keyboard.press('Enter');
  expect((await put).postData()).toBe(`postal_address=${encodeURIComponent('Acme Widgets Ltd\n12 Foundry Lane\nManchester M4 5JD\nUnited Kingdom\nPO Box 7').replace(/%20/g, '+')}`);
  await expect(page.getByRole('status').filter({ hasText: 'Saved 1 change' })).toBeVisible();

  // Contacts tab by keyboard, then assign the technical contact with the picker.
  const tab = page.getByRole('link', { name: 'Contacts', exact: true });
  for (let i = 0; i < 80 && !(await tab.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Shift+Tab');
  await expect(tab).toBeFocused();
  await page.keyboard.press('Enter');
  const picker = page.getByRole('combobox', { name: 'Technical contact' });
  await expect(picker).toBeVisible();
  for (let i = 0; i < 40 && !(await picker.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab');
  await expect(picker).toBeFocused();
  await page.keyboard.type('ravi');
  await expect(page.getByRole('option').first()).toContainText('Ravi Shah');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('pending-changes')).toContainText('Technical contact: Elena Petrova → Ravi Shah');
  const saveContacts = page.getByRole('button', { name: 'Save changes' });
  for (let i = 0; i < 20 && !(await saveContacts.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab');
  await expect(saveContacts).toBeFocused();
  const put2 = page.waitForRequest((r) => r.method() === 'PUT');
  await page.keyboard.press('Enter');
  expect((await put2).postData()).toBe('technical_contact_id=acmeSuper0000000000002');
  await expect(page.locator('[data-contact="technical_contact_id"]')).toContainText('Ravi Shah');
});
