// TLS facts and the hostname check, against a local TLS server with a throwaway certificate.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer } from 'node:tls';
import type { AddressInfo } from 'node:net';
import { Connection } from '../../source/net/connection.js';
import { selfSigned } from '../helpers/certs.js';

const serve = async (names: string[]) => {
  const { key, cert } = selfSigned(names);
  const server = createServer({ key, cert }, (socket) => {
    socket.on('error', () => undefined);
    socket.end('220 tls.test ESMTP\r\n');
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { cert, port: (server.address() as AddressInfo).port, close: () => server.close() };
};

test(
  'a trusted certificate for the dialled name is authorized, with its facts',
  { timeout: 20_000 },
  async () => {
    const server = await serve(['mail.tls.test', '127.0.0.1']);
    try {
      const conn = await Connection.open({
        host: '127.0.0.1',
        port: server.port,
        tls: { servername: 'mail.tls.test', ca: [server.cert] },
      });
      const facts = conn.tls!;
      assert.equal(facts.authorized, true, facts.authorizationError);
      assert.match(facts.protocol, /^TLSv1\.[23]$/);
      assert.ok(facts.cipher.length > 0);
      assert.match(facts.certificate.subject, /CN=mail\.tls\.test/);
      assert.deepEqual(facts.certificate.altNames, ['DNS:mail.tls.test', 'IP Address:127.0.0.1']);
      assert.ok(Date.parse(facts.certificate.validTo) > Date.now());
      assert.match(facts.certificate.fingerprint256, /^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
      conn.destroy();
    } finally {
      server.close();
    }
  },
);

test(
  'a trusted certificate for another name fails the hostname check, with the exact reason',
  { timeout: 20_000 },
  async () => {
    const server = await serve(['other.tls.test']);
    try {
      const conn = await Connection.open({
        host: '127.0.0.1',
        port: server.port,
        tls: { servername: 'mail.tls.test', ca: [server.cert] },
      });
      assert.equal(conn.tls!.authorized, false);
      assert.equal(conn.tls!.authorizationError, 'ERR_TLS_CERT_ALTNAME_INVALID');
      conn.destroy();
    } finally {
      server.close();
    }
  },
);

test(
  'an untrusted self-signed certificate is not authorized, even with NODE_TLS_REJECT_UNAUTHORIZED=0',
  { timeout: 20_000 },
  async () => {
    const server = await serve(['mail.tls.test']);
    const saved = process.env.NODE_TLS_REJECT_UNAUTHORIZED;
    process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';
    try {
      const conn = await Connection.open({
        host: '127.0.0.1',
        port: server.port,
        tls: { servername: 'mail.tls.test' },
      });
      assert.equal(conn.tls!.authorized, false);
      assert.equal(conn.tls!.authorizationError, 'DEPTH_ZERO_SELF_SIGNED_CERT');
      conn.destroy();
    } finally {
      if (saved === undefined) delete process.env.NODE_TLS_REJECT_UNAUTHORIZED;
      else process.env.NODE_TLS_REJECT_UNAUTHORIZED = saved;
      server.close();
    }
  },
);
