import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Connection } from '../../source/net/connection.js';
import { MailmedicError } from '../../source/protocols/common/errors.js';
import { closedPort, startFakeServer } from '../helpers/fake-server.js';
import { settlesBefore, until } from '../helpers/timing.js';

const firstLine = (chunk: Buffer): string | undefined => {
  const text = chunk.toString('latin1');
  return text.includes('\n') ? text : undefined;
};

test('a refused connection is a typed network error', { timeout: 10_000 }, async () => {
  const port = await closedPort();
  await assert.rejects(Connection.open({ host: '127.0.0.1', port }), (error: unknown) => {
    assert.ok(error instanceof MailmedicError);
    assert.equal(error.code, 'ECONNREFUSED');
    assert.equal(error.origin, 'network');
    return true;
  });
});

test('a greeting that never comes fails at the named deadline', { timeout: 10_000 }, async () => {
  const server = await startFakeServer(() => undefined);
  try {
    const conn = await Connection.open({
      host: server.host,
      port: server.port,
      deadlines: { greeting: 300 },
    });
    const started = Date.now();
    // The deadline (300 ms) must beat a reference timer of twice as long started with it.
    await assert.rejects(
      settlesBefore(conn.until(firstLine, 'greeting'), 600, 'the greeting deadline'),
      (error: unknown) => {
        assert.ok(error instanceof MailmedicError);
        assert.equal(error.code, 'ETIMEDOUT');
        assert.match(error.message, /greeting/);
        return true;
      },
    );
    // Never early (load only makes it later).
    assert.ok(Date.now() - started >= 280, `took ${Date.now() - started} ms`);
    conn.destroy();
  } finally {
    await server.close();
  }
});

test(
  'a server that drips one byte at a time cannot stretch the deadline',
  { timeout: 10_000 },
  async () => {
    let stop = false;
    const server = await startFakeServer(async (peer) => {
      while (!stop) {
        peer.send('2');
        await peer.wait(50);
      }
    });
    try {
      const conn = await Connection.open({
        host: server.host,
        port: server.port,
        deadlines: { greeting: 500 },
      });
      let fed = 0;
      // A deadline re-armed by every byte would lose to this reference; one that holds wins.
      await assert.rejects(
        settlesBefore(
          conn.until((chunk) => {
            fed += chunk.length;
            return undefined;
          }, 'greeting'),
          1500,
          'the greeting deadline under a drip',
        ),
        /within 0.5 s/,
      );
      assert.ok(fed >= 3, 'bytes kept arriving');
      conn.destroy();
    } finally {
      stop = true;
      await server.close();
    }
  },
);

test('a flood beyond the per-connection ceiling is cut off', { timeout: 10_000 }, async () => {
  const server = await startFakeServer((peer) => {
    peer.send(Buffer.alloc(200_000, 0x41));
  });
  try {
    const conn = await Connection.open({
      host: server.host,
      port: server.port,
      maxTotalBytes: 64 * 1024,
    });
    await assert.rejects(
      conn.until(() => undefined, 'greeting'),
      (error: unknown) => error instanceof MailmedicError && error.code === 'ELIMIT',
    );
    conn.destroy();
  } finally {
    await server.close();
  }
});

test(
  'a peer that closes mid-reply is reported as closed, not as a hang',
  { timeout: 10_000 },
  async () => {
    const server = await startFakeServer((peer) => {
      peer.send('220-partial');
      peer.close();
    });
    try {
      const conn = await Connection.open({ host: server.host, port: server.port });
      await assert.rejects(
        conn.until(() => undefined, 'greeting'),
        (error: unknown) => error instanceof MailmedicError && error.code === 'ECLOSED',
      );
    } finally {
      await server.close();
    }
  },
);

test(
  'bytes waiting before a TLS upgrade abort it (response injection)',
  { timeout: 10_000 },
  async () => {
    const server = await startFakeServer((peer) => {
      peer.send('220 go ahead\r\n250 injected\r\n');
    });
    try {
      const conn = await Connection.open({ host: server.host, port: server.port });
      // Nothing reads the bytes, so they stay buffered once they arrive.
      await until(() => conn.buffered > 0);
      await assert.rejects(conn.startTls({ servername: 'localhost' }), /response injection/);
      conn.destroy();
    } finally {
      await server.close();
    }
  },
);

test(
  'a TLS handshake against a plain-text server fails with ETLS within its deadline',
  { timeout: 10_000 },
  async () => {
    const server = await startFakeServer((peer) => {
      peer.send('220 this is not TLS\r\n');
    });
    try {
      await assert.rejects(
        Connection.open({
          host: server.host,
          port: server.port,
          tls: { servername: 'localhost' },
          deadlines: { tlsHandshake: 2000 },
        }),
        (error: unknown) =>
          error instanceof MailmedicError && (error.code === 'ETLS' || error.code === 'ETIMEDOUT'),
      );
    } finally {
      await server.close();
    }
  },
);
