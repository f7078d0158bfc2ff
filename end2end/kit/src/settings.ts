import { expect, type Locator, type Page } from '@playwright/test';
import { CONTROLS, cancelButton, confirmButton, openDialog, pressSave, squash, textOf, type SaveOutcome } from './util.js';

/** The human labels of the Customer attributes the console shows (its attribute table). Used
 *  for `SettingsField.label` and to find a control by its accessible name. */
export const ATTRIBUTE_LABELS: Readonly<Record<string, string>> = {
  name: 'Company name',
  phone_number: 'Phone number',
  postal_address: 'Postal address',
  force_2fa: 'Require two-factor authentication',
  force_sso: 'Require single sign-on',
  ip_whitelist: 'Login IP allowlist',
  pricing_plan: 'Pricing plan',
  pricing_plan_id: 'Pricing plan ID',
  billing_network_type: 'Network revenue type',
  billing_ref: 'Purchase order reference',
  has_account_panel: 'Account panel',
  has_improved_events: 'Improved events',
  has_openstack_logging: 'OpenStack logging',
  has_pci: 'PCI for services',
  can_configure_wordpress: 'WordPress configuration',
  can_reset_passwords: 'Password resets',
  can_upload_vcl: 'Custom VCL upload',
  has_improved_ssl_config: 'Improved SSL configuration',
  has_pci_passwords: 'PCI passwords',
  owner_id: 'Account owner',
  billing_contact_id: 'Billing contact',
  legal_contact_id: 'Legal contact',
  security_contact_id: 'Security contact',
  technical_contact_id: 'Technical contact',
  id: 'Customer ID',
  created_at: 'Created',
  updated_at: 'Last updated',
  deleted_at: 'Deleted',
};

/** A value for `SettingsField.set`: text for text inputs and selects, a boolean for switches and
 *  checkboxes, a list for the IP allowlist (one entry per control). */
export type FieldValue = string | boolean | readonly string[];

/** One Customer attribute on the settings page: the `data-field="<api name>"` element. */
export class SettingsField {
  /** The `data-field` element, for your own web-first assertions (`toContainText`…). */
  readonly locator: Locator;
  /** The attribute's human label (from the console's attribute table; the API name if unknown). */
  readonly label: string;

  constructor(private readonly page: Page, readonly name: string) {
    this.locator = page.locator(`[data-field="${name}"]`);
    this.label = ATTRIBUTE_LABELS[name] ?? name;
  }

  /** The form controls inside the field (none when the user may not change it). */
  get controls(): Locator {
    return this.locator.locator(CONTROLS);
  }

  private async shown(): Promise<void> {
    await expect(this.locator, `Settings field "${this.name}" is not shown (no [data-field="${this.name}"])`).toBeVisible();
  }

  /** Fails at once, naming the field, when the shown field has no control: the console renders
   *  a field together with its controls (or with none, for this user), so waiting cannot help. */
  private async mustHaveControl(): Promise<void> {
    await this.shown();
    if ((await this.controls.count()) === 0) {
      throw new Error(`Settings field "${this.name}" has no edit control (this user may not change it, or it is read-only)`);
    }
  }

  /** What the field shows as its value. For an editable field: its control's value (as
   *  `value()`). Otherwise: the field's text as read on screen, without its label, its help
   *  paragraph and its buttons' words (e.g. "Not set", "Restricted", "● On", a name and login);
   *  a note beside the label such as "Managed by Fastly" stays. Whitespace squashed. */
  async text(): Promise<string> {
    await this.shown();
    if ((await this.controls.count()) > 0) return this.value();
    let text = await textOf(this.locator);
    if (text.startsWith(this.label)) text = text.slice(this.label.length).trim();
    const remove = [
      ...(await this.locator.getByRole('paragraph').allInnerTexts()),
      ...(await this.locator.getByRole('button').allInnerTexts()),
    ];
    for (const part of remove) {
      const words = squash(part);
      if (!words) continue;
      const at = text.lastIndexOf(words);
      if (at >= 0) text = (text.slice(0, at) + text.slice(at + words.length)).trim();
    }
    return squash(text);
  }

  /** Everything the `data-field` element shows (label, value, notes, help), whitespace squashed. */
  async fullText(): Promise<string> {
    await this.shown();
    return textOf(this.locator);
  }

