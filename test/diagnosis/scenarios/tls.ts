// STARTTLS and certificates as the tls step records them.
import type { TlsRecord } from '../../../source/record/types.js';
import { capabilities, SessionBuilder } from '../build-session.js';
import type { Scenario, Scenarios } from './types.js';

const upToEhlo = (port: number, startTls = true) => {
  const b = new SessionBuilder({ server: { host: '192.0.2.10', port } });
  b.note('connect', `connecting to 192.0.2.10 port ${port}`);
  b.step('connect', 'ok');
  b.fact('connect.remote', { host: '192.0.2.10', port, address: '192.0.2.10', ms: 3 });
  b.server('banner', '220 mail.example.test ESMTP Postfix');
  b.step('banner', 'ok');
  b.client('ehlo', 'EHLO client.example.test');
  const ehlo = b.server(
    'ehlo',
    '250-mail.example.test',
    '250-PIPELINING',
    ...(startTls ? ['250-STARTTLS'] : []),
    '250 8BITMIME',
  );
  b.fact(
    'ehlo',
    capabilities(['PIPELINING', ...(startTls ? ['STARTTLS'] : []), '8BITMIME'], [], startTls),
  );
  b.step('ehlo', 'ok');
  return { b, ehlo };
};

export interface CertificateCase {
  error?: string;
  port?: number;
  insecure?: boolean;
  protocol?: string;
  cipher?: string;
  certificate?: Partial<TlsRecord['certificate']>;
  servername?: string;
}

/** A STARTTLS whose handshake worked; the certificate verified or not. */
export const certificateCase = (c: CertificateCase = {}): Scenario => {
  const port = c.port ?? 587;
  const { b } = upToEhlo(port);
  b.client('tls', 'STARTTLS');
  b.server('tls', '220 2.0.0 Ready to start TLS');
  b.note('tls', `TLS handshake with ${c.servername ?? 'mail.example.test'}`);
  const facts = b.note(
    'tls',
    `TLS ${c.protocol ?? 'TLSv1.3'} ${c.cipher ?? 'TLS_AES_256_GCM_SHA384'}; certificate CN=mail.example.test issued by C=US, O=Let's Encrypt, CN=R11, valid until 2025-05-01T00:00:00.000Z`,
  );
  const verdict = b.note(
    'tls',
    c.error
      ? `certificate NOT verified: ${c.error}`
      : `certificate verified for ${c.servername ?? 'mail.example.test'}`,
  );
  b.tls({
    authorized: c.error === undefined,
    ...(c.error ? { authorizationError: c.error } : {}),
    ...(c.protocol ? { protocol: c.protocol } : {}),
    ...(c.cipher ? { cipher: c.cipher } : {}),
    servername: c.servername ?? 'mail.example.test',
    certificate: c.certificate ?? {},
  });
  if (c.error && !c.insecure) {
    b.step(
      'tls',
      'error',
      `STARTTLS: certificate not verified (${c.error}); stopping before any credentials are sent (use --insecure to go on)`,
    );
    b.step('auth', 'skipped', 'not run: tls failed');
  } else {
    b.client('tls', 'EHLO client.example.test');
    b.server('tls', '250-mail.example.test', '250 AUTH PLAIN LOGIN');
    b.step(
      'tls',
      c.error ? 'warning' : 'ok',
      c.error
        ? `STARTTLS: certificate not verified (${c.error}); going on because of --insecure`
        : 'STARTTLS: TLSv1.3, certificate verified',
    );
  }
  return { session: b.build(), evidence: [facts, verdict] };
};

export const starttlsNotOffered = (failed = false): Scenario => {
  const { b, ehlo } = upToEhlo(25, false);
  const note = b.note(
    'tls',
    'the server does not offer STARTTLS: everything, passwords included, would cross the network in clear text',
  );
  b.step('tls', failed ? 'error' : 'warning', 'STARTTLS not offered');
  return { session: b.build(), evidence: [ehlo.at(-1)!, note] };
};

export const starttlsRefused = (): Scenario => {
  const { b } = upToEhlo(25);
  b.client('tls', 'STARTTLS');
  const lines = b.server('tls', '454 4.7.0 TLS not available due to local problem');
  b.step('tls', 'error', 'STARTTLS refused: 454 4.7.0 TLS not available due to local problem');
  return { session: b.build(), evidence: lines };
};

export const handshakeFailed = (): Scenario => {
  const { b } = upToEhlo(25);
  b.client('tls', 'STARTTLS');
  b.server('tls', '220 2.0.0 Ready to start TLS');
  const a = b.note('tls', 'TLS handshake with mail.example.test');
  const message = 'TLS handshake with 192.0.2.10:25 failed: no shared cipher';
  const c = b.note('tls', `ETLS: ${message}`);
  b.fact('tls.error', { code: 'ETLS', origin: 'remote', message });
  b.step('tls', 'error', message);
  return { session: b.build(), evidence: [a, c] };
};

export const implicitOnPlainPort = (): Scenario => {
  const b = new SessionBuilder({ server: { host: '192.0.2.10', port: 587 } });
  const a = b.note('connect', 'connecting to 192.0.2.10 port 587 with implicit TLS');
  const message =
    'TLS handshake with 192.0.2.10:587 failed: 80CBF1F7:error:0A00010B:SSL routines:ssl3_get_record:wrong version number';
  const c = b.note('connect', `ETLS: ${message}`);
  b.fact('connect.error', { code: 'ETLS', origin: 'remote', message });
  b.step('connect', 'error', message);
  return { session: b.build(), evidence: [a, c] };
};

export const tlsScenarios: Scenarios = {
  'tls.starttls-not-offered': () => starttlsNotOffered(),
  'tls.starttls-refused': starttlsRefused,
  'tls.handshake-failed': handshakeFailed,
  'tls.cert-expired': () =>
    certificateCase({
      error: 'CERT_HAS_EXPIRED',
      certificate: { validTo: '2025-02-20T00:00:00.000Z' },
    }),
  'tls.cert-not-yet-valid': () =>
    certificateCase({
      error: 'CERT_NOT_YET_VALID',
      certificate: { validFrom: '2025-03-05T00:00:00.000Z' },
    }),
  'tls.cert-self-signed': () =>
    certificateCase({
      error: 'DEPTH_ZERO_SELF_SIGNED_CERT',
      certificate: { subject: 'CN=debian', issuer: 'CN=debian', chain: ['CN=debian'] },
    }),
  'tls.cert-untrusted': () =>
    certificateCase({
      error: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
      certificate: { chain: ['CN=mail.example.test'] },
    }),
  'tls.cert-wrong-name': () =>
    certificateCase({ error: 'ERR_TLS_CERT_ALTNAME_INVALID', servername: 'smtp.example.test' }),
  'tls.cert-invalid': () => certificateCase({ error: 'CERT_REVOKED' }),
  'tls.cert-expiring-soon': () =>
    certificateCase({ certificate: { validTo: '2025-03-06T00:00:00.000Z' } }),
  'tls.weak-protocol': () => certificateCase({ protocol: 'TLSv1', cipher: 'ECDHE-RSA-AES256-SHA' }),
  'tls.weak-cipher': () => certificateCase({ protocol: 'TLSv1.2', cipher: 'DES-CBC3-SHA' }),
};
