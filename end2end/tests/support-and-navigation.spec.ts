import { test, expect, signIn, addFault, TOKENS, ACME, GLOBEX, INITECH } from './fixtures';

const CONTROLS = 'input, textarea, select, [role=switch], [role=checkbox], [role=combobox]';

test.describe('support view', () => {
  // Through the kit: SupportView.open and ConsoleApp.contacts.
  test('support staff open any customer by id: banner, no edit control anywhere', async ({ page, consoleApp }) => {
    await consoleApp.signIn(TOKENS.support);
    const support = consoleApp.supportView();
    const settings = await support.open(`  ${ACME}  `);
    await expect(page).toHaveURL(new RegExp(`/customers/${ACME}$`));
    await expect(page.getByTestId('support-banner')).toContainText('Acme Widgets Ltd');
    expect(await support.bannerText()).toContain('read-only');
    await expect(settings.field('name').locator).toContainText('Acme Widgets Ltd');
    expect(await settings.editableFields()).toEqual([]);
    await expect(page.locator(`[data-field] :is(${CONTROLS})`)).toHaveCount(0);
    await expect(page.locator('main').locator(CONTROLS)).toHaveCount(0);
    await expect(settings.saveButton).toHaveCount(0);
    // The contacts page is read-only too.
    await page.getByRole('link', { name: 'Contacts', exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`/customers/${ACME}/contacts$`));
    const contacts = await consoleApp.contacts(ACME);
    await expect(support.banner).toBeVisible();
    await expect(page.getByTestId('support-banner')).toBeVisible();
    for (const role of ['owner_id', 'billing_contact_id', 'legal_contact_id', 'security_contact_id', 'technical_contact_id'] as const) {
      expect(await contacts.role(role).isEditable(), `${role} has a control`).toBe(false);
    }
    await expect(page.locator(`[data-contact] :is(${CONTROLS}, button)`)).toHaveCount(0);
    await expect(page.getByRole('button', { name: /Remove/ })).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Add contact' })).toHaveCount(0);
  });

  // Through the kit: SupportView.rawJson.
  test('raw JSON shows the API answer pretty-printed', async ({ page, request, consoleApp }) => {
    await consoleApp.signIn(TOKENS.support);
    await consoleApp.settings(GLOBEX);
    const raw = await consoleApp.supportView().rawJson();
    const shown = JSON.parse(raw);
    const api = await (await request.get(`/api/customer/${GLOBEX}`, { headers: { 'Fastly-Key': TOKENS.support } })).json();
    expect(shown).toEqual(api);
    expect(raw).toContain('\n  "');
    await expect(page.getByTestId('raw-json').locator('pre')).toBeVisible();
  });

  test('raw JSON is the answer\'s text as received: key order, duplicate keys, big integers, __proto__', async ({ page }) => {
    await signIn(page, TOKENS.support);
    // Acme's answer as the stand-in sends it, with what reading it into a value would lose
    // put first: a key out of order, a duplicate key, an integer beyond 2^53, __proto__.
    const extra = '"zz_first": true, "dup": "one", "dup": "two", "big": 12345678901234567890123, "__proto__": {"polluted": "yes"}, "esc": "say \\"hi\\" [not] {a list}", ';
    await page.route(`**/api/customer/${ACME}`, async (route) => {
      if (route.request().method() !== 'GET') return route.fallback();
      const response = await route.fetch();
      const text = await response.text();
      expect(text.trimStart().startsWith('{')).toBeTruthy();
      await route.fulfill({ response, body: `{${extra}${text.trimStart().slice(1)}` });
    });
    await page.goto(`/customers/${ACME}`);
    await expect(page.getByTestId('customer-name')).toHaveText('Acme Widgets Ltd');
    const panel = page.getByTestId('raw-json');
    await panel.getByText('Raw JSON').click();
    const shown = await panel.locator('pre').innerText();
    const lines = shown.split('\n');
    expect(lines.slice(0, 7)).toEqual([
      '{',
      '  "zz_first": true,',
      '  "dup": "one",',
      '  "dup": "two",',
      '  "big": 12345678901234567890123,',
      '  "__proto__": {',
      '    "polluted": "yes"',
    ]);
    expect(lines.slice(7, 9)).toEqual(['  },', '  "esc": "say \\"hi\\" [not] {a list}",']);
    // Then the stand-in's own answer, laid out the same way.
    expect(lines[9]).toMatch(/^  "[a-z_]+": /);
    expect(shown).toMatch(new RegExp(`\\n  "id": "${ACME}",?\\n`));
    expect(lines.at(-1)).toBe('}');
  });

  // Through the kit: SupportView.copyId.
  test('copy buttons put ids on the clipboard', async ({ page, context, consoleApp }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await consoleApp.signIn(TOKENS.support);
    await consoleApp.settings(ACME);
    const support = consoleApp.supportView();
    expect(await support.copyId('customer')).toBe(ACME);
    await expect(page.getByRole('button', { name: 'Copy customer ID' }).first()).toContainText('Copied');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(ACME);
    await expect(page.locator('[data-field="owner_id"]').getByRole('button', { name: /Copy user ID of Ada Okafor/ })).toBeVisible();
    expect(await support.copyId('owner_id')).toBe('acmeOwner0000000000001');
    await expect(page.locator('[data-field="pricing_plan_id"]').getByRole('button', { name: /Copy pricing plan id/i })).toBeVisible();
    expect(await support.copyId('pricing_plan_id')).toBe('ppEnterprise2021aB3xYz');
  });

  test('recently opened customers are listed for this tab', async ({ page }) => {
    await signIn(page, TOKENS.support);
    await page.goto(`/customers/${ACME}`);
    await expect(page.getByTestId('customer-name')).toHaveText('Acme Widgets Ltd');
    await page.goto(`/customers/${GLOBEX}`);
    await expect(page.getByTestId('customer-name')).toHaveText('Globex Streaming Inc');
    await page.getByText('Recent customers').click();
    const recent = page.getByTestId('recent-customers');
    await expect(recent.getByRole('listitem')).toHaveCount(3); // own customer first, then these two
    await expect(recent.getByRole('listitem').first()).toContainText('Globex Streaming Inc');
    await recent.getByRole('link', { name: 'Acme Widgets Ltd' }).click();
    await expect(page).toHaveURL(new RegExp(`/customers/${ACME}$`));
  });

  test('a bad customer id gets a clear message and no request', async ({ page }) => {
    await signIn(page, TOKENS.support);
    const before = page.url();
    await page.getByLabel('Open customer').fill('not an id!');
    await page.getByRole('button', { name: 'Open', exact: true }).click();
    await expect(page.getByRole('alert')).toContainText('is not a customer ID');
    expect(page.url()).toBe(before);
    await page.getByLabel('Open customer').fill('');
    await page.getByLabel('Open customer').press('Enter');
    await expect(page.getByRole('alert')).toContainText('Enter a customer ID');
  });
});

