// The one place that opens sockets. Every read waits against a named deadline that starts when
// the wait starts (a command sent, a handshake begun), so a server that drips a byte at a time
// cannot stretch it; every connection has a ceiling on the bytes it will accept.
import { isIPv4, isIPv6, connect as tcpConnect } from 'node:net';
import type { Socket } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { connect as tlsConnect, createSecureContext, rootCertificates } from 'node:tls';
import type { SecureContext } from 'node:tls';
import { MailmedicError } from '../protocols/common/errors.js';
import { oneLine } from '../protocols/common/printable.js';
import type { ErrorCode } from '../protocols/common/errors.js';
import type { DeadlineName, Deadlines } from './deadlines.js';
import { DEADLINE_LABELS, DEFAULT_DEADLINES } from './deadlines.js';
import type { TlsFacts } from './tls-facts.js';
import { tlsFacts } from './tls-facts.js';

export interface TlsOptions {
  /** Name for SNI and the certificate's hostname check (an MX name even when we dial its address). */
  servername: string;
  /** Extra PEM CA certificates to trust, in addition to the system's. */
  ca?: string[];
}

export interface ConnectOptions {
  host: string;
  port: number;
  deadlines?: Partial<Deadlines>;
  /** Implicit TLS (ports 465, 993, 995): handshake before the first byte of the protocol. */
  tls?: TlsOptions;
  /** Ceiling on all bytes received on this connection. */
  maxTotalBytes?: number;
  signal?: AbortSignal;
}

export const DEFAULT_MAX_TOTAL_BYTES = 64 * 1024 * 1024;

const NETWORK_CODES: ReadonlySet<string> = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
]);

const PLAIN_WORDS: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset by the peer',
  EHOSTUNREACH: 'no route to the host',
  ENETUNREACH: 'the network is unreachable',
  ENOTFOUND: 'the name does not resolve',
  EAI_AGAIN: 'the name could not be resolved (resolver unreachable)',
  EPIPE: 'the connection was closed by the peer',
};

const networkError = (error: NodeJS.ErrnoException, where: string): MailmedicError => {
  const raw = error.code ?? '';
  const code = (
    NETWORK_CODES.has(raw) ? raw : raw === 'EAI_AGAIN' ? 'ENOTFOUND' : 'ECONNRESET'
  ) as ErrorCode;
  return new MailmedicError(`${where}: ${PLAIN_WORDS[raw] ?? oneLine(error.message)}`, {
    origin: 'network',
    code,
    cause: error,
  });
};

/** The native handle of a SecureContext; `addCACert` is how Node itself applies its `ca` option. */
interface NativeContext {
  addCACert?: (pem: string) => void;
}

/**
 * Node's `ca` replaces the root store, so extra CAs passed that way mean parsing every root again
 * from PEM: 40-150 ms of the TLS step's critical path. Adding them to a default context instead
 * copies the built-in store natively (about 2 ms) and trusts the roots and the extra CAs alike.
 * Either way each CA set is built once per process, not per connection.
 */
const contexts = new Map<string, SecureContext>();
const contextFor = (ca: readonly string[]): SecureContext => {
  const key = ca.join('\n');
  let context = contexts.get(key);
  if (!context) {
    const quick = createSecureContext();
    const native = (quick as SecureContext & { context?: NativeContext }).context;
    if (typeof native?.addCACert === 'function') {
      for (const pem of ca) native.addCACert(pem);
      context = quick;
    } else {
      context = createSecureContext({ ca: [...rootCertificates, ...ca] });
    }
    contexts.set(key, context);
  }
  return context;
};

/**
 * The IP family of a literal, or 0 for a name. Names never contain ':', so they skip isIPv6,
 * whose expression costs 15-100 ms to compile on first use.
 */
const ipFamily = (host: string): 0 | 4 | 6 =>
  isIPv4(host) ? 4 : host.includes(':') && isIPv6(host) ? 6 : 0;

/** host:port, with IPv6 addresses in brackets ([::1]:25). */
export const endpoint = (host: string, port: number): string =>
  `${ipFamily(host) === 6 ? `[${host}]` : host}:${port}`;

const cancelled = (): MailmedicError =>
  new MailmedicError('interrupted', { origin: 'local', code: 'ECANCELLED' });

