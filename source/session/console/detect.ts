// `--protocol auto`: the greeting says what the server speaks. "220 ... ESMTP" is SMTP, "+OK" is
// POP3, "* OK" IMAP; a server that says nothing first (HTTP) or something else is spoken to raw.
import type { ConsoleProtocol } from './adapter.js';

export const protocolOfGreeting = (line: string): ConsoleProtocol => {
  if (/^(220|421|554)[ -]/.test(line)) return 'smtp';
  if (/^(\+OK|-ERR)\b/.test(line)) return 'pop3';
  if (/^\* (OK|PREAUTH|BYE)\b/i.test(line)) return 'imap';
  return 'raw';
};

/** Bytes held while waiting for the first line: the framer's own line limit. */
export const MAX_GREETING_PROBE = 8 * 1024;

/**
 * Collects the first bytes until a whole line arrived (or too many bytes did), then names the
 * protocol; the caller replays the collected bytes into the chosen adapter.
 */
export class GreetingProbe {
  private readonly chunks: Buffer[] = [];
  private size = 0;

  push(chunk: Buffer): ConsoleProtocol | undefined {
    this.chunks.push(chunk);
    this.size += chunk.length;
    const all = Buffer.concat(this.chunks);
    const end = all.indexOf(0x0a);
    if (end >= 0)
      return protocolOfGreeting(all.subarray(0, end).toString('latin1').replace(/\r$/, ''));
    return this.size > MAX_GREETING_PROBE ? 'raw' : undefined;
  }

  get bytes(): Buffer {
    return Buffer.concat(this.chunks);
  }
}
