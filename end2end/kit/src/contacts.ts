import { expect, type Locator, type Page } from '@playwright/test';
import { CONTROLS, cancelButton, confirmButton, escapeRegExp, pressSave, textOf, type SaveOutcome } from './util.js';
import { choose } from './settings.js';

/** The five contact roles of the UI contract, by API name. */
export const CONTACT_ROLES = {
  owner_id: 'Account owner',
  billing_contact_id: 'Billing contact',
  legal_contact_id: 'Legal contact',
  security_contact_id: 'Security contact',
  technical_contact_id: 'Technical contact',
} as const;
export type ContactRoleName = keyof typeof CONTACT_ROLES;

/** One contact role: the `data-contact="<api name>"` element. */
export class ContactRole {
  /** The `data-contact` element, for your own web-first assertions. */
  readonly locator: Locator;
  /** The role's label ("Legal contact"), which is also its control's accessible name. */
  readonly label: string;

  constructor(private readonly page: Page, readonly name: ContactRoleName) {
    this.locator = page.locator(`[data-contact="${name}"]`);
    this.label = CONTACT_ROLES[name];
    if (!this.label) throw new Error(`No contact role "${name}" (one of ${Object.keys(CONTACT_ROLES).join(', ')})`);
  }

  /** The picker (combobox or select) named after the role, when this user may change it. */
  get control(): Locator {
    return this.locator.getByRole('combobox', { name: this.label, exact: true });
  }

  private async shown(): Promise<void> {
    await expect(this.locator, `Contact role "${this.name}" is not shown (no [data-contact="${this.name}"])`).toBeVisible();
  }

  /** Who is assigned, as shown: the user's name and login (with any warning), "Not assigned",
   *  or the warning about an unknown id. The role's label and the buttons' words are left out. */
  async assignee(): Promise<string> {
    await this.shown();
    let text = await textOf(this.locator);
    if (text.startsWith(this.label)) text = text.slice(this.label.length).trim();
    for (const b of await this.locator.getByRole('button').allInnerTexts()) {
      const words = b.replace(/\s+/g, ' ').trim();
      if (words && text.endsWith(words)) text = text.slice(0, -words.length).trim();
    }
    return text;
  }

  /** Whether this user may change the role (the element holds a control). */
  async isEditable(): Promise<boolean> {
    await this.shown();
    return (await this.locator.locator(CONTROLS).count()) > 0;
  }

  /** Types `query` into the role's user picker and chooses the first user it offers; the
   *  change is pending until `ContactsPage.save()`. Returns the chosen option's text. */
  async assign(query: string): Promise<string> {
    await this.shown();
    const where = `Contact role "${this.name}"`;
    const select = this.locator.locator('select');
    if ((await select.count()) > 0) {
      await select.selectOption({ label: query });
      return query;
    }
    // The role is rendered with its control (or with none, for this user): no use waiting.
    if ((await this.control.count()) === 0) {
      throw new Error(`${where} has no "${this.label}" control (is this user allowed to change it?)`);
    }
    await expect(this.control, `${where} has no "${this.label}" control (is this user allowed to change it?)`).toBeVisible();
    const before = await textOf(this.locator);
    const chosen = await choose(this.page, this.control, query, where);
    if (!before.includes(chosen.split(/\s/)[0] ?? chosen)) {
      await expect(this.locator, `${where} did not show the chosen user`).not.toHaveText(before);
    }
    return chosen;
  }

  /** Presses the role's "Unassign" button; pending until `ContactsPage.save()`. */
  async unassign(): Promise<void> {
    await this.shown();
    const where = `Contact role "${this.name}"`;
    const button = this.locator.getByRole('button', { name: /^Unassign\b/ });
    await expect(button, `${where} has no "Unassign" button`).toBeVisible();
    await expect(button, `${where}: "Unassign" is unavailable (nothing to unassign)`).toBeEnabled();
    const before = await textOf(this.locator);
    await button.click();
    await expect(this.locator, `${where} still shows the same assignee after "Unassign"`).not.toHaveText(before);
  }
}

/** A row of the company contacts (`data-company-contact="<contact id>"`). */
export type CompanyContact = {
  id: string;
  /** The row's text. */
  text: string;
  /** Cell texts by column header ("Type", "Name", "Email", "Phone"), when the list is a table. */
  columns: Record<string, string>;
};

/** What `addCompanyContact` fills in. `type`: the contact type's value or label
 *  ("emergency" or "Emergency"). Either `user` (a query for the user picker) or `name` + `email`. */
export type NewCompanyContact = {
  type: string;
  user?: string;
  name?: string;
  email?: string;
  phone?: string;
};

/** The contacts page, `/customers/:id/contacts`. */
export class ContactsPage {
  constructor(readonly page: Page, readonly customerId: string) {}

  /** Waits until the five roles are shown. */
  async ready(): Promise<this> {
    for (const name of Object.keys(CONTACT_ROLES)) {
      await expect(this.page.locator(`[data-contact="${name}"]`), `Contacts of customer "${this.customerId}": role "${name}" is not shown`).toBeVisible();
    }
    return this;
  }

  /** One role, by API name: `owner_id`, `billing_contact_id`, `legal_contact_id`,
   *  `security_contact_id`, `technical_contact_id`. */
  role(name: ContactRoleName): ContactRole {
    return new ContactRole(this.page, name);
  }

