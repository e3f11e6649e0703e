// The server side of net/: the practice lab listens here, never on its own. Every listener binds
// loopback only, on a free port (0), the same port on 127.0.0.1 and ::1 when this machine has
// IPv6, and close() ends every connection it accepted, so no port or socket outlives a lab.
import type { Socket as DatagramSocket } from 'node:dgram';
import { createServer } from 'node:net';
import type { Server, Socket } from 'node:net';
import { TLSSocket, createSecureContext } from 'node:tls';
import type { SecureContext } from 'node:tls';

export type { SecureContext };

/** A certificate and its key (PEM) for a server. */
export interface ServerCredentials {
  key: string;
  cert: string;
}

/** How long a lab connection may sit idle, and a handshake may take, before it is dropped. */
export const LISTENER_DEADLINES = { idleMs: 5 * 60_000, handshakeMs: 10_000 } as const;

export const serverContext = (credentials: ServerCredentials): SecureContext =>
  createSecureContext({ key: credentials.key, cert: credentials.cert });

/** One accepted connection, as a lab server sees it: bytes in, bytes out, TLS on demand. */
export class Peer {
  private socket: Socket;
  private handler: ((chunk: Buffer) => void) | undefined;
  private closeHandlers: (() => void)[] = [];
  private secured = false;

  constructor(
    socket: Socket,
    private readonly track: (socket: Socket) => void,
  ) {
    this.socket = socket;
    this.attach(socket);
  }

  get remoteAddress(): string {
    return this.socket.remoteAddress ?? '127.0.0.1';
  }
  get secure(): boolean {
    return this.secured;
  }
  get open(): boolean {
    return !this.socket.destroyed && this.socket.writable;
  }

  onData(handler: (chunk: Buffer) => void): void {
    this.handler = handler;
  }
  onClose(handler: () => void): void {
    this.closeHandlers.push(handler);
  }

  write(data: string | Uint8Array): void {
    if (this.open) this.socket.write(data);
  }

  /** Server side of STARTTLS/STLS (or implicit TLS): handshake, then bytes flow through TLS. */
  async startTls(context: SecureContext): Promise<void> {
    const plain = this.socket;
    plain.removeAllListeners('data');
    plain.removeAllListeners('close');
    plain.removeAllListeners('timeout');
    plain.on('error', () => undefined);
    const secure = new TLSSocket(plain, { isServer: true, secureContext: context });
    this.track(secure);
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        secure.destroy();
        reject(new Error('TLS handshake timed out'));
      }, LISTENER_DEADLINES.handshakeMs);
      secure.once('secure', () => {
        clearTimeout(timer);
        resolve();
      });
      secure.once('error', (error) => {
        clearTimeout(timer);
        secure.destroy();
        reject(error);
      });
    });
    this.socket = secure;
    this.secured = true;
    this.attach(secure);
  }

  /** Says goodbye politely; a client that never closes its side is cut off a second later. */
  close(): void {
    const s = this.socket;
    if (s.destroyed) return;
    s.end();
    setTimeout(() => s.destroy(), 1000).unref();
  }

  destroy(): void {
    this.socket.destroy();
  }

  private attach(socket: Socket): void {
    socket.setTimeout(LISTENER_DEADLINES.idleMs, () => socket.destroy());
    socket.on('data', (chunk: Buffer) => this.handler?.(chunk));
    socket.on('error', () => socket.destroy());
    socket.once('close', () => {
      for (const h of this.closeHandlers) h();
    });
  }
}

export interface Listener {
  port: number;
  /** The loopback addresses bound (127.0.0.1, and ::1 when the machine has IPv6). */
  hosts: string[];
  close(): Promise<void>;
}

const LOOPBACKS = ['127.0.0.1', '::1'] as const;

const listenOn = (server: Server, host: string, port: number): Promise<void> =>
  new Promise((resolve, reject) => {
    const onError = (error: Error): void => reject(error);
    server.once('error', onError);
    server.listen({ host, port, exclusive: true }, () => {
      server.off('error', onError);
      resolve();
    });
  });

const closeServer = (server: Server): Promise<void> =>
  new Promise((resolve) => (server.listening ? server.close(() => resolve()) : resolve()));

const UNAVAILABLE = new Set(['EADDRNOTAVAIL', 'EAFNOSUPPORT', 'EINVAL']);