  /** The value in the field's control(s): text for inputs and selects (the chosen option's
   *  label), "on"/"off" for a switch or checkbox, entries joined by "," for several inputs. */
  async value(): Promise<string> {
    await this.mustHaveControl();
    await expect(this.controls.first(), `Settings field "${this.name}" has no edit control`).toBeVisible();
    const values: string[] = [];
    for (const control of await this.controls.all()) {
      values.push(
        await control.evaluate((el) => {
          const role = el.getAttribute('role');
          if (el instanceof HTMLInputElement && (el.type === 'checkbox' || el.type === 'radio')) return el.checked ? 'on' : 'off';
          if (role === 'switch' || role === 'checkbox') return el.getAttribute('aria-checked') === 'true' ? 'on' : 'off';
          if (el instanceof HTMLSelectElement) return el.selectedOptions[0]?.textContent?.trim() ?? '';
          if (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement) return el.value;
          return el.textContent ?? '';
        }),
      );
    }
    return values.filter((v, i) => v !== '' || i === 0).join(',');
  }

  /** Whether the signed-in user may change it: the field holds a form control (UI contract). */
  async isEditable(): Promise<boolean> {
    await this.shown();
    return (await this.controls.count()) > 0;
  }

  /**
   * Changes the attribute as a person would: types into a text input or textarea, picks an
   * option of a select (by value or label), turns a switch or checkbox on/off, or for the IP
   * allowlist adds and removes entries until there is one control per item. A switch that asks
   * first (2FA, SSO) leaves its dialog open: answer it with `confirmSwitch()`/`cancelSwitch()`.
   * Fails naming the field when it has no edit control.
   */
  async set(value: FieldValue): Promise<void> {
    await this.mustHaveControl();
    const controls = this.controls;
    await expect(controls.first(), `Settings field "${this.name}" has no edit control`).toBeVisible();
    if (typeof value === 'boolean') {
      const toggle = this.locator.getByRole('switch').or(this.locator.getByRole('checkbox')).first();
      await expect(toggle, `Settings field "${this.name}" has no switch or checkbox to turn ${value ? 'on' : 'off'}`).toBeVisible();
      if ((await toggle.isChecked()) === value) return;
      await toggle.click();
      const dialog = openDialog(this.page);
      const now = this.locator.getByRole('switch', { checked: value }).or(this.locator.getByRole('checkbox', { checked: value }));
      await expect(now.or(dialog).first(), `Settings field "${this.name}" did not turn ${value ? 'on' : 'off'}`).toBeVisible();
      return;
    }
    const items = typeof value === 'string' ? null : [...value];
    const textboxes = this.locator.getByRole('textbox');
    if (items !== null || (await textboxes.count()) > 1) {
      await this.setList(items ?? value.toString().split(',').map((s) => s.trim()).filter(Boolean));
      return;
    }
    const control = controls.first();
    const kind = await control.evaluate((el) => (el instanceof HTMLSelectElement ? 'select' : el.getAttribute('role') === 'combobox' && el instanceof HTMLInputElement ? 'picker' : 'text'));
    if (kind === 'select') {
      const options = await control.locator('option').evaluateAll((els) => els.map((o) => ({ value: (o as HTMLOptionElement).value, label: (o.textContent ?? '').trim() })));
      const hit = options.find((o) => o.value === value) ?? options.find((o) => o.label === value);
      expect(hit, `Settings field "${this.name}" has no option "${value}" (options: ${options.map((o) => o.label).join(', ')})`).toBeTruthy();
      await control.selectOption(hit!.value);
      return;
    }
    if (kind === 'picker') {
      await choose(this.page, control, value as string, `Settings field "${this.name}"`);
      return;
    }
    await control.fill(value as string);
    await expect(control, `Settings field "${this.name}" did not take the value`).toHaveValue(value as string);
  }

  private async setList(items: string[]): Promise<void> {
    const where = `Settings field "${this.name}"`;
    const entries = this.locator.getByRole('textbox');
    const add = this.locator.getByRole('button', { name: /^Add\b/ });
    const want = Math.max(items.length, 1);
    while ((await entries.count()) < want) {
      const n = await entries.count();
      await expect(add, `${where} has no "Add" button for another entry`).toBeVisible();
      await add.click();
      await expect(entries, `${where}: adding an entry did not add a control`).toHaveCount(n + 1);
    }
    while ((await entries.count()) > want) {
      const n = await entries.count();
      const remove = this.locator.getByRole('button', { name: new RegExp(`^Remove entry ${n}\\b`) });
      await expect(remove, `${where} has no "Remove entry ${n}" button`).toBeVisible();
      await remove.click();
      await expect(entries, `${where}: removing entry ${n} did not remove its control`).toHaveCount(n - 1);
    }
    for (let i = 0; i < want; i++) {
      await entries.nth(i).fill(items[i] ?? '');
    }
  }
}

