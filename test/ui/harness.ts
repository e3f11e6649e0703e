// Renders a whole ink tree on fake streams of a chosen size, as a terminal would drive it: keys in,
// frames out, resize events, and how the app exited. (ink-testing-library fixes the width at 100
// and cannot report the exit value.)
import { EventEmitter } from 'node:events';
import { render } from 'ink';
import type { ReactElement } from 'react';

class FakeStdout extends EventEmitter {
  isTTY = true;
  readonly frames: string[] = [];
  constructor(
    public columns: number,
    public rows: number,
  ) {
    super();
  }
  write = (chunk: string): boolean => {
    this.frames.push(chunk);
    return true;
  };
}

class FakeStdin extends EventEmitter {
  isTTY = true;
  private data: string | null = null;
  write = (data: string): void => {
    this.data = data;
    this.emit('readable');
  };
  read = (): string | null => {
    const { data } = this;
    this.data = null;
    return data;
  };
  setEncoding(): void {}
  setRawMode(): void {}
  resume(): void {}
  pause(): void {}
  ref(): void {}
  unref(): void {}
}

// eslint-disable-next-line no-control-regex
const ANSI = /\x1b\[[0-9;?]*[A-Za-z]/g;
export const stripAnsi = (text: string): string => text.replace(ANSI, '');

export const settle = (ms = 60): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export type Exit = { value: unknown } | { error: unknown };

export interface Harness {
  /** The last frame, without colour codes. */
  frame: () => string;
  /** Sends keys, then gives the app time to render and re-subscribe its key handlers. */
  press: (keys: string) => Promise<void>;
  /** Resolves with the frame once it matches; rejects, showing the frame, after `ms`. */
  waitFor: (pattern: RegExp, ms?: number) => Promise<string>;
  resize: (columns: number, rows: number) => Promise<void>;
  exited: Promise<Exit>;
  /** Resolves to the exit, or to "running" if the app has not exited within `ms`. */
  exitWithin: (ms: number) => Promise<Exit | 'running'>;
  unmount: () => void;
}

export const renderApp = async (
  tree: ReactElement,
  size: { columns: number; rows: number } = { columns: 80, rows: 24 },
): Promise<Harness> => {
  const stdout = new FakeStdout(size.columns, size.rows);
  const stdin = new FakeStdin();
  const stderr = new FakeStdout(size.columns, size.rows);
  const instance = render(tree, {
    stdout: stdout as unknown as NodeJS.WriteStream,
    stdin: stdin as unknown as NodeJS.ReadStream,
    stderr: stderr as unknown as NodeJS.WriteStream,
    debug: true,
    exitOnCtrlC: false,
    patchConsole: false,
  });
  const exited: Promise<Exit> = instance.waitUntilExit().then(
    (value: unknown) => ({ value }),
    (error: unknown) => ({ error }),
  );
  const frame = () => stripAnsi(stdout.frames.at(-1) ?? '');
  const waitFor = async (pattern: RegExp, ms = 3000): Promise<string> => {
    const deadline = Date.now() + ms;
    while (!pattern.test(frame())) {
      if (Date.now() > deadline)
        throw new Error(`no frame matched ${pattern} in ${ms} ms:\n${frame()}`);
      await settle(10);
    }
    // Rendered; let the effects that follow a render (key handler subscriptions) run too.
    await settle(20);
    return frame();
  };
  await settle();
  return {
    frame,
    waitFor,
    press: async (keys) => {
      stdin.write(keys);
      await settle();
    },
    resize: async (columns, rows) => {
      stdout.columns = columns;
      stdout.rows = rows;
      stdout.emit('resize');
      await settle();
    },
    exited,
    exitWithin: (ms) =>
      Promise.race([
        exited,
        new Promise<'running'>((resolve) => setTimeout(() => resolve('running'), ms)),
      ]),
    unmount: () => instance.unmount(),
  };
};
