import { test, expect, signIn, TOKENS, ACME, recordedRequests, clearRecordedRequests } from './fixtures';

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
  await clearRecordedRequests(request);
  await page.goto(`/customers/${ACME}`);
  await expect(page.getByTestId('customer-name')).toHaveText('Acme Widgets Ltd');
  await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
  const reads = (await recordedRequests(request)).map((r) => `${r.method} ${r.path}`);
  expect(reads.length, reads.join(', ')).toBeLessThanOrEqual(3);
});
