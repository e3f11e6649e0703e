// A scriptable TCP server on port 0 for the hostile and rare cases real servers will not produce:
// each connection runs the script with a small API to send bytes, read lines, and misbehave.
import { createServer } from 'node:net';
import type { AddressInfo, Server, Socket } from 'node:net';
import { once } from 'node:events';

export interface FakePeer {
  socket: Socket;
  send(text: string | Buffer): void;
  /** Resolves with the next line the client sent (without CRLF). */
  line(timeoutMs?: number): Promise<string>;
  /** Everything the client sent so far. */
  received(): string;
  wait(ms: number): Promise<void>;
  close(): void;
}

export interface FakeServer {
  port: number;
  host: string;
  /** Connections accepted so far. */
  connections: number;
  close(): Promise<void>;
}

export const startFakeServer = async (
  script: (peer: FakePeer) => Promise<void> | void,
): Promise<FakeServer> => {
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  const state = { connections: 0 };
  const server: Server = createServer((socket) => {
    state.connections += 1;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    let buffer = '';
    let all = '';
    const waiters: Array<() => void> = [];
    socket.on('data', (chunk) => {
      buffer += chunk.toString('latin1');
      all += chunk.toString('latin1');
      waiters.splice(0).forEach((w) => w());
    });
    const peer: FakePeer = {
      socket,
      send: (text) => {
        if (!socket.destroyed) socket.write(text);
      },
      line: (timeoutMs = 5000) =>
        new Promise((resolve, reject) => {
          const started = Date.now();
          // A check left over from this call (its timer or its waiter) must not run after the
          // call is settled: it would consume the next line and hand it to nobody.
          let settled = false;
          const check = (): void => {
            if (settled) return;
            const i = buffer.indexOf('\n');
            if (i >= 0) {
              settled = true;
              const l = buffer.slice(0, i).replace(/\r$/, '');
              buffer = buffer.slice(i + 1);
              resolve(l);
            } else if (Date.now() - started > timeoutMs || socket.destroyed) {
              settled = true;
              reject(new Error('fake server: no line from the client'));
            } else {
              waiters.push(check);
              const t = setTimeout(check, 50);
              timers.add(t);
            }
          };
          check();
        }),
      received: () => all,
      wait: (ms) =>
        new Promise((resolve) => {
          const t = setTimeout(resolve, ms);
          timers.add(t);
        }),
      close: () => socket.end(),
    };
    Promise.resolve(script(peer)).catch(() => socket.destroy());
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    port,
    host: '127.0.0.1',
    get connections() {
      return state.connections;
    },
    close: async () => {
      for (const t of timers) clearTimeout(t);
      for (const s of sockets) s.destroy();
      server.close();
      await once(server, 'close');
    },
  };
};

/** A port on loopback where nothing listens (bound, then released). */
export const closedPort = async (): Promise<number> => {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  server.close();
  await once(server, 'close');
  return port;
};
