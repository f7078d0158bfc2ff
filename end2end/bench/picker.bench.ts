import type { Page, Request } from '@playwright/test';
import { test, expect, signIn, TOKENS, ACME, GLOBEX } from '../tests/fixtures';

// Measures (and prints) how the contacts page and its 10,000-user picker feel, and how many
// API requests the pages make. Not a test: it asserts only that things appeared, never timings.
//   npx playwright test --config end2end/bench/playwright.bench.config.ts

const RUNS = 5;

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const ms = (x: number) => `${x.toFixed(1)} ms`;
const report = (what: string, xs: number[]) =>
  console.log(`${what.padEnd(52)} median ${ms(median(xs)).padStart(9)}   runs: ${xs.map((x) => x.toFixed(1)).join(', ')}`);

/** Counts the page's own /api/ requests until `stop()` is called. */
function countApi(page: Page) {
  const seen: Request[] = [];
  let on = true;
  const listener = (r: Request) => { if (on && new URL(r.url()).pathname.startsWith('/api/')) seen.push(r); };
  page.on('request', listener);
  return {
    stop() { on = false; page.off('request', listener); return seen.map((r) => `${r.method()} ${new URL(r.url()).pathname}`); },
  };
}

const legalBox = (page: Page) => page.getByRole('combobox', { name: 'Legal contact', exact: true });
const legalCount = (page: Page) => page.locator('[data-contact="legal_contact_id"] .picker-count');
const legalOptions = (page: Page) => page.getByRole('listbox', { name: 'Legal contact: users' }).getByRole('option');

async function openGlobexContacts(page: Page) {
  await signIn(page, TOKENS.globexOwner);
  await page.goto(`/customers/${GLOBEX}/contacts`);
  await expect(page.getByTestId('users-count')).toHaveText('Showing 1–50 of 10000', { timeout: 30_000 });
  await expect(legalBox(page)).toBeVisible();
}

test('picker: open and filter times with 10,000 users', async ({ page }) => {
  await openGlobexContacts(page);
  const box = legalBox(page);

  // --- Open: focus → the listbox is displayed with options (in-page clock). ---
  const openDom: number[] = [];
  const openFrame: number[] = [];
  const openWall: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    await box.evaluate((el) => (el as HTMLInputElement).blur());
    await expect(box).toHaveAttribute('aria-expanded', 'false');
    const t = await box.evaluate((input) => new Promise<{ dom: number; frame: number }>((resolve) => {
      const list = document.getElementById(input.getAttribute('aria-controls')!)!;
      const shown = () => list.offsetParent !== null && list.querySelector('[role=option]') !== null;
      const t0 = performance.now();
      let dom = -1;
      const done = () => {
        dom = performance.now() - t0;
        requestAnimationFrame(() => resolve({ dom, frame: performance.now() - t0 }));
      };
      (input as HTMLInputElement).focus();
      if (shown()) { done(); return; }
      const mo = new MutationObserver(() => { if (shown()) { mo.disconnect(); done(); } });
      mo.observe(list.closest('.picker')!, { subtree: true, childList: true, attributes: true });
    }));
    openDom.push(t.dom);
    openFrame.push(t.frame);
    await expect(legalOptions(page).first()).toBeVisible();

    // The same, measured around Playwright actions (includes the protocol's round trips).
    await box.evaluate((el) => (el as HTMLInputElement).blur());
    await expect(box).toHaveAttribute('aria-expanded', 'false');
    const w0 = performance.now();
    await box.focus();
    await expect(legalOptions(page).first()).toBeVisible();
    openWall.push(performance.now() - w0);
  }

  // --- Filter: input of a query → the count text changes (in-page clock). ---
  const filterTimes: Record<string, { dom: number[]; frame: number[]; wall: number[]; typed: number[]; text: string }> = {};
  for (const query of ['grace', 'user 12', 'chen 12']) {
    const r = { dom: [] as number[], frame: [] as number[], wall: [] as number[], typed: [] as number[], text: '' };
    for (let i = 0; i < RUNS; i++) {
      await box.fill('');
      await expect(legalCount(page)).toHaveText('10000 users');
      const t = await box.evaluate((input, q) => new Promise<{ dom: number; frame: number; text: string }>((resolve) => {
        const count = input.closest('.picker')!.querySelector('.picker-count')!;
        const before = count.textContent;
        const t0 = performance.now();
        const mo = new MutationObserver(() => {
          if (count.textContent !== before) {
            mo.disconnect();
            const dom = performance.now() - t0;
            requestAnimationFrame(() => resolve({ dom, frame: performance.now() - t0, text: count.textContent ?? '' }));
          }
        });
        mo.observe(count, { subtree: true, childList: true, characterData: true });
        (input as HTMLInputElement).value = q;
        input.dispatchEvent(new InputEvent('input', { bubbles: true, data: q, inputType: 'insertText' }));
      }), query);
      r.dom.push(t.dom);
      r.frame.push(t.frame);
      r.text = t.text;

      // Wall clock around Playwright: fill (one input event) until the count text shows.
      await box.fill('');
      await expect(legalCount(page)).toHaveText('10000 users');
      let w0 = performance.now();
      await box.fill(query);
      await expect(legalCount(page)).toHaveText(t.text);
      r.wall.push(performance.now() - w0);

      // Typed key by key, as a person would (one filter per keystroke).
      await box.fill('');
      await expect(legalCount(page)).toHaveText('10000 users');
      w0 = performance.now();
      await box.pressSequentially(query);
      await expect(legalCount(page)).toHaveText(t.text);
      r.typed.push(performance.now() - w0);
    }
    filterTimes[query] = r;
  }
  expect(await legalOptions(page).count()).toBeLessThan(100);

  console.log('\n=== Picker on the Globex contacts page (10,000 users) ===');
  report('open: focus → options shown (DOM)', openDom);
  report('open: focus → options shown (next frame)', openFrame);
  report('open: focus → visible (Playwright wall clock)', openWall);
  for (const [q, r] of Object.entries(filterTimes)) {
    console.log(`filter "${q}" → "${r.text}"`);
    report(`  input → count text updated (DOM)`, r.dom);
    report(`  input → count text updated (next frame)`, r.frame);
    report(`  fill → count text (Playwright wall clock)`, r.wall);
    report(`  typed key by key → count text (wall clock)`, r.typed);
  }
});