  /** Saves the pending role changes and waits for the verdict. A change of the account owner
   *  is confirmed in its dialog unless `confirmOwnerChange` is false (then it is cancelled and
   *  the outcome is `not-saved`). */
  async save(options: { confirmOwnerChange?: boolean } = {}): Promise<SaveOutcome> {
    const confirm = options.confirmOwnerChange ?? true;
    let cancelled = false;
    const where = `Contacts of customer "${this.customerId}"`;
    const scope = this.page.getByRole('region', { name: 'Contact roles' }).or(this.page.locator('main')).first();
    const outcome = pressSave(this.page, scope, where, async (dialog) => {
      if (confirm) await confirmButton(dialog).click();
      else {
        cancelled = true;
        await cancelButton(dialog).click();
        throw new OwnerChangeCancelled();
      }
    });
    try {
      return await outcome;
    } catch (e) {
      if (cancelled && e instanceof OwnerChangeCancelled) return { outcome: 'not-saved', message: 'The owner change was cancelled in its dialog.' };
      throw e;
    }
  }

  private rows(): Locator {
    return this.page.locator('[data-company-contact]');
  }

  /** Waits until the company contacts are listed (rows, or the words saying there are none). */
  private async contactsShown(): Promise<void> {
    await expect(
      this.rows().first().or(this.page.getByText(/^No company contacts/)).first(),
      `Contacts of customer "${this.customerId}": the company contacts never showed`,
    ).toBeVisible();
  }

  /** The company contacts as listed. */
  async companyContacts(): Promise<CompanyContact[]> {
    await this.contactsShown();
    return this.rows().evaluateAll((rows) =>
      rows.map((row) => {
        const columns: Record<string, string> = {};
        const table = row.closest('table');
        if (row instanceof HTMLTableRowElement && table?.tHead) {
          const heads = Array.from(table.tHead.rows[0]?.cells ?? []).map((c) => (c.textContent ?? '').trim());
          Array.from(row.cells).forEach((cell, i) => {
            const head = heads[i];
            if (head) columns[head] = (cell as HTMLElement).innerText.replace(/\s+/g, ' ').trim();
          });
        }
        return { id: row.getAttribute('data-company-contact') ?? '', text: (row as HTMLElement).innerText.replace(/\s+/g, ' ').trim(), columns };
      }),
    );
  }

  /** Fills in "Add a company contact", presses "Add contact" and waits until the new row is
   *  listed. Fails with the page's own alert when it refuses (e.g. a missing phone number). */
  async addCompanyContact(contact: NewCompanyContact): Promise<CompanyContact> {
    await this.contactsShown();
    const where = `Contacts of customer "${this.customerId}": adding a ${contact.type} contact`;
    const form = this.page.getByRole('form', { name: 'Add a company contact' }).or(this.page.locator('main')).first();
    const type = form.getByLabel('Contact type');
    await expect(type, `${where}: there is no "Contact type" control (is this user allowed to add contacts?)`).toBeVisible();
    const options = await type.locator('option').evaluateAll((els) => els.map((o) => ({ value: (o as HTMLOptionElement).value, label: (o.textContent ?? '').trim() })));
    const hit = options.find((o) => o.value === contact.type) ?? options.find((o) => o.label.toLowerCase() === contact.type.toLowerCase());
    expect(hit, `${where}: no contact type "${contact.type}" (${options.map((o) => o.value).join(', ')})`).toBeTruthy();
    await type.selectOption(hit!.value);
    if (contact.user !== undefined) {
      await form.getByRole('radio', { name: /user of this customer/i }).check();
      await choose(this.page, form.getByRole('combobox', { name: 'Contact user' }), contact.user, where);
    } else {
      await form.getByRole('radio', { name: /Someone else/i }).check();
      await form.getByLabel('Name', { exact: true }).fill(contact.name ?? '');
      await form.getByLabel('Email', { exact: true }).fill(contact.email ?? '');
    }
    if (contact.phone !== undefined) await form.getByLabel(/^Phone/).fill(contact.phone);
    const before = new Set(await this.rows().evaluateAll((rows) => rows.map((r) => r.getAttribute('data-company-contact') ?? '')));
    await form.getByRole('button', { name: 'Add contact' }).click();
    const added = this.page.getByRole('status').filter({ hasText: /^\s*Added\b/ });
    const refused = this.page.getByRole('alert');
    await expect(added.or(refused).first(), `${where}: the page said neither "Added" nor why not`).toBeVisible();
    if ((await added.count()) === 0) {
      throw new Error(`${where} was refused: ${await textOf(refused.first())}`);
    }
    const now = await this.companyContacts();
    const row = now.find((r) => !before.has(r.id));
    if (!row) throw new Error(`${where}: "Added" was announced but no new row is listed`);
    return row;
  }

  /** Presses "Remove" on the company contact whose row shows `name`, confirms, and waits until
   *  the row is gone. */
  async removeCompanyContact(name: string): Promise<void> {
    await this.contactsShown();
    const where = `Contacts of customer "${this.customerId}": removing company contact "${name}"`;
    const row = this.rows().filter({ hasText: name });
    await expect(row, `${where}: no company contact shows "${name}"`).toHaveCount(1);
    const remove = row.getByRole('button', { name: new RegExp(`^Remove\\b.*${escapeRegExp(name)}`) });
    await expect(remove, `${where}: its row has no "Remove" button (is this user allowed to remove contacts?)`).toBeVisible();
    await remove.click();
    const dialog = this.page.getByRole('dialog').or(this.page.getByRole('alertdialog')).first();
    await expect(dialog, `${where}: no confirmation dialog`).toBeVisible();
    await confirmButton(dialog).click();
    await expect(dialog, `${where}: the dialog stayed open`).toHaveCount(0);
    await expect(row, `${where}: the row is still listed`).toHaveCount(0);
  }
}

class OwnerChangeCancelled extends Error {}
