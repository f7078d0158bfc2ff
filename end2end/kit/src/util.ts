import { expect, type ElementHandle, type Locator, type Page } from '@playwright/test';

/** What the UI contract counts as a form control inside a `data-field` or `data-contact` element. */
export const CONTROLS = 'input, textarea, select, [role=switch], [role=checkbox], [role=combobox]';

/** Text as a person reads it: whitespace runs collapsed, trimmed. */
export function squash(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** The visible text of `locator`, squashed. */
export async function textOf(locator: Locator): Promise<string> {
  return squash(await locator.innerText());
}

/** The words of `locator` without those of the buttons inside it ("Undo", "Check again"…). */
export async function wordsOf(locator: Locator): Promise<string> {
  let text = await textOf(locator);
  for (const b of await locator.getByRole('button').allInnerTexts()) {
    const words = squash(b);
    if (!words) continue;
    const at = text.lastIndexOf(words);
    if (at >= 0) text = text.slice(0, at) + text.slice(at + words.length);
  }
  return squash(text);
}

/** Escapes `text` for use inside a RegExp. */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The elements `locators` show now, to be told apart from what a page shows later. */
export type Shown = Array<{ handle: ElementHandle<Node>; text: string }>;

export async function snapshot(locators: Locator[]): Promise<Shown> {
  const out: Shown = [];
  for (const l of locators) {
    for (const handle of await l.elementHandles()) out.push({ handle, text: (await handle.textContent()) ?? '' });
  }
  return out;
}

/** Waits until each element of `shown` left the document or changed its words (the page
 *  replaced what it showed). */
export async function waitReplaced(shown: Shown, what: string): Promise<void> {
  for (const { handle, text } of shown) {
    await expect
      .poll(() => handle.evaluate((el, before) => !el.isConnected || el.textContent !== before, text).catch(() => true), { message: `${what}: the previous outcome stayed on screen` })
      .toBe(true);
    await handle.dispose();
  }
}

/** The dialog (role `dialog` or `alertdialog`) that is open now. */
export function openDialog(page: Page): Locator {
  return page.getByRole('dialog').or(page.getByRole('alertdialog'));
}

/** The button of a confirmation dialog that goes ahead: any button but "Cancel" (and "Close"). */
export function confirmButton(dialog: Locator): Locator {
  return dialog.getByRole('button').filter({ hasNotText: /^\s*(Cancel|Close)\s*$/ }).last();
}

/** The "Cancel" button of a dialog. */
export function cancelButton(dialog: Locator): Locator {
  return dialog.getByRole('button', { name: 'Cancel', exact: true });
}

/** The outcome of a save, as the page announced it. */
export type SaveOutcome = {
  outcome: 'saved' | 'conflict' | 'not-saved' | 'unknown';
  /** The words of the status or alert that announced it. */
  message: string;
};

const SAVED = /^\s*(Saved\b|Your changes were saved)/;
const UNKNOWN_FINAL = /We still don't know/;
const PENDING = /We don't know whether|Checking whether/;
const NOT_SAVED = /^\s*Not saved/;
const CONFLICT = /Someone else changed|someone changed this customer/i;

/**
 * Presses the page's "Save changes" and waits, as a person would, for the page to say how it
 * went: a `role="status"` announcing "Saved…", or a `role="alert"` (a conflict, "Not saved…",
 * or "We still don't know…"). While the page says it is finding out ("We don't know whether…"),
 * it waits on. `beforeOutcome` handles a dialog the save asks first (the owner change).
 */
export async function pressSave(
  page: Page,
  scope: Locator,
  where: string,
  beforeOutcome?: (dialog: Locator) => Promise<void>,
): Promise<SaveOutcome> {
  const save = scope.getByRole('button', { name: 'Save changes' });
  await expect(save, `${where}: there is no "Save changes" button (is this user allowed to edit?)`).toBeVisible();
  await expect(save, `${where}: "Save changes" is unavailable (nothing changed, or a save is under way)`).toBeEnabled();
  const saved = page.getByRole('status').filter({ hasText: SAVED });
  const alerts = page.getByRole('alert').filter({ hasText: new RegExp(`${NOT_SAVED.source}|${CONFLICT.source}|${UNKNOWN_FINAL.source}|${PENDING.source}`, 'i') });
  // What an earlier save left on screen must go first (the page clears it when a save starts).
  const stale = await snapshot([page.getByRole('status').getByText(SAVED), alerts]);
  await save.click();
  await waitReplaced(stale, where);
  const dialog = openDialog(page);
  // The page's own limit for a save and its check is well under this.
  const deadline = Date.now() + 90_000;
  for (;;) {
    const any = beforeOutcome ? saved.or(alerts).or(dialog) : saved.or(alerts);
    await expect(any.first(), `${where}: the save was never announced (no "Saved" status, no alert)`).toBeVisible({ timeout: 30_000 });
    if (beforeOutcome && (await dialog.count()) > 0 && (await dialog.first().isVisible())) {
      await beforeOutcome(dialog.first());
      await expect(dialog, `${where}: the dialog stayed open`).toHaveCount(0);
      beforeOutcome = undefined;
      continue;
    }
    if ((await saved.count()) > 0) {
      return { outcome: 'saved', message: await wordsOf(saved.first()) };
    }
    const message = await wordsOf(alerts.first()).catch(() => '');
    if (Date.now() > deadline) return { outcome: 'unknown', message };
    if (!message) continue; // the alert went as it was read: look again
    if (PENDING.test(message) && !UNKNOWN_FINAL.test(message)) {
      // The page is reading the customer again to find out: wait for its verdict.
      await expect(alerts.filter({ hasText: PENDING }).filter({ hasNotText: UNKNOWN_FINAL }), `${where}: the page never found out what became of the save`).toHaveCount(0, { timeout: 30_000 });
      continue;
    }
    if (CONFLICT.test(message)) return { outcome: 'conflict', message };
    if (NOT_SAVED.test(message)) return { outcome: 'not-saved', message };
    return { outcome: 'unknown', message };
  }
}
