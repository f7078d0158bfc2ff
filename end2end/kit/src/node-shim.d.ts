// The few Node.js APIs the kit uses, declared here so that building it needs no @types/node
// (the repository does not install it). Not shipped: no public type of the kit refers to them.
declare module 'node:child_process' {
  interface Readable {
    on(event: 'data', listener: (chunk: { toString(): string }) => void): this;
    setEncoding(encoding: string): this;
  }
  export interface ChildProcess {
    readonly pid?: number;
    readonly exitCode: number | null;
    readonly signalCode: string | null;
    readonly stdout: Readable | null;
    readonly stderr: Readable | null;
    kill(signal?: string): boolean;
    on(event: 'exit' | 'close', listener: (code: number | null, signal: string | null) => void): this;
    on(event: 'error', listener: (err: Error) => void): this;
    once(event: 'exit' | 'close', listener: (code: number | null, signal: string | null) => void): this;
  }
  export function spawn(
    command: string,
    args: readonly string[],
    options?: { stdio?: Array<'ignore' | 'pipe' | 'inherit'>; env?: Record<string, string | undefined> },
  ): ChildProcess;
}

declare module 'node:fs' {
  export function existsSync(path: string): boolean;
  export function writeFileSync(path: string, data: string): void;
  export function readFileSync(path: string, encoding: 'utf8'): string;
  export function unlinkSync(path: string): void;
  export function mkdtempSync(prefix: string): string;
}

declare module 'node:path' {
  export function resolve(...segments: string[]): string;
  export function join(...segments: string[]): string;
  export function isAbsolute(path: string): boolean;
}

declare module 'node:os' {
  export function tmpdir(): string;
}

declare const process: {
  env: Record<string, string | undefined>;
  cwd(): string;
  pid: number;
};
