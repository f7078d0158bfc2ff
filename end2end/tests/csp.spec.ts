import type { Page, APIRequestContext } from '@playwright/test';
import { createHash } from 'crypto';
import { test, expect, signIn, TOKENS, ACME, GLOBEX } from './fixtures';

// The Content-Security-Policy of the built app: index.html carries it as a <meta> (so any
// static host applies it), Trunk's loader is an external boot-<hash>.js (scripts/
// externalize-loader.mjs), and the app sets no style="…" attribute. A server may send the
// same policy as a header as well (with frame-ancestors); these tests hold with or without it.

/** One `securitypolicyviolation` event, as the page saw it. */
type Violation = {
  directive: string;
  blockedURI: string;
  sample: string;
  source: string;
  line: number;
  column: number;
  policy: string;
  disposition: string;
  path: string;
};

declare global {
  interface Window {
    __csp: Violation[];
    __cspReport?: (v: Violation) => void;
  }
}

/**
 * Collects CSP violations from the next navigation on: every `securitypolicyviolation` event
 * (kept in the page as `window.__csp`, and reported to the test so that none is lost when the
 * page navigates) and every console message about the Content Security Policy.
 */
async function watchCsp(page: Page) {
  const events: Violation[] = [];
  const console: string[] = [];
  await page.exposeFunction('__cspReport', (v: Violation) => { events.push(v); });
  await page.addInitScript(() => {
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      const v = {
        directive: e.effectiveDirective, blockedURI: e.blockedURI, sample: e.sample,
        source: e.sourceFile, line: e.lineNumber, column: e.columnNumber,
        policy: e.originalPolicy, disposition: e.disposition, path: location.pathname,
      };
      window.__csp.push(v);
      window.__cspReport?.(v);
    }, true);
  });
  page.on('console', (m) => { if (m.text().includes('Content Security Policy')) console.push(`${m.type()}: ${m.text()}`); });
  return { events, console, inPage: () => page.evaluate(() => window.__csp) };
}

/** Fails at `step` (not at a later timeout) if any violation has been seen so far. */
async function expectNoViolation(page: Page, csp: Awaited<ReturnType<typeof watchCsp>>, step: string) {
  // Reports are delivered asynchronously: give them a moment to arrive.
  await page.waitForTimeout(150);
  expect(summary(csp.events), `CSP violations by "${step}"`).toEqual([]);
  expect(summary(await csp.inPage()), `CSP violations in the page by "${step}"`).toEqual([]);
  expect([...new Set(csp.console)], `console CSP messages by "${step}"`).toEqual([]);
}

/** Violations as readable lines, each once with its count. */
function summary(events: Violation[]): string[] {
  const counts = new Map<string, number>();
  for (const v of events) {
    const line = `${v.directive} blocked ${v.blockedURI || '?'} from ${v.source || '?'}:${v.line} on ${v.path}`;
    counts.set(line, (counts.get(line) ?? 0) + 1);
  }
  return [...counts].map(([line, n]) => `${n} × ${line}`);
}

/** The same violation reported once per policy in force (meta and header) counts once. */
function distinct(events: Violation[]): Violation[] {
  const seen = new Map<string, Violation>();
  for (const v of events) seen.set(JSON.stringify([v.directive, v.blockedURI, v.sample, v.source, v.line, v.column, v.path]), v);
  return [...seen.values()];
}

/** The attributes of every `<tag …>` in `html`, lower-cased names. */
function tags(html: string, tag: string): Array<{ attrs: Record<string, string>; body: string; index: number }> {
  const out: Array<{ attrs: Record<string, string>; body: string; index: number }> = [];
  const re = tag === 'script' ? /<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi : new RegExp(`<${tag}\\b([^>]*)>`, 'gi');
  for (const m of html.matchAll(re)) {
    const attrs: Record<string, string> = {};
    for (const a of m[1].matchAll(/([^\s=/]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g)) {
      attrs[a[1].toLowerCase()] = a[2] ?? a[3] ?? a[4] ?? '';
    }
    out.push({ attrs, body: m[2] ?? '', index: m.index! });
  }
  return out;
}

function directives(policy: string): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const part of policy.split(';')) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) map.set(name.toLowerCase(), values);
  }
  return map;
}

const UNSAFE = /unsafe-inline|'unsafe-eval'|unsafe-hashes/i;

async function servedIndex(request: APIRequestContext) {
  const res = await request.get('/');
  expect(res.status()).toBe(200);
  expect(res.headers()['content-type']).toContain('text/html');
  return { html: await res.text(), header: res.headers()['content-security-policy'] };
}

