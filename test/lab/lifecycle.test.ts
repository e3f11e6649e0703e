// The lab starts on free loopback ports and stop() leaves nothing behind: every TCP port refuses
// afterwards, the DNS port can be bound again, and an open client connection is cut.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createSocket } from 'node:dgram';
import { connect } from 'node:net';
import { X509Certificate } from 'node:crypto';
import { startLab } from '../../source/lab/lab.js';

const connects = (port: number, host = '127.0.0.1'): Promise<boolean> =>
  new Promise((resolve) => {
    const s = connect({ port, host });
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });

const udpFree = (port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const s = createSocket('udp4');
    s.once('error', () => resolve(false));
    s.bind(port, '127.0.0.1', () => s.close(() => resolve(true)));
  });

test('the lab listens on every port it reports, and stop() closes them all', async () => {
  const lab = await startLab('healthy');
  const { dns, ...tcp } = lab.ports;
  const ports = Object.values(tcp);
  assert.equal(new Set([...ports, dns]).size, ports.length + 1, 'one port per server');
  for (const port of ports) assert.ok(await connects(port), `port ${port} listens`);
  assert.ok(await connects(dns), 'DNS over TCP on the DNS port');
  assert.equal(await udpFree(dns), false, 'DNS over UDP holds the port');
  // A client still connected when the lab stops is cut off, not left hanging.
  const open = connect({ port: lab.ports.smtp, host: '127.0.0.1' });
  await new Promise((resolve) => open.once('data', resolve));
  const closed = new Promise((resolve) => open.once('close', resolve));
  await lab.stop();
  await closed;
  for (const port of [...ports, dns])
    assert.equal(await connects(port), false, `port ${port} closed`);
  assert.ok(await udpFree(dns), 'the UDP port is free again');
  if (lab.addresses.includes('::1'))
    for (const port of ports) assert.equal(await connects(port, '::1'), false);
});

test("the lab CA signs the servers' certificate for the mail host", async () => {
  const lab = await startLab('healthy');
  try {
    const ca = new X509Certificate(lab.caCert);
    assert.ok(ca.ca);
    assert.match(ca.subject, /CN=mailmedic practice lab CA/);
  } finally {
    await lab.stop();
  }
});

test('an unknown scenario is refused by name, with the list', async () => {
  await assert.rejects(
    startLab('nope'),
    /"nope" is not a practice scenario; scenarios are healthy,/,
  );
});