const timeoutError = (name: DeadlineName, ms: number, where: string): MailmedicError =>
  new MailmedicError(
    `no ${DEADLINE_LABELS[name]} from ${where} within ${Math.round(ms / 100) / 10} s`,
    {
      origin: 'network',
      code: 'ETIMEDOUT',
    },
  );

export class Connection {
  private socket: Socket | TLSSocket;
  private readonly queue: Buffer[] = [];
  private waiter: (() => void) | undefined;
  private ended = false;
  private failure: MailmedicError | undefined;
  private received = 0;
  private readonly deadlines: Deadlines;
  private readonly maxTotalBytes: number;
  private tlsInfo: TlsFacts | undefined;
  /** Cancels every wait on this connection (Ctrl-C in check). */
  private readonly signal: AbortSignal | undefined;
  readonly where: string;

  private constructor(socket: Socket, options: ConnectOptions) {
    this.socket = socket;
    this.deadlines = { ...DEFAULT_DEADLINES, ...options.deadlines };
    this.maxTotalBytes = options.maxTotalBytes ?? DEFAULT_MAX_TOTAL_BYTES;
    this.signal = options.signal;
    this.where = endpoint(options.host, options.port);
    this.attach(socket);
  }

  /** Opens TCP (both address families raced, RFC 8305), then TLS when implicit. */
  static async open(options: ConnectOptions): Promise<Connection> {
    const deadlines = { ...DEFAULT_DEADLINES, ...options.deadlines };
    if (options.signal?.aborted) throw cancelled();
    const socket = await new Promise<Socket>((resolve, reject) => {
      const s = tcpConnect({
        host: options.host,
        port: options.port,
        autoSelectFamily: true,
        autoSelectFamilyAttemptTimeout: 250,
      });
      const timer = setTimeout(() => {
        s.destroy();
        reject(timeoutError('connect', deadlines.connect, endpoint(options.host, options.port)));
      }, deadlines.connect);
      const abort = (): void => {
        clearTimeout(timer);
        s.destroy();
        reject(cancelled());
      };
      options.signal?.addEventListener('abort', abort, { once: true });
      s.once('connect', () => {
        clearTimeout(timer);
        options.signal?.removeEventListener('abort', abort);
        s.setNoDelay(true);
        resolve(s);
      });
      s.once('error', (error: NodeJS.ErrnoException) => {
        clearTimeout(timer);
        options.signal?.removeEventListener('abort', abort);
        s.destroy();
        reject(networkError(error, endpoint(options.host, options.port)));
      });
    });
    const connection = new Connection(socket, options);
    if (options.tls) {
      try {
        await connection.startTls(options.tls);
      } catch (error) {
        connection.close();
        throw error;
      }
    }
    return connection;
  }

  get remoteAddress(): string | undefined {
    return this.socket.remoteAddress;
  }
  get remotePort(): number | undefined {
    return this.socket.remotePort;
  }
  get localAddress(): string | undefined {
    return this.socket.localAddress;
  }
  get tls(): TlsFacts | undefined {
    return this.tlsInfo;
  }
  get isOpen(): boolean {
    return !this.ended && !this.socket.destroyed;
  }

  write(bytes: Uint8Array): void {
    if (!this.isOpen) {
      throw (
        this.failure ??
        new MailmedicError(`${this.where} closed the connection`, {
          origin: 'remote',
          code: 'ECLOSED',
        })
      );
    }
    this.socket.write(bytes);
  }

  /**
   * Reads chunks into `feed` until it returns a value. The deadline runs from this call: a peer
   * that keeps sending a little cannot extend it.
   */
  async until<T>(
    feed: (chunk: Buffer) => T | undefined,
    deadline: DeadlineName,
    signal?: AbortSignal,
  ): Promise<T> {
    const ms = this.deadlines[deadline];
    const expires = Date.now() + ms;
    for (;;) {
      const chunk = this.queue.shift();
      if (chunk) {
        const result = feed(chunk);
        if (result !== undefined) return result;
        continue;
      }
      if (this.failure) throw this.failure;
      if (this.ended)
        throw new MailmedicError(`${this.where} closed the connection`, {
          origin: 'remote',
          code: 'ECLOSED',
        });
      const left = expires - Date.now();
      if (left <= 0) throw timeoutError(deadline, ms, this.where);
      await this.wait(left, signal ?? this.signal);
    }
  }

