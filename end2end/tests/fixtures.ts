import { expect, Page, APIRequestContext } from '@playwright/test';
// The kit's `test` (its `consoleApp` fixture): the specs that dogfood the kit use it.
import { test as base } from '../kit/src/index.js';

export const ACME = '7XbRfLq2Zk9mWcT4pN1sVe';
export const GLOBEX = '3GxTq8LmZp2RkW7vNc5bYh';
export const INITECH = '9InTcH4dEl3tEdQw2ZxCvB';
export const SUPPORT_CUSTOMER = '5SuPpOrT7fAsTlYhQ8mN2k';

export const TOKENS = {
  owner: 'acme-owner-token',
  superuser: 'acme-superuser-token',
  engineer: 'acme-engineer-token',
  billing: 'acme-billing-token',
  user: 'acme-user-token',
  readonly: 'acme-readonly-token',
  nomfa: 'acme-nomfa-token',
  globexOwner: 'globex-owner-token',
  initechOwner: 'initech-owner-token',
  support: 'support-token',
};

/** The stand-in's test controls. */
export async function resetStandin(request: APIRequestContext) {
  const r = await request.post('/__standin/reset');
  expect(r.ok()).toBeTruthy();
}

export async function addFault(request: APIRequestContext, fault: { method?: string; path: string; fault: string; times?: number }) {
  const r = await request.post('/__standin/faults', { data: fault });
  expect(r.ok()).toBeTruthy();
}

export async function setLatency(request: APIRequestContext, latency: { ms: number; method?: string; path?: string }) {
  const r = await request.post('/__standin/latency', { data: latency });
  expect(r.ok()).toBeTruthy();
}

export async function recordedRequests(request: APIRequestContext): Promise<Array<{ method: string; path: string; content_type: string | null; body: string }>> {
  const r = await request.get('/__standin/requests');
  expect(r.ok()).toBeTruthy();
  return r.json();
}

export async function clearRecordedRequests(request: APIRequestContext) {
  await request.delete('/__standin/requests');
}

/** Signs in through the page, as a person would. */
export async function signIn(page: Page, token: string) {
  if (!page.url().includes('/sign-in')) await page.goto('/sign-in');
  await page.getByLabel('API token').fill(token);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('signed-in-user')).toBeVisible();
}

/** Drops the tab's note of who signed in (src/browser/session.rs, "account-console.user"),
 *  keeping the token: a tab signed in by an older version, or whose note is unreadable. Its
 *  next page asks `GET /current_user` again. */
export async function forgetSignedInUser(page: Page) {
  await page.evaluate(() => sessionStorage.removeItem('account-console.user'));
}

export const test = base.extend<{ standin: void }>({
  standin: [async ({ request }, use) => {
    await resetStandin(request);
    await use();
  }, { auto: true }],
});
export { expect };