async function metaPolicy(request: APIRequestContext): Promise<string> {
  const { html } = await servedIndex(request);
  const meta = tags(html, 'meta').find((m) => m.attrs['http-equiv']?.toLowerCase() === 'content-security-policy');
  expect(meta, 'a <meta http-equiv="Content-Security-Policy">').toBeTruthy();
  return meta!.attrs.content;
}

test.describe('Content-Security-Policy', () => {
  test('index.html carries a strict policy and has no inline script or style', async ({ request }) => {
    const { html, header } = await servedIndex(request);

    const metas = tags(html, 'meta').filter((m) => m.attrs['http-equiv']?.toLowerCase() === 'content-security-policy');
    expect(metas).toHaveLength(1);
    const meta = metas[0];
    const policy = directives(meta.attrs.content);
    expect(policy.get('script-src')).toEqual(["'self'", "'wasm-unsafe-eval'"]);
    expect(policy.get('default-src')).toEqual(["'none'"]);
    expect(policy.get('style-src')).toEqual(["'self'"]);
    expect(policy.get('object-src')).toEqual(["'none'"]);
    expect(policy.get('base-uri')).toEqual(["'none'"]);
    expect(policy.get('connect-src')).toContain("'self'");
    expect(html).not.toMatch(UNSAFE);
    // A <meta> policy covers only what comes after it: nothing loads before it.
    const firstLoad = Math.min(...['script', 'link', 'style', 'base'].flatMap((t) => tags(html, t).map((x) => x.index)));
    expect(meta.index).toBeLessThan(firstLoad);

    // No inline script: every <script> has a same-origin src and no body.
    const scripts = tags(html, 'script');
    expect(scripts.length).toBeGreaterThan(0);
    for (const s of scripts) {
      expect(s.body.trim(), `inline script body: ${s.body.slice(0, 80)}`).toBe('');
      expect(s.attrs.src).toMatch(/^\/[^/]/);
      expect(s.attrs).not.toHaveProperty('nonce');
    }
    expect(scripts.some((s) => /^\/boot-[0-9a-f]{16}\.js$/.test(s.attrs.src) && s.attrs.type === 'module')).toBeTruthy();
    // No inline style or event handler either.
    expect(html).not.toMatch(/<style\b/i);
    expect(html).not.toMatch(/\sstyle\s*=/i);
    expect(html).not.toMatch(/\son[a-z]+\s*=/i);

    // Subresource integrity, where given, matches what is served (the boot script's included).
    const withIntegrity = [...scripts, ...tags(html, 'link')].filter((t) => t.attrs.integrity);
    expect(withIntegrity.length).toBeGreaterThan(0);
    for (const t of withIntegrity) {
      const url = t.attrs.src ?? t.attrs.href;
      const [alg, expected] = t.attrs.integrity.split(/-(.*)/s);
      const res = await request.get(url);
      expect(res.status(), url).toBe(200);
      expect(createHash(alg).update(await res.body()).digest('base64'), `integrity of ${url}`).toBe(expected);
    }
    const boot = scripts.find((s) => s.attrs.src.includes('/boot-'))!;
    const bootRes = await request.get(boot.attrs.src);
    expect(bootRes.headers()['content-type']).toMatch(/javascript/);
    expect(await bootRes.text()).toContain('TrunkApplicationStarted');

    // If the server also sends the policy as a header, it must be no weaker.
    if (header) {
      expect(header).not.toMatch(UNSAFE);
      expect(directives(header).get('script-src')).toEqual(["'self'", "'wasm-unsafe-eval'"]);
    }
  });

  test('the main flows run without a CSP violation', async ({ page }) => {
    test.setTimeout(90_000);
    const csp = await watchCsp(page);

    // Acme's owner edits the company name on the settings page and saves.
    await signIn(page, TOKENS.owner);
    await expect(page).toHaveURL(new RegExp(`/customers/${ACME}$`));
    await page.getByLabel('Company name').fill('Acme Widgets Group');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect(page.getByRole('status')).toContainText('Saved 1 change.');
    await expect(page.getByTestId('customer-name')).toHaveText('Acme Widgets Group');
    await expectNoViolation(page, csp, 'settings saved');

    // Contacts: the billing contact picker renders its rows; choose one and save.
    await page.goto(`/customers/${ACME}/contacts`);
    await expect(page.getByTestId('users-count')).toContainText(/Showing/);
    const billing = page.getByRole('combobox', { name: 'Billing contact', exact: true });
    await billing.click();
    await expect(billing).toHaveAttribute('aria-expanded', 'true');
    await billing.pressSequentially('han');
    const billingOptions = page.getByRole('listbox', { name: 'Billing contact: users' }).getByRole('option');
    await expect(billingOptions.first()).toBeVisible();
    await expectNoViolation(page, csp, 'billing contact picker open');
    await billingOptions.filter({ hasText: 'Hannah Kim' }).first().click();
    await expect(billing).toHaveAttribute('aria-expanded', 'false');
    await expect(page.getByTestId('pending-changes')).toContainText('Hannah Kim');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect(page.getByRole('status').filter({ hasText: /Saved/ })).toContainText('Saved 1 contact change');

    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page).toHaveURL(/\/sign-in/);

    // Globex: the 10,000-user picker, opened, scrolled and filtered.
    await signIn(page, TOKENS.globexOwner);
    await page.goto(`/customers/${GLOBEX}/contacts`);
    await expect(page.getByTestId('users-count')).toContainText('of 10000');
    const legal = page.getByRole('combobox', { name: 'Legal contact', exact: true });
    const listbox = page.getByRole('listbox', { name: 'Legal contact: users' });
    await legal.click();
    await expect(listbox.getByRole('option').first()).toBeVisible();
    await expect(listbox.getByRole('option').first()).toHaveAttribute('aria-setsize', '10000');
    await listbox.evaluate((el) => { el.scrollTop = 5000 * 52; el.dispatchEvent(new Event('scroll')); });
    await expect(listbox.locator('[aria-posinset="5001"]')).toHaveCount(1);
    await expectNoViolation(page, csp, '10,000-user picker scrolled');
    // The rows are placed by style properties, which the policy allows.
    const box = await listbox.locator('[aria-posinset="5001"]').evaluate((el) => (el as HTMLElement).style.top);
    expect(box).toBe(`${5000 * 52}px`);
    await legal.pressSequentially('grace');
    await expect(listbox.getByRole('option').first()).toBeVisible();
    await legal.press('Escape');
    await expect(legal).toHaveAttribute('aria-expanded', 'false');

    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page).toHaveURL(/\/sign-in/);

    await expectNoViolation(page, csp, 'signed out');
  });

  test('the collector catches a violation: an inline style attribute is refused', async ({ page, request }) => {
    const policy = await metaPolicy(request);
    const csp = await watchCsp(page);
    await page.goto('/sign-in');
    await expect(page.getByLabel('API token')).toBeVisible();
    expect(csp.events).toEqual([]);

    await page.evaluate(() => document.body.insertAdjacentHTML('beforeend', '<div id="csp-probe" style="color: rgb(255, 0, 0)">probe</div>'));
    await expect.poll(() => distinct(csp.events).length).toBe(1);
    await expect.poll(() => csp.console.length).toBeGreaterThan(0);
    const [v] = distinct(csp.events);
    expect(v.directive).toMatch(/^style-src/);
    expect(v.disposition).toBe('enforce');
    // Exactly one report from the <meta> policy (a header policy, if any, reports its own).
    expect(csp.events.filter((e) => e.policy.trim() === policy.trim())).toHaveLength(1);
    expect(distinct(await csp.inPage())).toHaveLength(1);
    // And the style was not applied.
    const color = await page.locator('#csp-probe').evaluate((el) => getComputedStyle(el).color);
    expect(color).not.toBe('rgb(255, 0, 0)');
  });

  test('an injected inline script and a string eval are refused', async ({ page }) => {
    const csp = await watchCsp(page);
    await page.goto('/sign-in');
    await expect(page.getByLabel('API token')).toBeVisible();

    await page.evaluate(() => {
      const s = document.createElement('script');
      s.textContent = 'window.__inlineRan = true;';
      document.head.append(s);
      // A string timer is eval: it runs (or not) later, as the page's own code.
      (window.setTimeout as (code: string, ms: number) => number)('window.__evalRan = true;', 0);
    });
    await expect.poll(() => distinct(csp.events).map((v) => `${v.directive} ${v.blockedURI}`).sort())
      .toEqual(['script-src eval', 'script-src-elem inline']);
    const ran = await page.evaluate(() => {
      const w = window as unknown as { __inlineRan?: boolean; __evalRan?: boolean };
      return { inline: w.__inlineRan ?? false, eval: w.__evalRan ?? false };
    });
    expect(ran).toEqual({ inline: false, eval: false });
  });
});
