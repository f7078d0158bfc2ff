import { spawn, type ChildProcess } from 'node:child_process';

/** Where `startStandin` finds its pieces. */
export type StandinOptions = {
  /** A seed file (JSON, `docs/seed-format.md`): the stand-in's data. Left out: its demo data. */
  seed?: string;
  /** The built console (`dist/`) the stand-in serves at `/`. */
  dist: string;
  /** The `fastly-standin` binary. */
  binary: string;
  /** A port; 0 (the default) lets the system pick a free one. */
  port?: number;
  /** Enable `/__standin/*` test controls (default true; loopback only). */
  testControls?: boolean;
  /** How long to wait for "listening on …" (default 30 s). */
  timeoutMs?: number;
};

/** A running stand-in. */
export type Standin = {
  /** Its origin, e.g. `http://127.0.0.1:40123` (the console at `/`, the API under `/api`). */
  url: string;
  /** Stops it and waits until it has exited. */
  stop(): Promise<void>;
};

const LISTENING = /listening on (http:\/\/\S+)/;

/**
 * Starts `fastly-standin --port 0 --seed SEED --dist DIST --test-controls`, waits for the line
 * it prints (`listening on http://…`) and resolves with that URL. Rejects with its stderr when
 * it exits (or stays silent) first.
 */
export function startStandin(options: StandinOptions): Promise<Standin> {
  const args = ['--port', String(options.port ?? 0), '--dist', options.dist];
  if (options.seed) args.push('--seed', options.seed);
  if (options.testControls ?? true) args.push('--test-controls');
  const timeoutMs = options.timeoutMs ?? 30_000;
  return new Promise<Standin>((resolve, reject) => {
    let child: ChildProcess;
    try {
      child = spawn(options.binary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (e) {
      reject(new Error(`Could not start ${options.binary}: ${String(e)}`));
      return;
    }
    let stdout = '';
    let stderr = '';
    let settled = false;
    const exited = new Promise<void>((done) => child.once('close', () => done()));
    const fail = (why: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      reject(new Error(`fastly-standin (${options.binary} ${args.join(' ')}) ${why}${stderr.trim() ? `\n--- its stderr ---\n${stderr.trim()}` : ''}`));
    };
    const timer = setTimeout(() => fail(`printed no "listening on" line within ${timeoutMs} ms`), timeoutMs);
    child.on('error', (err) => fail(`could not be started: ${err.message}`));
    child.stderr?.on('data', (chunk) => {
      stderr += chunk.toString();
    });
    child.stdout?.on('data', (chunk) => {
      stdout += chunk.toString();
      const m = LISTENING.exec(stdout);
      if (m && !settled) {
        settled = true;
        clearTimeout(timer);
        const url = m[1]!.replace(/\/+$/, '');
        resolve({
          url,
          stop: async () => {
            if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
            await exited;
          },
        });
      }
    });
    // 'close', not 'exit': by then its stderr has been read to the end.
    child.on('close', (code, signal) => fail(`exited (${signal ?? `code ${code}`}) before it was listening`));
  });
}

/** The request context of a test (Playwright's `request` fixture): what `resetStandin` needs. */
type RequestLike = { post(url: string): Promise<{ ok(): boolean; status(): number }> };

/** Puts the stand-in's data back as it started (its seed, or the demo data) with its test
 *  control `POST /__standin/reset`. Pass the test's `request` (its `baseURL` is the stand-in). */
export async function resetStandin(request: RequestLike): Promise<void> {
  const r = await request.post('/__standin/reset');
  if (!r.ok()) throw new Error(`Resetting the stand-in failed: HTTP ${r.status()} (was it started with --test-controls?)`);
}
