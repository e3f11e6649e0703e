import assert from 'node:assert/strict';
import { afterEach, beforeEach, test } from 'node:test';
import {
  ENTER_FULL_SCREEN,
  LEAVE_FULL_SCREEN,
  crashSite,
  enterFullScreen,
} from '../../source/cli/terminal.js';

const EVENTS = [
  'exit',
  'SIGINT',
  'SIGTERM',
  'SIGHUP',
  'uncaughtException',
  'unhandledRejection',
] as const;
const counts = () => EVENTS.map((event) => process.listenerCount(event));

const fakeStream = () => {
  const writes: string[] = [];
  return {
    writes,
    stream: { write: (chunk: string) => writes.push(chunk) > 0 } as unknown as NodeJS.WriteStream,
  };
};

const fakeStdin = () => {
  const raw: boolean[] = [];
  return {
    raw,
    stdin: {
      isTTY: true,
      setRawMode: (on: boolean) => raw.push(on),
    } as unknown as NodeJS.ReadStream,
  };
};

let before: number[] = [];
beforeEach(() => {
  before = counts();
});
afterEach(() => assert.deepEqual(counts(), before, 'a handler was left registered'));

test('enters the alternate screen, hides the cursor and clears; restore undoes it once', () => {
  const { writes, stream } = fakeStream();
  const { raw, stdin } = fakeStdin();
  const restore = enterFullScreen(stream, { stdin, exit: () => assert.fail('must not exit') });
  assert.deepEqual(writes, [ENTER_FULL_SCREEN]);
  assert.equal(ENTER_FULL_SCREEN, '\x1b[?1049h\x1b[?25l\x1b[2J\x1b[H');
  assert.deepEqual(
    counts().map((n, i) => n - (before[i] ?? 0)),
    [1, 1, 1, 1, 1, 1],
  );
  restore();
  restore();
  assert.deepEqual(writes, [ENTER_FULL_SCREEN, LEAVE_FULL_SCREEN]);
  assert.ok(LEAVE_FULL_SCREEN.endsWith('\x1b[?1049l\x1b[?25h'));
  assert.ok(LEAVE_FULL_SCREEN.startsWith('\x1b[0m'));
  assert.deepEqual(raw, [true, false]);
});

test('the teardown runs before the screen is switched back, even when it throws', () => {
  const order: string[] = [];
  const stream = {
    write: (chunk: string) => order.push(chunk === LEAVE_FULL_SCREEN ? 'leave' : 'enter') > 0,
  };
  const restore = enterFullScreen(stream as unknown as NodeJS.WriteStream, {
    teardown: () => {
      order.push('teardown');
      throw new Error('renderer already gone');
    },
  });
  restore();
  assert.deepEqual(order, ['enter', 'teardown', 'leave']);
});

for (const [signal, code] of [
  ['SIGINT', 130],
  ['SIGTERM', 143],
  ['SIGHUP', 129],
] as const) {
  test(`${signal} restores the terminal, then exits ${code}`, () => {
    const { writes, stream } = fakeStream();
    const exits: number[] = [];
    enterFullScreen(stream, { exit: (c) => exits.push(c) });
    process.emit(signal, signal);
    assert.deepEqual(writes, [ENTER_FULL_SCREEN, LEAVE_FULL_SCREEN]);
    assert.deepEqual(exits, [code]);
  });
}

test('process exit restores the terminal', () => {
  const { writes, stream } = fakeStream();
  enterFullScreen(stream, { exit: () => assert.fail('must not exit') });
  process.emit('exit', 0);
  assert.deepEqual(writes, [ENTER_FULL_SCREEN, LEAVE_FULL_SCREEN]);
});

for (const event of ['uncaughtException', 'unhandledRejection'] as const) {
  test(`an ${event} restores the terminal, says where it crashed, exits 3`, () => {
    const { writes, stream } = fakeStream();
    const errors: string[] = [];
    const stderr = {
      write: (chunk: string) => errors.push(chunk) > 0,
    } as unknown as NodeJS.WritableStream;
    const exits: number[] = [];
    const listeners = () => process.listeners(event as 'uncaughtException') as unknown[];
    const existing = new Set(listeners());
    enterFullScreen(stream, { stderr, exit: (c) => exits.push(c) });
    // node:test listens for these too, so the handler is called directly instead of emitted.
    const handler = listeners().find((listener) => !existing.has(listener));
    assert.ok(handler);
    function renderStepList(): never {
      throw new Error('boom');
    }
    let error: unknown;
    try {
      renderStepList();
    } catch (caught) {
      error = caught;
    }
    (handler as (error: unknown) => void)(error);
    assert.deepEqual(writes, [ENTER_FULL_SCREEN, LEAVE_FULL_SCREEN]);
    assert.deepEqual(errors, ['mailmedic: crashed in renderStepList: boom\n']);
    assert.deepEqual(exits, [3]);
  });
}

test('crashSite falls back when the stack names nothing', () => {
  assert.equal(crashSite('not an error', 'a promise'), 'a promise');
  const anonymous = new Error('x');
  anonymous.stack = 'Error: x\n    at <anonymous>:1:1';
  assert.equal(crashSite(anonymous, 'an event handler'), 'an event handler');
});
