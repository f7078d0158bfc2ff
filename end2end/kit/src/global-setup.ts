import { startStandin, type Standin, type StandinOptions } from './standin.js';

/** The environment variable through which `standinGlobalSetup` hands the stand-in's URL to the
 *  tests; the kit's `test` fixture uses it as `baseURL`. */
export const BASE_URL_ENV = 'CONSOLE_KIT_BASE_URL';

const running: Standin[] = [];

/**
 * A Playwright `globalSetup` that starts a stand-in for the whole run and sets
 * `process.env.CONSOLE_KIT_BASE_URL` to its URL (workers inherit it; the kit's fixture uses it
 * as `baseURL`). It returns its own teardown, which Playwright runs at the end; the exported
 * `globalTeardown` does the same for a config that names a teardown file.
 *
 *     // global-setup.ts
 *     import { standinGlobalSetup } from '@account-console/playwright-kit';
 *     export default standinGlobalSetup({ seed: 'seed.json', dist: '…/dist', binary: '…/fastly-standin' });
 */
export function standinGlobalSetup(options: StandinOptions | (() => StandinOptions)) {
  return async function globalSetup(): Promise<() => Promise<void>> {
    const standin = await startStandin(typeof options === 'function' ? options() : options);
    running.push(standin);
    process.env[BASE_URL_ENV] = standin.url;
    return globalTeardown;
  };
}

/** Stops every stand-in `standinGlobalSetup` started in this process. */
export async function globalTeardown(): Promise<void> {
  while (running.length > 0) await running.pop()!.stop();
}
