// Throwaway certificates for TLS tests, made with the openssl command line (on every Debian).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TestCert {
  key: string;
  cert: string;
}

/** A self-signed certificate for the given names (DNS or IP), valid from now for `days`. */
export const selfSigned = (subjectAltNames: string[], days = 30): TestCert => {
  const dir = mkdtempSync(join(tmpdir(), 'mailmedic-cert-'));
  try {
    const san = subjectAltNames
      .map((n) => (/^[\d.]+$|:/.test(n) ? `IP:${n}` : `DNS:${n}`))
      .join(',');
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-sha256',
        '-days',
        String(days),
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'cert.pem'),
        '-subj',
        `/CN=${subjectAltNames[0] ?? 'test'}`,
        '-addext',
        `subjectAltName=${san}`,
      ],
      { stdio: 'ignore' },
    );
    return {
      key: readFileSync(join(dir, 'key.pem'), 'utf8'),
      cert: readFileSync(join(dir, 'cert.pem'), 'utf8'),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};
