// What a TLS session proved (or failed to prove), in the shape of the session record.
import type { DetailedPeerCertificate, PeerCertificate, TLSSocket } from 'node:tls';

export interface TlsFacts {
  protocol: string;
  cipher: string;
  authorized: boolean;
  authorizationError?: string;
  certificate: {
    subject: string;
    altNames: string[];
    issuer: string;
    validFrom: string;
    validTo: string;
    fingerprint256: string;
    chain: string[];
  };
  servername?: string;
}

const dn = (name: PeerCertificate['subject'] | undefined): string => {
  if (!name) return '';
  return Object.entries(name)
    .map(([k, v]) => `${k}=${Array.isArray(v) ? v.join('+') : String(v)}`)
    .join(', ');
};

const altNames = (cert: PeerCertificate): string[] =>
  (cert.subjectaltname ?? '')
    .split(/,\s*/)
    .map((s) => s.trim())
    .filter(Boolean);

const chainOf = (leaf: DetailedPeerCertificate): string[] => {
  const chain: string[] = [];
  const seen = new Set<string>();
  let cert: DetailedPeerCertificate | undefined = leaf;
  while (cert && cert.fingerprint256 && !seen.has(cert.fingerprint256) && chain.length < 10) {
    seen.add(cert.fingerprint256);
    chain.push(dn(cert.subject));
    cert = cert.issuerCertificate;
  }
  return chain;
};

export const tlsFacts = (socket: TLSSocket, servername?: string): TlsFacts => {
  const cert = socket.getPeerCertificate(true) as DetailedPeerCertificate;
  const hasCert = cert && Object.keys(cert).length > 0;
  const facts: TlsFacts = {
    protocol: socket.getProtocol() ?? 'unknown',
    cipher: socket.getCipher()?.name ?? 'unknown',
    authorized: socket.authorized === true,
    certificate: {
      subject: hasCert ? dn(cert.subject) : '',
      altNames: hasCert ? altNames(cert) : [],
      issuer: hasCert ? dn(cert.issuer) : '',
      validFrom: hasCert ? new Date(cert.valid_from).toISOString() : '',
      validTo: hasCert ? new Date(cert.valid_to).toISOString() : '',
      fingerprint256: hasCert ? cert.fingerprint256 : '',
      chain: hasCert ? chainOf(cert) : [],
    },
  };
  if (servername) facts.servername = servername;
  if (!facts.authorized) {
    const error = socket.authorizationError as unknown;
    facts.authorizationError =
      error instanceof Error
        ? ((error as NodeJS.ErrnoException).code ?? error.message)
        : String(error ?? 'unknown');
  }
  return facts;
};
