// What the wizard can do about a finding. The kinds are a contract with the wizard: it offers a
// button for each one it knows and ignores the rest, so the names never change.
import type { NextAction, Session } from '../record/types.js';

export type ActionKind =
  | 'retry-port'
  | 'starttls-first'
  | 'next-mx'
  | 'compare-resolver'
  | 'retry-insecure'
  | 'retry-later'
  | 'implicit-tls'
  | 'explain';

export const retryPort = (port: number, label?: string): NextAction => ({
  kind: 'retry-port',
  label: label ?? `Try port ${port}`,
  params: { port },
});

export const starttlsFirst = (label = 'Run STARTTLS first, then try again'): NextAction => ({
  kind: 'starttls-first',
  label,
});

/** Connect again to the same port with TLS from the first byte (a silent port may want it). */
export const implicitTls = (port?: number, label?: string): NextAction => ({
  kind: 'implicit-tls',
  label: label ?? `Connect with implicit TLS${port !== undefined ? ` on port ${port}` : ''}`,
  ...(port !== undefined ? { params: { port } } : {}),
});

export const nextMx = (label = 'Try the next MX host'): NextAction => ({
  kind: 'next-mx',
  label,
});

/** Public resolvers to compare with, in the order they are offered. */
const PUBLIC_RESOLVERS = ['1.1.1.1', '9.9.9.9', '8.8.8.8'];

/** A public resolver this session did not already ask. */
export const otherResolver = (session: Session): string => {
  const asked = new Set((session.dns?.resolvers ?? []).map((r) => String(r).split(/[:#]/)[0]));
  return PUBLIC_RESOLVERS.find((r) => !asked.has(r)) ?? PUBLIC_RESOLVERS[0]!;
};

export const compareResolver = (session: Session, label?: string): NextAction => {
  const resolver = otherResolver(session);
  return {
    kind: 'compare-resolver',
    label: label ?? `Ask another resolver (${resolver})`,
    params: { resolver },
  };
};

export const retryInsecure = (
  label = 'Go on despite the certificate problem (--insecure)',
): NextAction => ({ kind: 'retry-insecure', label });

export const retryLater = (seconds: number, label?: string): NextAction => ({
  kind: 'retry-later',
  label:
    label ??
    `Try again in ${seconds >= 120 ? `${Math.round(seconds / 60)} minutes` : `${seconds} s`}`,
  params: { seconds },
});

/** `code` is what `mailmedic explain` takes: a code, a bracketed response code or a whole reply. */
export const explainCode = (code: string | number, label?: string): NextAction => ({
  kind: 'explain',
  label: label ?? `Explain ${code}`,
  params: { code: String(code) },
});