/** Types `query` into a user picker (a combobox) and chooses the first option it offers. */
export async function choose(page: Page, box: Locator, query: string, where: string): Promise<string> {
  await box.click();
  await box.fill(query);
  const controls = await box.getAttribute('aria-controls');
  const listbox = controls ? page.locator(`[id="${controls}"]`) : page.getByRole('listbox');
  const option = listbox.getByRole('option').first();
  await expect(option, `${where}: no user matches "${query}"`).toBeVisible();
  const chosen = await textOf(option);
  await option.click();
  await expect(box, `${where}: the list of users did not close after choosing`).not.toHaveAttribute('aria-expanded', 'true');
  return chosen;
}

/** What a 2FA/SSO confirmation dialog said. */
export type SwitchDialog = {
  /** The dialog's title (its accessible name). */
  title: string;
  /** The users the dialog names (who would be logged out), as listed. */
  users: string[];
  /** The dialog's text. */
  text: string;
};

/** The customer settings page, `/customers/:id`. */
export class SettingsPage {
  constructor(readonly page: Page, readonly customerId: string) {}

  /** Waits until the settings are shown: the first `data-field` element is visible. */
  async ready(): Promise<this> {
    await expect(this.page.locator('[data-field]').first(), `Settings of customer "${this.customerId}" did not show (no [data-field] element)`).toBeVisible();
    return this;
  }

  /** One attribute, by its API name (`name`, `phone_number`, `force_2fa`…). */
  field(name: string): SettingsField {
    return new SettingsField(this.page, name);
  }

  private async fieldNames(): Promise<string[]> {
    await this.ready();
    return this.page.locator('[data-field]').evaluateAll((els) => els.map((e) => e.getAttribute('data-field') ?? ''));
  }

  /** API names of the attributes this user may change (their field holds a control). */
  async editableFields(): Promise<string[]> {
    const names = await this.fieldNames();
    const out: string[] = [];
    for (const n of names) if (await this.field(n).isEditable()) out.push(n);
    return out;
  }

  /** API names of the attributes shown without any control. */
  async readOnlyFields(): Promise<string[]> {
    const names = await this.fieldNames();
    const out: string[] = [];
    for (const n of names) if (!(await this.field(n).isEditable())) out.push(n);
    return out;
  }

  /** The "Save changes" button. */
  get saveButton(): Locator {
    return this.page.getByRole('button', { name: 'Save changes' });
  }

  /** The "Discard changes" button. */
  get discardButton(): Locator {
    return this.page.getByRole('button', { name: 'Discard changes' });
  }

  /** Presses "Save changes" and waits for the page's verdict (see `SaveOutcome`). */
  save(): Promise<SaveOutcome> {
    return pressSave(this.page, this.page.locator('main'), `Settings of customer "${this.customerId}"`);
  }

  /** Presses "Discard changes" and waits until nothing is left to save. */
  async discard(): Promise<void> {
    const where = `Settings of customer "${this.customerId}"`;
    await expect(this.discardButton, `${where}: there is no "Discard changes" button`).toBeVisible();
    await expect(this.discardButton, `${where}: "Discard changes" is unavailable (nothing to discard)`).toBeEnabled();
    await this.discardButton.click();
    await expect(this.saveButton, `${where}: "Save changes" is still available after discarding`).toBeDisabled();
  }

  /** The open 2FA/SSO confirmation: waits for it and for the users it names. */
  private async switchDialog(): Promise<{ dialog: Locator; said: SwitchDialog }> {
    const dialog = openDialog(this.page).first();
    await expect(dialog, 'No confirmation dialog is open (turn on 2FA or SSO with field(...).set(true) first)').toBeVisible();
    // It names the users only once it has checked them; the confirming button waits for that.
    await expect(confirmButton(dialog), 'The confirmation dialog never became ready (the check of the users did not answer)').toBeEnabled();
    const title = (await dialog.getAttribute('aria-label')) ?? (await textOf(dialog.getByRole('heading').first()).catch(() => ''));
    const users = (await dialog.getByRole('listitem').allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
    return { dialog, said: { title, users, text: await textOf(dialog) } };
  }

  /** Confirms the open 2FA/SSO dialog ("Require 2FA"/"Require SSO"); returns what it said. */
  async confirmSwitch(): Promise<SwitchDialog> {
    const { dialog, said } = await this.switchDialog();
    await confirmButton(dialog).click();
    await expect(dialog, `The dialog "${said.title}" stayed open after confirming`).toHaveCount(0);
    return said;
  }

  /** Cancels the open 2FA/SSO dialog; the switch stays off. Returns what it said. */
  async cancelSwitch(): Promise<SwitchDialog> {
    const { dialog, said } = await this.switchDialog();
    await cancelButton(dialog).click();
    await expect(dialog, `The dialog "${said.title}" stayed open after Cancel`).toHaveCount(0);
    return said;
  }
}
