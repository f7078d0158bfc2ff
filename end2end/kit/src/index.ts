// @account-console/playwright-kit: page objects for the account console, built only on its UI
// contract (routes, accessible names, data-field/data-contact/data-company-contact/data-event).
export { test } from './fixture.js';
export { expect } from '@playwright/test';
export { ConsoleApp, type SignedInUser, type SignInResult } from './console-app.js';
export { SettingsPage, SettingsField, ATTRIBUTE_LABELS, type FieldValue, type SwitchDialog } from './settings.js';
export { ContactsPage, ContactRole, CONTACT_ROLES, type ContactRoleName, type CompanyContact, type NewCompanyContact } from './contacts.js';
export { ActivityPage, type ActivityEvent, type ActivityFilter } from './activity.js';
export { SupportView } from './support.js';
export { startStandin, resetStandin, type Standin, type StandinOptions } from './standin.js';
export { standinGlobalSetup, globalTeardown, BASE_URL_ENV } from './global-setup.js';
export type { SaveOutcome } from './util.js';
