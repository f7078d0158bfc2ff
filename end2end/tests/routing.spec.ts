import { test, expect, signIn, TOKENS, ACME } from './fixtures';

// The console's own router (browser/router.rs): in-app links change the page in the same
// document; links that leave the app, open elsewhere or download are the browser's.

test('links inside the app change the page without loading a new document', async ({ page }) => {
  await signIn(page, TOKENS.owner);
  await page.goto(`/customers/${ACME}`);
  await expect(page.getByTestId('customer-name')).toHaveText('Acme Widgets Ltd');
  await page.evaluate(() => ((window as any).sameDocument = true));
  const documents: string[] = [];
  page.on('request', (r) => { if (r.resourceType() === 'document') documents.push(r.url()); });
  await page.getByRole('link', { name: 'Contacts', exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/customers/${ACME}/contacts$`));
  await expect(page.getByRole('heading', { name: 'Contact roles', exact: true })).toBeVisible();
  await page.getByRole('link', { name: 'Settings', exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/customers/${ACME}$`));
  await expect(page.getByTestId('customer-name')).toHaveText('Acme Widgets Ltd');
  expect(await page.evaluate(() => (window as any).sameDocument)).toBe(true);
  expect(documents).toEqual([]);
});

test('a page that needs a session sends to sign-in in place: back does not bounce into it again', async ({ page }) => {
  await page.goto('/sign-in');
  await page.goto(`/customers/${ACME}/contacts`);
  await expect(page).toHaveURL(/\/sign-in\?next=/);
  await page.goBack();
  await expect(page).toHaveURL(/\/sign-in$/);
});

test('the skip link stays on the page and moves focus to the content', async ({ page }) => {
  await signIn(page, TOKENS.owner);
  await page.goto(`/customers/${ACME}`);
  await expect(page.getByTestId('customer-name')).toBeVisible();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Skip to content' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`/customers/${ACME}#main$`));
  await expect(page.locator('main#main')).toBeFocused();
  await expect(page.getByTestId('customer-name')).toBeVisible();
});
