import * as path from 'path';
import { test, expect, signIn, TOKENS, ACME, GLOBEX } from '../tests/fixtures';

const out = (name: string) => path.resolve(__dirname, '..', '..', 'docs', 'screenshots', `${name}.png`);

for (const scheme of ['light', 'dark'] as const) {
  test(`settings page, ${scheme}`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await signIn(page, TOKENS.owner);
    await expect(page.locator('[data-field="name"]')).toBeVisible();
    await page.getByLabel('Phone number').fill('+44 20 7946 0000');
    await page.screenshot({ path: out(`settings-${scheme}`), fullPage: false });
  });
}

test('contacts page', async ({ page }) => {
  await signIn(page, TOKENS.globexOwner);
  await page.goto(`/customers/${GLOBEX}/contacts`);
  await expect(page.getByTestId('users-count')).toContainText('of 10000');
  const picker = page.getByRole('combobox', { name: 'Legal contact' });
  await picker.fill('grace');
  await expect(page.getByRole('option').first()).toBeVisible();
  await page.screenshot({ path: out('contacts'), fullPage: false });
});

test('support view', async ({ page }) => {
  await signIn(page, TOKENS.support);
  await page.goto(`/customers/${ACME}`);
  await expect(page.getByTestId('support-banner')).toBeVisible();
  await page.getByTestId('raw-json').getByText('Raw JSON').click();
  await page.screenshot({ path: out('support-view'), fullPage: false });
});

test('activity page', async ({ page }) => {
  await signIn(page, TOKENS.owner);
  await page.goto(`/customers/${ACME}/activity`);
  const rows = page.locator('[data-testid="events"] li[data-event]');
  await expect(rows).toHaveCount(20);
  await rows.nth(0).getByText('Details').click();
  await page.screenshot({ path: out('activity'), fullPage: false });
});