  /** Bytes received but not yet handed to a reader (must be none when TLS starts). */
  get buffered(): number {
    return this.queue.reduce((n, b) => n + b.length, 0);
  }

  /** Upgrades this connection to TLS (STARTTLS/STLS, or implicit at open). */
  async startTls(options: TlsOptions): Promise<TlsFacts> {
    if (this.buffered > 0) {
      throw new MailmedicError(
        `${this.buffered} byte(s) arrived before the TLS handshake (possible response injection)`,
        { origin: 'remote', code: 'EPROTOCOL', raw: Buffer.concat(this.queue) },
      );
    }
    const plain = this.socket as Socket;
    this.detach(plain);
    const ms = this.deadlines.tlsHandshake;
    const host = plain.remoteAddress ?? options.servername;
    const secure = await new Promise<TLSSocket>((resolve, reject) => {
      const s = tlsConnect({
        socket: plain,
        host: options.servername,
        // SNI carries names only (RFC 6066 3); an IP literal goes without.
        ...(ipFamily(options.servername) ? {} : { servername: options.servername }),
        // We decide about trust ourselves after the handshake, so that a bad certificate becomes
        // a finding with its exact reason. authorized is read below, whatever
        // NODE_TLS_REJECT_UNAUTHORIZED says.
        rejectUnauthorized: false,
        ...(options.ca && options.ca.length > 0 ? { secureContext: contextFor(options.ca) } : {}),
      });
      const onAbort = (): void => {
        clearTimeout(timer);
        s.destroy();
        reject(cancelled());
      };
      const timer = setTimeout(() => {
        this.signal?.removeEventListener('abort', onAbort);
        s.destroy();
        reject(timeoutError('tlsHandshake', ms, host));
      }, ms);
      this.signal?.addEventListener('abort', onAbort, { once: true });
      s.once('secureConnect', () => {
        clearTimeout(timer);
        this.signal?.removeEventListener('abort', onAbort);
        s.removeAllListeners('error');
        resolve(s);
      });
      s.once('error', (error: Error) => {
        clearTimeout(timer);
        this.signal?.removeEventListener('abort', onAbort);
        s.destroy();
        reject(
          new MailmedicError(`TLS handshake with ${this.where} failed: ${oneLine(error.message)}`, {
            origin: 'remote',
            code: 'ETLS',
            cause: error,
          }),
        );
      });
    });
    this.socket = secure;
    this.attach(secure);
    this.tlsInfo = tlsFacts(secure, options.servername);
    return this.tlsInfo;
  }

  close(): void {
    if (this.socket.destroyed) return;
    this.ended = true;
    this.socket.end();
    // A peer that never closes its side must not keep us alive.
    const s = this.socket;
    setTimeout(() => s.destroy(), 1000).unref();
  }

  destroy(): void {
    this.ended = true;
    this.socket.destroy();
  }

  private readonly onData = (chunk: Buffer): void => {
    this.received += chunk.length;
    if (this.received > this.maxTotalBytes) {
      this.failure = new MailmedicError(
        `${this.where} sent more than ${this.maxTotalBytes} bytes`,
        { origin: 'remote', code: 'ELIMIT' },
      );
      this.socket.destroy();
    } else {
      this.queue.push(chunk);
    }
    this.wake();
  };
  private readonly onEnd = (): void => {
    this.ended = true;
    this.wake();
  };
  private readonly onError = (error: NodeJS.ErrnoException): void => {
    this.failure ??= networkError(error, this.where);
    this.ended = true;
    this.wake();
  };

  private attach(socket: Socket): void {
    socket.on('data', this.onData);
    socket.on('end', this.onEnd);
    socket.on('close', this.onEnd);
    socket.on('error', this.onError);
  }

  private detach(socket: Socket): void {
    socket.off('data', this.onData);
    socket.off('end', this.onEnd);
    socket.off('close', this.onEnd);
    socket.off('error', this.onError);
  }

  private wake(): void {
    const w = this.waiter;
    this.waiter = undefined;
    w?.();
  }

  private wait(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(cancelled());
      const timer = setTimeout(done, ms);
      const onAbort = (): void => {
        clearTimeout(timer);
        this.waiter = undefined;
        reject(cancelled());
      };
      function done(): void {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiter = done;
    });
  }
}
