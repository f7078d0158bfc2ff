import { expect, type Locator, type Page } from '@playwright/test';
import { ActivityPage } from './activity.js';
import { ContactsPage } from './contacts.js';
import { SettingsPage } from './settings.js';
import { SupportView } from './support.js';
import { escapeRegExp, textOf } from './util.js';

/** The signed-in user, from the API's answer to `GET /current_user` made by signing in. */
export type SignedInUser = {
  id: string;
  name: string | null;
  login: string | null;
  role: string | null;
  customer_id: string | null;
  [attribute: string]: unknown;
};

/** The outcome of `trySignIn`. */
export type SignInResult = { ok: true; user: SignedInUser } | { ok: false; message: string };

/** The whole console in one tab: signing in and out, and the customer pages. */
export class ConsoleApp {
  private signedIn: SignedInUser | null = null;

  constructor(readonly page: Page) {}

  /** The header (the `banner` landmark): the signed-in user, their role and "Sign out". */
  get header(): Locator {
    return this.page.getByRole('banner');
  }

  private get signOutButton(): Locator {
    return this.header.getByRole('button', { name: 'Sign out' });
  }

  /** The user who signed in last through this object (null before). */
  get user(): SignedInUser | null {
    return this.signedIn;
  }

  /**
   * Signs in on `/sign-in` with `token` ("API token", "Sign in") and waits until the console is
   * signed in (the header offers "Sign out") and has left the sign-in page. Returns the user.
   * Fails with the page's own alert when the token is refused.
   */
  async signIn(token: string): Promise<SignedInUser> {
    const result = await this.trySignIn(token);
    if (!result.ok) throw new Error(`Signing in was refused: ${result.message}`);
    return result.user;
  }

  /** As `signIn`, but a refusal is returned (`{ ok: false, message }`, the alert's words). */
  async trySignIn(token: string): Promise<SignInResult> {
    const page = this.page;
    if (!new URL(page.url(), 'http://x').pathname.startsWith('/sign-in')) await page.goto('/sign-in');
    const input = page.getByLabel('API token');
    await expect(input, 'The sign-in page has no "API token" input').toBeVisible();
    await input.fill(token);
    const answer = page
      .waitForResponse((r) => r.request().method() === 'GET' && new URL(r.url()).pathname.endsWith('/current_user') && r.request().headers()['fastly-key'] === token, { timeout: 30_000 })
      .catch(() => null);
    await page.getByRole('button', { name: 'Sign in' }).click();
    const refused = page.getByRole('main').getByRole('alert');
    await expect(this.signOutButton.or(refused).first(), 'Signing in neither succeeded ("Sign out" in the header) nor said why not (an alert)').toBeVisible({ timeout: 30_000 });
    if (!(await this.signOutButton.isVisible())) {
      return { ok: false, message: await textOf(refused.first()) };
    }
    await expect(page, 'Signed in, but the page stayed on /sign-in').not.toHaveURL(/\/sign-in(\?|$)/);
    const response = await answer;
    const user = response && response.ok() ? ((await response.json().catch(() => null)) as SignedInUser | null) : null;
    this.signedIn = user ?? { id: '', name: null, login: null, role: null, customer_id: null };
    return { ok: true, user: this.signedIn };
  }

  /** Presses "Sign out" in the header (agreeing to drop unsaved edits when the page asks) and
   *  waits for the sign-in page. */
  async signOut(): Promise<void> {
    await expect(this.signOutButton, 'Cannot sign out: the header has no "Sign out" button (not signed in?)').toBeVisible();
    const accept = (d: { accept(): Promise<void> }) => void d.accept();
    this.page.once('dialog', accept);
    await this.signOutButton.click();
    await expect(this.page, 'Signing out did not go to /sign-in').toHaveURL(/\/sign-in(\?|$)/);
    this.page.off('dialog', accept);
    await expect(this.signOutButton, '"Sign out" is still offered after signing out').toHaveCount(0);
    this.signedIn = null;
  }

  /** Asserts (web-first) that the header shows the user — `name` or login — and `role`
   *  (compared case-insensitively, `_` read as a space). Defaults: the user who signed in. */
  async expectUserShown(expected: { name?: string; role?: string } = {}): Promise<void> {
    const name = expected.name ?? this.signedIn?.name ?? this.signedIn?.login;
    const role = expected.role ?? this.signedIn?.role;
    if (name) await expect(this.header, `The header does not show the signed-in user "${name}"`).toContainText(name);
    if (role) {
      const words = escapeRegExp(role.replace(/_/g, ' ')).replace(/ /g, '[ _]');
      await expect(this.header, `The header does not show the role "${role}"`).toContainText(new RegExp(words, 'i'));
    }
  }

  /** The header's text (the brand, the user and role, the customer search…), as read. */
  async headerText(): Promise<string> {
    await expect(this.header, 'The page has no header (banner)').toBeVisible();
    return textOf(this.header);
  }

  /** Opens a customer by id with the header's "Open customer" search, as a person would, and
   *  waits for its settings. Fails with the search's alert when the id is refused. */
  async openCustomer(id: string): Promise<SettingsPage> {
    const box = this.header.getByLabel('Open customer');
    await expect(box, 'The header has no "Open customer" control').toBeVisible();
    await box.fill(id);
    await this.header.getByRole('button', { name: 'Open', exact: true }).click();
    const alert = this.header.getByRole('alert');
    const reached = new RegExp(`/customers/${escapeRegExp(id.trim())}$`);
    await expect
      .poll(async () => reached.test(new URL(this.page.url()).pathname) || (await alert.count()) > 0, { message: `Opening customer "${id}" neither reached its page nor said why not` })
      .toBe(true);
    if (!reached.test(new URL(this.page.url()).pathname)) throw new Error(`Opening customer "${id}" was refused: ${await textOf(alert.first())}`);
    return new SettingsPage(this.page, id.trim()).ready();
  }

  /** Goes to `path` by address, unless the tab is already there (then it stays, with its state). */
  private async goTo(path: string): Promise<void> {
    if (new URL(this.page.url(), 'http://x').pathname !== path) await this.page.goto(path);
  }

  /** The settings of customer `id` (`/customers/{id}`): goes there by address unless already
   *  there, and waits until the settings are shown. */
  async settings(id: string): Promise<SettingsPage> {
    await this.goTo(`/customers/${encodeURIComponent(id)}`);
    return new SettingsPage(this.page, id).ready();
  }

  /** The contacts page of customer `id` (`/customers/{id}/contacts`): goes there unless already
   *  there, and waits for the five contact roles. */
  async contacts(id: string): Promise<ContactsPage> {
    await this.goTo(`/customers/${encodeURIComponent(id)}/contacts`);
    return new ContactsPage(this.page, id).ready();
  }

  /** The activity of customer `id` (`/customers/{id}/activity`): goes there unless already
   *  there, and waits for the events (or the words saying there are none). */
  async activity(id: string): Promise<ActivityPage> {
    await this.goTo(`/customers/${encodeURIComponent(id)}/activity`);
    return new ActivityPage(this.page, id).ready();
  }

  /** The support view (support staff opening another company's customer). */
  supportView(): SupportView {
    return new SupportView(this.page, this);
  }
}
