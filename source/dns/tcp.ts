// One query over TCP (RFC 1035 4.2.2, RFC 7766), used after a truncated UDP reply. dns2's own TCP
// client has no deadline at all, so this one is ours: the caller's deadline covers connecting,
// writing and reading, and the socket is destroyed on every path.
import net from 'node:net';
import type { ExchangeResult, Expectation } from './exchange.js';
import { examine, remainingMs } from './exchange.js';
import type { Resolver } from './resolvers.js';

export const tcpExchange = (
  resolver: Resolver,
  query: Buffer,
  expect: Expectation,
  deadlineAt: number,
  signal?: AbortSignal,
): Promise<ExchangeResult> =>
  new Promise((resolve) => {
    const ignored: string[] = [];
    if (signal?.aborted) return resolve({ kind: 'aborted', ignored });
    const budget = remainingMs(deadlineAt);
    if (budget <= 0) return resolve({ kind: 'timeout', ignored });

    const socket = net.connect({ host: resolver.host, port: resolver.port });
    let done = false;
    let buffered: Buffer = Buffer.alloc(0);

    const finish = (result: ExchangeResult): void => {
      if (done) return;
      done = true;
      clearTimeout(deadlineTimer);
      signal?.removeEventListener('abort', onAbort);
      socket.removeAllListeners('data');
      socket.removeAllListeners('end');
      socket.removeAllListeners('error');
      socket.on('error', () => undefined);
      socket.destroy();
      resolve(result);
    };

    const onAbort = (): void => finish({ kind: 'aborted', ignored });
    const deadlineTimer = setTimeout(() => finish({ kind: 'timeout', ignored }), budget);
    signal?.addEventListener('abort', onAbort, { once: true });

    socket.setNoDelay(true);
    socket.on('connect', () => {
      const framed = Buffer.alloc(2 + query.length);
      framed.writeUInt16BE(query.length, 0);
      query.copy(framed, 2);
      socket.write(framed);
    });
    socket.on('data', (chunk: Buffer) => {
      buffered = buffered.length === 0 ? chunk : Buffer.concat([buffered, chunk]);
      // Each message is length-prefixed; one that is not ours is skipped and the next one read.
      while (!done && buffered.length >= 2) {
        const length = buffered.readUInt16BE(0);
        if (buffered.length < 2 + length) return;
        const message = buffered.subarray(2, 2 + length);
        buffered = buffered.subarray(2 + length);
        const examined = examine(message, expect);
        if (examined.kind === 'ignore') ignored.push(examined.reason);
        else if (examined.kind === 'malformed')
          finish({ kind: 'malformed', reason: examined.reason, ignored });
        else finish({ kind: 'reply', reply: examined.reply, ignored });
      }
    });
    socket.on('end', () => {
      if (buffered.length === 0) {
        finish({
          kind: 'unreachable',
          code: 'ECLOSED',
          message: 'closed the TCP connection without replying',
          ignored,
        });
      } else {
        finish({
          kind: 'malformed',
          reason: 'the TCP connection closed in the middle of a reply',
          ignored,
        });
      }
    });
    socket.on('error', (error: NodeJS.ErrnoException) =>
      finish({ kind: 'unreachable', code: error.code ?? 'EDNS', message: error.message, ignored }),
    );
  });
