import { test as base } from '@playwright/test';
import { ConsoleApp } from './console-app.js';
import { BASE_URL_ENV } from './global-setup.js';

/** Playwright's `test` with a `consoleApp` fixture (a `ConsoleApp` on the test's page), and
 *  `baseURL` taken from `CONSOLE_KIT_BASE_URL` when `standinGlobalSetup` set it. */
export const test = base.extend<{ consoleApp: ConsoleApp }>({
  baseURL: async ({ baseURL }, use) => {
    await use(process.env[BASE_URL_ENV] || baseURL);
  },
  consoleApp: async ({ page }, use) => {
    await use(new ConsoleApp(page));
  },
});
