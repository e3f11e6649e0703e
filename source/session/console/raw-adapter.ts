// Any other TCP service (HTTP HEAD /, a custom daemon): lines out, lines back, no state to check.
import { LineFramer } from '../../protocols/common/framer.js';
import { assertSafeField } from '../../protocols/common/input.js';
import type { ConsoleAdapter, ConsoleEvent } from './adapter.js';

export const createRawAdapter = (): ConsoleAdapter => {
  const framer = new LineFramer();
  let over = false;
  return {
    protocol: 'raw',
    mode: 'command',
    isSecure: false,
    awaiting: 0,
    get isOver() {
      return over;
    },
    initialResponse: false,
    whyNot: () => undefined,
    credentials: () => undefined,
    preview: (line) => [line],
    authCommand: (mech, initial) => `AUTH ${mech}${initial === undefined ? '' : ` ${initial}`}`,
    send: (line) => ({
      bytes: Buffer.from(`${assertSafeField('line', line)}\r\n`, 'utf8'),
      display: [line],
      secret: false,
      secrets: [],
      step: 'banner',
    }),
    receive: (chunk): ConsoleEvent[] => {
      framer.push(chunk);
      const lines: string[] = [];
      for (let l = framer.nextLine(); l; l = framer.nextLine()) lines.push(l.text);
      return lines.length > 0 ? [{ type: 'lines', lines, step: 'banner' }] : [];
    },
    tlsEstablished: () => undefined,
    closed: () => {
      over = true;
    },
  };
};