test.describe('navigation', () => {
  test('tabs, back and forward, reload on each route', async ({ page }) => {
    await signIn(page, TOKENS.owner);
    await expect(page.getByRole('link', { name: 'Settings', exact: true })).toHaveAttribute('aria-current', 'page');
    await page.getByRole('link', { name: 'Contacts', exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`/customers/${ACME}/contacts$`));
    await expect(page.getByRole('link', { name: 'Contacts', exact: true })).toHaveAttribute('aria-current', 'page');
    await expect(page).toHaveTitle(/Contacts · Acme Widgets Ltd/);
    await expect(page.locator('[data-contact="owner_id"]')).toContainText('Ada Okafor');
    await page.goBack();
    await expect(page).toHaveURL(new RegExp(`/customers/${ACME}$`));
    await expect(page).toHaveTitle(/Settings · Acme Widgets Ltd/);
    await page.goForward();
    await expect(page).toHaveURL(new RegExp(`/customers/${ACME}/contacts$`));
    await page.reload();
    await expect(page.locator('[data-contact="owner_id"]')).toContainText('Ada Okafor');
    await page.goto(`/customers/${ACME}`);
    await page.reload();
    await expect(page.locator('[data-field="name"]')).toBeVisible();
    await page.goto('/');
    await expect(page).toHaveURL(new RegExp(`/customers/${ACME}$`));
  });

  test('every page has a real title', async ({ page }) => {
    await page.goto('/sign-in');
    await expect(page).toHaveTitle('Sign in · Account Console');
    await signIn(page, TOKENS.owner);
    await expect(page).toHaveTitle('Settings · Acme Widgets Ltd · Account Console');
    await page.goto('/nowhere');
    await expect(page).toHaveTitle('Page not found · Account Console');
  });

  test('a customer that does not exist gets a 404 page', async ({ page }) => {
    await signIn(page, TOKENS.support);
    await page.goto('/customers/doesNotExist123');
    const error = page.getByTestId('load-error');
    await expect(error.getByRole('heading')).toHaveText('Customer not found');
    await expect(error).toContainText('does not exist, or it is not visible to this token');
    await expect(error).toContainText('Record not found');
    await expect(error.getByRole('link', { name: 'Go to your account' })).toBeVisible();
  });

  test('another company\'s customer is a 403 page that says which role is needed', async ({ page }) => {
    await signIn(page, TOKENS.engineer);
    await page.goto(`/customers/${INITECH}`);
    const error = page.getByTestId('load-error');
    await expect(error.getByRole('heading')).toHaveText('Not allowed');
    await expect(error).toContainText('support staff');
  });

  test('the not-found page offers a way home', async ({ page }) => {
    await signIn(page, TOKENS.owner);
    await page.goto('/customers');
    await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
    await page.getByRole('link', { name: 'Go to your account' }).click();
    await expect(page).toHaveURL(new RegExp(`/customers/${ACME}$`));
  });
});

