import { test, expect, resetStandin } from '@account-console/playwright-kit';

// Brightwater Bakeries Co. (seed.json): Nadia Okonjo owns the account (superuser), Oskar
// Lindqvist is an engineer (read only), Priya Raman does billing, Tomasz Wojcik is a user.
const BRIGHTWATER = 'brightwater0Bakeries01';
const OWNER = 'brightwater-owner-token';
const ENGINEER = 'brightwater-engineer-token';

test.beforeEach(async ({ request }) => {
  await resetStandin(request); // every test starts from the seed
});

test('the owner signs in and sees their name, role and company', async ({ consoleApp, page }) => {
  const user = await consoleApp.signIn(OWNER);
  expect(user).toMatchObject({ name: 'Nadia Okonjo', role: 'superuser', customer_id: BRIGHTWATER });
  await consoleApp.expectUserShown({ name: 'Nadia Okonjo', role: 'Superuser' });
  await expect(page).toHaveURL(new RegExp(`/customers/${BRIGHTWATER}$`));
  const settings = await consoleApp.settings(BRIGHTWATER);
  expect(await settings.field('name').text()).toContain('Brightwater Bakeries Co.');
});

test('the owner changes settings and sees them saved', async ({ consoleApp }) => {
  await consoleApp.signIn(OWNER);
  const settings = await consoleApp.settings(BRIGHTWATER);
  expect(await settings.field('phone_number').isEditable()).toBe(true);
  await settings.field('phone_number').set('+1 503 555 0199');
  await settings.field('billing_ref').set('PO-BW-2026-12');
  await settings.field('has_pci').set(true);

  const result = await settings.save();
  expect(result).toEqual({ outcome: 'saved', message: 'Saved 3 changes.' });

  // Still there after a fresh load of the page.
  await consoleApp.page.reload();
  const again = await consoleApp.settings(BRIGHTWATER);
  expect(await again.field('phone_number').value()).toBe('+1 503 555 0199');
  expect(await again.field('billing_ref').value()).toBe('PO-BW-2026-12');
  expect(await again.field('has_pci').value()).toBe('on');
});

test('the owner assigns the billing contact and sees it in Activity', async ({ consoleApp }) => {
  await consoleApp.signIn(OWNER);
  const contacts = await consoleApp.contacts(BRIGHTWATER);
  const billing = contacts.role('billing_contact_id');
  expect(await billing.assignee()).toContain('Nadia Okonjo'); // the owner, by default
  await billing.assign('priya');
  expect((await contacts.save()).outcome).toBe('saved');
  expect(await billing.assignee()).toContain('Priya Raman');

  const activity = await consoleApp.activity(BRIGHTWATER);
  const [newest] = await activity.events();
  expect(newest).toMatchObject({ type: 'billing.contact_update', who: 'Nadia Okonjo' });
  expect(newest?.description).toContain('Priya Raman');
  // The seeded events are there too, older.
  const seeded = await activity.filter({ type: 'user.login' });
  expect(seeded.map((e) => e.description)).toContain('Nadia Okonjo signed in');
});

test('the owner adds and removes a company contact', async ({ consoleApp }) => {
  await consoleApp.signIn(OWNER);
  const contacts = await consoleApp.contacts(BRIGHTWATER);
  expect((await contacts.companyContacts()).map((c) => c.text).join('\n')).toContain('Brightwater Accounts');
  const added = await contacts.addCompanyContact({ type: 'emergency', name: 'Night Shift Lead', email: 'nights@brightwater.example', phone: '+1 503 555 0142' });
  expect(added.text).toContain('Night Shift Lead');
  await contacts.removeCompanyContact('Night Shift Lead');
  expect((await contacts.companyContacts()).map((c) => c.text).join('\n')).not.toContain('Night Shift Lead');
});

test('an engineer signs in read-only: no edit control anywhere', async ({ consoleApp }) => {
  const user = await consoleApp.signIn(ENGINEER);
  expect(user.role).toBe('engineer');
  await consoleApp.expectUserShown({ name: 'Oskar Lindqvist', role: 'Engineer' });

  const settings = await consoleApp.settings(BRIGHTWATER);
  expect(await settings.editableFields()).toEqual([]);
  expect(await settings.readOnlyFields()).toContain('phone_number');
  expect(await settings.field('phone_number').isEditable()).toBe(false);
  expect(await settings.field('phone_number').text()).toBe('+1 503 555 0100');
  expect(await settings.field('name').text()).toBe('Brightwater Bakeries Co.');
  expect(await settings.field('technical_contact_id').text()).toContain('Oskar Lindqvist');
  // Trying anyway fails, naming the field.
  await expect(settings.field('phone_number').set('+1 503 555 0000')).rejects.toThrow('Settings field "phone_number" has no edit control');

  const contacts = await consoleApp.contacts(BRIGHTWATER);
  expect(await contacts.role('technical_contact_id').assignee()).toContain('Oskar Lindqvist');
  expect(await contacts.role('technical_contact_id').isEditable()).toBe(false);
  await expect(contacts.role('legal_contact_id').assign('tomasz')).rejects.toThrow('Contact role "legal_contact_id" has no "Legal contact" control');
});
