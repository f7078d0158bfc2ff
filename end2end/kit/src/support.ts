import { expect, type Locator, type Page } from '@playwright/test';
import type { ConsoleApp } from './console-app.js';
import { SettingsPage } from './settings.js';
import { textOf } from './util.js';

/** The support view: another company's customer, opened read-only by support staff. */
export class SupportView {
  /** The settings page of the customer opened last (null before `open`). */
  settings: SettingsPage | null = null;

  constructor(readonly page: Page, private readonly app: ConsoleApp) {}

  /** The banner saying this is a support view (a `note` naming the support view). */
  get banner(): Locator {
    return this.page.getByRole('note').filter({ hasText: /Support view/i });
  }

  /** Opens customer `id` with the header's "Open customer" search and waits for the settings
   *  and the support view's banner. */
  async open(id: string): Promise<SettingsPage> {
    this.settings = await this.app.openCustomer(id);
    await expect(this.banner, `Customer "${id}" opened, but not as a support view (no "Support view" note)`).toBeVisible();
    return this.settings;
  }

  /** The raw JSON answer for the customer, as shown (its text, laid out as received). Opens the
   *  "Raw JSON" disclosure first when it is closed. */
  async rawJson(): Promise<string> {
    const text = this.page.getByLabel('Raw JSON of the customer');
    if (!(await text.isVisible())) {
      const toggle = this.page.getByText('Raw JSON', { exact: true });
      await expect(toggle, 'Support view: no "Raw JSON" disclosure').toBeVisible();
      await toggle.click();
    }
    await expect(text, 'Support view: the raw JSON is not shown').toBeVisible();
    return text.innerText();
  }

  /**
   * Presses the copy button of the id shown in field `name` (an API name: `id`, `owner_id`,
   * `pricing_plan_id`…; `customer` for the page heading's "Copy customer ID"), waits for its
   * "Copied" feedback, and returns the clipboard's text (null when the test may not read the
   * clipboard: grant `clipboard-read` to get it).
   */
  async copyId(name: string): Promise<string | null> {
    const scope = name === 'customer' ? this.page.getByRole('main') : this.page.locator(`[data-field="${name}"]`);
    const button = name === 'customer'
      ? scope.getByRole('button', { name: 'Copy customer ID', exact: true }).first()
      : scope.getByRole('button', { name: /^Copy\b/ }).first();
    await expect(button, `Support view: field "${name}" has no copy button`).toBeVisible();
    await button.click();
    await expect(button, `Support view: copying "${name}" did not say "Copied"`).toContainText('Copied');
    return this.page.evaluate(() => navigator.clipboard.readText()).catch(() => null);
  }

  /** The banner's words. */
  async bannerText(): Promise<string> {
    await expect(this.banner, 'Not a support view (no "Support view" note)').toBeVisible();
    return textOf(this.banner);
  }
}