test('API requests to show the contacts and settings pages, and to save settings', async ({ page }) => {
  await signIn(page, TOKENS.owner);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Acme Widgets Ltd');

  // Contacts page, full load (a fresh start of the app).
  let c = countApi(page);
  await page.goto(`/customers/${ACME}/contacts`);
  await expect(page.locator('[data-contact="legal_contact_id"]')).toContainText('Bill Moreno');
  await expect(page.getByTestId('users-count')).toContainText('Showing');
  await expect(page.locator('[data-company-contact]')).toHaveCount(5);
  const contactsFull = c.stop();

  // Settings page, full load.
  c = countApi(page);
  await page.goto(`/customers/${ACME}`);
  await expect(page.locator('[data-field="name"]').getByRole('textbox')).toHaveValue('Acme Widgets Ltd');
  await expect(page.locator('[data-field="owner_id"]')).toContainText('Ada Okafor');
  const settingsFull = c.stop();

  // In-app navigation: Settings → Contacts → Settings by the tabs.
  const tabs = page.getByRole('navigation', { name: 'Customer pages' });
  c = countApi(page);
  await tabs.getByRole('link', { name: 'Contacts' }).click();
  await expect(page.locator('[data-contact="legal_contact_id"]')).toContainText('Bill Moreno');
  await expect(page.getByTestId('users-count')).toContainText('Showing');
  await expect(page.locator('[data-company-contact]')).toHaveCount(5);
  const contactsTab = c.stop();
  c = countApi(page);
  await tabs.getByRole('link', { name: 'Settings' }).click();
  await expect(page.locator('[data-field="name"]').getByRole('textbox')).toHaveValue('Acme Widgets Ltd');
  await expect(page.locator('[data-field="owner_id"]')).toContainText('Ada Okafor');
  const settingsTab = c.stop();

  // A settings save of one field.
  await page.locator('[data-field="name"]').getByRole('textbox').fill('Acme Widgets Limited');
  c = countApi(page);
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toContainText('Saved 1 change');
  await page.waitForLoadState('networkidle');
  const settingsSave = c.stop();

  // "Recent changes" asks for events once the settings are shown (and again after a save):
  // listed apart, as it is not part of showing the page or of saving.
  const later = (r: string) => r.startsWith('GET /api/events');
  const show = (what: string, all: string[]) => {
    const reqs = all.filter((r) => !later(r));
    const after = all.filter(later);
    console.log(`${what.padEnd(44)} ${String(reqs.length).padStart(2)}   ${reqs.join(', ')}` +
      (after.length ? `   (then ${after.length} for Recent changes: ${after.join(', ')})` : ''));
  };
  console.log('\n=== API requests (page → /api/, until the content is visible; later requests in brackets) ===');
  show('contacts page, full load', contactsFull);
  show('settings page, full load', settingsFull);
  show('contacts page, via the tab', contactsTab);
  show('settings page, via the tab', settingsTab);
  show('settings save (one field)', settingsSave);
});
