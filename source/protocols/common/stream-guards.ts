// Rules every engine applies to the byte stream, written once.
import { RemoteProtocolError } from './errors.js';

export const BARE_LF_NOTE = 'the server ends lines with a bare LF instead of CRLF (tolerated)';

/**
 * After the server agrees to STARTTLS/STLS, the next bytes must be the TLS handshake. Anything
 * already received came from someone who is not the TLS peer (STARTTLS response injection, the
 * CVE-2011-0411 class) and must never be read as part of the secure session.
 */
export const refuseBytesBeforeHandshake = (
  source: { pending: number; drain(): Buffer },
  upgrade: 'STARTTLS' | 'STLS',
): void => {
  if (source.pending === 0) return;
  const injected = source.drain();
  throw new RemoteProtocolError(
    `${injected.length} byte(s) arrived after the ${upgrade} response, before the TLS handshake (possible response injection)`,
    injected,
  );
};

export const bytesAfterEndNote = (count: number): string =>
  `${count} byte(s) arrived after the end of the session; they (and any more) are ignored`;