/**
 * Binds `make()` servers on one free port on every loopback address the machine has. A port
 * free on 127.0.0.1 may be taken on ::1: then the whole set is tried again on another port.
 */
const bindLoopbacks = async (make: () => Server, ipv6: boolean): Promise<Listener> => {
  for (let attempt = 0; ; attempt += 1) {
    const servers: Server[] = [];
    const hosts: string[] = [];
    const sockets = new Set<Socket>();
    try {
      let port = 0;
      for (const host of ipv6 ? LOOPBACKS : LOOPBACKS.slice(0, 1)) {
        const server = make();
        server.on('connection', (s: Socket) => {
          sockets.add(s);
          s.once('close', () => sockets.delete(s));
        });
        try {
          await listenOn(server, host, port);
        } catch (error) {
          const code = (error as NodeJS.ErrnoException).code ?? '';
          if (host === '::1' && UNAVAILABLE.has(code)) continue;
          throw error;
        }
        servers.push(server);
        hosts.push(host);
        const address = server.address();
        if (port === 0 && address && typeof address === 'object') port = address.port;
      }
      return {
        port,
        hosts,
        close: async () => {
          for (const s of sockets) s.destroy();
          await Promise.all(servers.map(closeServer));
        },
      };
    } catch (error) {
      await Promise.all(servers.map(closeServer));
      if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE' || attempt >= 20) throw error;
    }
  }
};

export interface TcpListenOptions {
  /** Implicit TLS: the handshake comes before the first byte of the protocol. */
  tls?: SecureContext;
  onPeer: (peer: Peer) => void;
  /** Also listen on ::1 (default true). */
  ipv6?: boolean;
}

/** A TCP listener whose connections arrive as Peers (the lab's own scripted servers). */
export const listenTcp = async (options: TcpListenOptions): Promise<Listener> => {
  const all = new Set<Socket>();
  const track = (s: Socket): void => {
    all.add(s);
    s.once('close', () => all.delete(s));
  };
  const listener = await bindLoopbacks(
    () =>
      createServer((socket) => {
        track(socket);
        socket.on('error', () => socket.destroy());
        const peer = new Peer(socket, track);
        if (!options.tls) return options.onPeer(peer);
        peer.startTls(options.tls).then(
          () => options.onPeer(peer),
          () => peer.destroy(),
        );
      }),
    options.ipv6 ?? true,
  );
  return {
    ...listener,
    close: async () => {
      for (const s of all) s.destroy();
      await listener.close();
    },
  };
};

/**
 * Listens for a library's server (smtp-server's net.Server): its connection handler gets the
 * sockets of every loopback address.
 */
export const listenServer = async (server: Server, ipv6 = true): Promise<Listener> => {
  const forward = (socket: Socket): void => {
    server.emit('connection', socket);
  };
  return bindLoopbacks(() => createServer({ pauseOnConnect: false }, forward), ipv6);
};

/**
 * A DNS server's UDP socket and TCP server on one free port of 127.0.0.1 (DNS falls back from UDP
 * to TCP on the same port). Both come from the caller (dns2's servers).
 */
export const listenDatagramAndStream = async (
  makeUdp: () => DatagramSocket,
  makeTcp: () => Server,
): Promise<Listener> => {
  for (let attempt = 0; ; attempt += 1) {
    const udp = makeUdp();
    const tcp = makeTcp();
    const sockets = new Set<Socket>();
    tcp.on('connection', (s: Socket) => {
      sockets.add(s);
      s.once('close', () => sockets.delete(s));
    });
    const port = await new Promise<number>((resolve, reject) => {
      udp.once('error', reject);
      udp.bind(0, '127.0.0.1', () => resolve(udp.address().port));
    });
    try {
      await listenOn(tcp, '127.0.0.1', port);
    } catch (error) {
      udp.close();
      if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE' || attempt >= 20) throw error;
      continue;
    }
    return {
      port,
      hosts: ['127.0.0.1'],
      close: async () => {
        for (const s of sockets) s.destroy();
        await Promise.all([
          closeServer(tcp),
          new Promise<void>((resolve) => {
            try {
              udp.close(() => resolve());
            } catch {
              resolve();
            }
          }),
        ]);
      },
    };
  }
};
