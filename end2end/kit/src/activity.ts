import { expect, type Locator, type Page } from '@playwright/test';
import { squash } from './util.js';

/** One event as the activity page lists it (`data-event="<event id>"`). */
export type ActivityEvent = {
  /** The event id (the `data-event` value). */
  id: string;
  /** What happened. */
  description: string;
  /** The raw `event_type` (e.g. `user.login`). */
  type: string;
  /** Who did it: the user's name or login, "Fastly", or the raw user id. */
  who: string;
  /** When, as shown (local time). */
  when: string;
  /** The exact time (ISO 8601) the page makes available, or null. */
  time: string | null;
  /** The IP address(es) as shown, or null when the event has none. */
  ip: string | null;
  /** The row's whole text. */
  text: string;
};

/** Filters of the activity page. `type`: a raw event type ('' for all); `from`/`to`: days,
 *  `YYYY-MM-DD` (local), '' to clear. Left out: unchanged. */
export type ActivityFilter = { type?: string; from?: string; to?: string };

/** The account activity page, `/customers/:id/activity`. */
export class ActivityPage {
  constructor(readonly page: Page, readonly customerId: string) {}

  /** The events, newest first (`data-event` elements). */
  get rows(): Locator {
    return this.page.locator('[data-event]');
  }

  private get list(): Locator {
    return this.page.getByRole('region', { name: 'Events' });
  }

  private get none(): Locator {
    return this.page.getByText(/^No events (yet|match these filters)\.?$/);
  }

  /** Waits until the page heading shows and the list has answered: events listed (and not
   *  busy), the words saying there are none, or an alert (which fails, quoting it). */
  async ready(): Promise<this> {
    const where = `Activity of customer "${this.customerId}"`;
    await expect(this.page.getByRole('heading', { level: 1, name: 'Account activity' }), `${where}: no "Account activity" heading`).toBeVisible();
    const alert = this.page.getByRole('main').getByRole('alert');
    await expect(this.list.or(this.none).or(alert).first(), `${where}: the events never showed`).toBeVisible();
    if ((await this.list.count()) === 0 && (await this.none.count()) === 0) {
      throw new Error(`${where}: ${squash(await alert.first().innerText())}`);
    }
    if ((await this.list.count()) > 0) {
      await expect(this.list, `${where}: the list stayed busy`).toHaveAttribute('aria-busy', 'false');
    }
    return this;
  }

  /** The listed events, newest first, once the list has answered. */
  async events(): Promise<ActivityEvent[]> {
    await this.ready();
    const out: ActivityEvent[] = [];
    for (const row of await this.rows.all()) out.push(await readRow(row));
    return out;
  }

  /** One listed event by id. */
  async event(id: string): Promise<ActivityEvent> {
    await this.ready();
    const row = this.page.locator(`[data-event="${id}"]`);
    await expect(row, `Activity: no event "${id}" is listed`).toBeVisible();
    return readRow(row);
  }

  /** Sets the filters as a person would (the "Event type" control, the "From" and "To" days)
   *  and waits until the list answers for them. Returns the events then listed. */
  async filter(filter: ActivityFilter): Promise<ActivityEvent[]> {
    await this.ready();
    const where = `Activity of customer "${this.customerId}"`;
    if (filter.type !== undefined) {
      const select = this.page.getByLabel('Event type', { exact: true });
      await expect(select, `${where}: no "Event type" control`).toBeVisible();
      await select.selectOption(filter.type);
      await expect(select, `${where}: "Event type" did not take "${filter.type}"`).toHaveValue(filter.type);
    }
    for (const [label, value] of [['From', filter.from], ['To', filter.to]] as const) {
      if (value === undefined) continue;
      const input = this.page.getByLabel(label, { exact: true });
      await expect(input, `${where}: no "${label}" date control`).toBeVisible();
      await input.fill(value);
      await expect(input, `${where}: "${label}" did not take "${value}"`).toHaveValue(value);
    }
    // The page keeps its filters in the address; once it shows them, the list is being asked.
    await expect(this.page, `${where}: the filters never reached the address`).toHaveURL((url) => {
      const q = url.searchParams;
      const same = (k: string, v: string | undefined) => v === undefined || (q.get(k) ?? '') === v;
      return same('type', filter.type) && same('from', filter.from) && same('to', filter.to);
    });
    if (filter.type) {
      // Wait until the list is the filtered one: every row of that type (or none listed).
      await expect
        .poll(async () => {
          const listed = await this.events();
          return listed.every((e) => e.type === filter.type);
        }, { message: `${where}: the list never showed only "${filter.type}" events` })
        .toBe(true);
    }
    return this.events();
  }

  /** Whether the page offers another page ("Load more" or "Next page"). */
  async hasMore(): Promise<boolean> {
    await this.ready();
    return (await this.moreButton().count()) > 0;
  }

  private moreButton(): Locator {
    return this.page.getByRole('button', { name: /^(Load more|Next page)$/ });
  }

  /** Presses "Load more" (or "Next page") and waits until more events are listed. Returns all
   *  events listed then. Fails when there is no next page. */
  async loadMore(): Promise<ActivityEvent[]> {
    await this.ready();
    const where = `Activity of customer "${this.customerId}"`;
    const before = await this.rows.count();
    const more = this.moreButton().first();
    await expect(more, `${where}: no "Load more" button (the list has no next page)`).toBeVisible();
    await more.click();
    await expect.poll(() => this.rows.count(), { message: `${where}: "Load more" listed nothing more` }).toBeGreaterThan(before);
    return this.events();
  }
}

/** Reads one `data-event` row: its first paragraph is the description; the raw type, who,
 *  when and IP are read from its accessible parts (`code`, `time`) and the "by"/"IP" words. */
async function readRow(row: Locator): Promise<ActivityEvent> {
  const id = (await row.getAttribute('data-event')) ?? '';
  const text = squash(await row.innerText());
  const lines = (await row.innerText()).split('\n').map((l) => l.trim()).filter(Boolean);
  const description = lines[0] ?? '';
  const codes = await row.getByRole('code').allInnerTexts();
  const type = (codes[0] ?? '').trim();
  const time = row.getByRole('time').first();
  const hasTime = (await time.count()) > 0;
  const exact = hasTime ? ((await time.getAttribute('datetime')) ?? (await time.getAttribute('title'))) : null;
  const when = hasTime ? squash(await time.innerText()) : '';
  const facts = (lines[1] ?? '').split(' · ').map((s) => s.trim());
  const who = (facts.find((f) => f.startsWith('by ')) ?? '').replace(/^by /, '');
  const ipPart = facts.find((f) => f.startsWith('IP '));
  const ip = ipPart ? ipPart.replace(/^IP /, '').trim() : null;
  return { id, description, type, who, when, time: exact, ip, text };
}
