// One query over UDP. The socket is connected to the resolver, so the kernel reports a closed
// port (ICMP port unreachable) at once instead of letting us wait out the deadline, and every
// datagram is still checked by examine(). One timer bounds it all; retransmissions of the same
// query (same ID) cover a lost datagram.
import dgram from 'node:dgram';
import type { ExchangeResult, Expectation } from './exchange.js';
import { examine, remainingMs } from './exchange.js';
import { sameAddress } from './address.js';
import type { Resolver } from './resolvers.js';

const FIRST_RESEND_MS = 1000;

const hostWithoutZone = (host: string): string => host.replace(/%.*$/, '');

export const udpExchange = (
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

    const socket = dgram.createSocket({ type: resolver.host.includes(':') ? 'udp6' : 'udp4' });
    let done = false;
    let resendTimer: ReturnType<typeof setTimeout> | undefined;

    const finish = (result: ExchangeResult): void => {
      if (done) return;
      done = true;
      clearTimeout(deadlineTimer);
      if (resendTimer) clearTimeout(resendTimer);
      signal?.removeEventListener('abort', onAbort);
      socket.removeAllListeners('message');
      // An error that surfaces while the socket closes has no one left to tell.
      socket.removeAllListeners('error');
      socket.on('error', () => undefined);
      try {
        socket.close();
      } catch {
        // Already closed.
      }
      resolve(result);
    };

    const onAbort = (): void => finish({ kind: 'aborted', ignored });
    const deadlineTimer = setTimeout(() => finish({ kind: 'timeout', ignored }), budget);
    signal?.addEventListener('abort', onAbort, { once: true });

    socket.on('error', (error: NodeJS.ErrnoException) =>
      finish({ kind: 'unreachable', code: error.code ?? 'EDNS', message: error.message, ignored }),
    );
    socket.on('message', (message: Buffer, rinfo: dgram.RemoteInfo) => {
      if (
        rinfo.port !== resolver.port ||
        !sameAddress(rinfo.address, hostWithoutZone(resolver.host))
      ) {
        ignored.push(`a datagram from ${rinfo.address}:${rinfo.port}, not from the resolver`);
        return;
      }
      const examined = examine(message, expect);
      if (examined.kind === 'ignore') ignored.push(examined.reason);
      else if (examined.kind === 'malformed')
        finish({ kind: 'malformed', reason: examined.reason, ignored });
      else finish({ kind: 'reply', reply: examined.reply, ignored });
    });

    const send = (): void => {
      socket.send(query, (error) => {
        if (error && !done) {
          const code = (error as NodeJS.ErrnoException).code ?? 'EDNS';
          finish({ kind: 'unreachable', code, message: error.message, ignored });
        }
      });
    };
    const scheduleResend = (delay: number): void => {
      if (done || delay >= remainingMs(deadlineAt)) return;
      resendTimer = setTimeout(() => {
        resendTimer = undefined;
        if (done) return;
        send();
        scheduleResend(delay * 2);
      }, delay);
    };

    socket.connect(resolver.port, resolver.host, () => {
      if (done) return;
      send();
      scheduleResend(Math.min(FIRST_RESEND_MS, Math.max(100, budget / 4)));
    });
  });