test.describe('bad answers from the API', () => {
  test('a malformed customer answer gets a clear message, and a retry by reload works', async ({ page, request }) => {
    await signIn(page, TOKENS.owner);
    // The page's own read must be done, or it could take the one-time fault.
    await expect(page.getByTestId('customer-name')).toBeVisible();
    await addFault(request, { method: 'GET', path: `/customer/${ACME}`, fault: 'malformed', times: 1 });
    await page.reload();
    const error = page.getByTestId('load-error');
    await expect(error).toContainText('The API sent an answer this console cannot read.');
    await expect(error).toContainText('Invalid JSON');
    await page.reload();
    await expect(page.getByLabel('Company name')).toHaveValue('Acme Widgets Ltd');
  });

  test('a failing users list does not hide the customer', async ({ page, request }) => {
    await signIn(page, TOKENS.owner);
    await addFault(request, { method: 'GET', path: `/customer/${ACME}/users`, fault: '500' });
    await page.goto(`/customers/${ACME}/contacts`);
    await expect(page.getByRole('alert').filter({ hasText: 'Could not load the users' })).toContainText('stand-in fault');
    await expect(page.locator('[data-contact="owner_id"]')).toBeVisible();
    await expect(page.locator('[data-company-contact]').first()).toBeVisible();
  });

  test('a rate-limited save names the reset time', async ({ page, request }) => {
    await signIn(page, TOKENS.owner);
    await addFault(request, { method: 'PUT', path: `/customer/${ACME}`, fault: '429', times: 1 });
    await page.getByLabel('Company name').fill('Acme Widgets Limited');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect(page.getByRole('alert')).toContainText(/rate limit resets at \d\d:\d\d UTC/);
    await expect(page.getByLabel('Company name')).toHaveValue('Acme Widgets Limited');
  });
});
