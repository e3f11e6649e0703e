// The practice mailbox: what the lab's SMTP servers deliver, the POP3 and IMAP servers read. In
// memory only; it lives as long as the lab.
export interface StoredMessage {
  uid: number;
  bytes: Buffer;
}

export class LabMailbox {
  private readonly stored: StoredMessage[] = [];
  private nextUid = 1;
  /** A POP3 session holds the lock while it is open (RFC 1939 8). */
  locked = false;

  constructor(
    readonly address: string,
    readonly user: string,
    readonly password: string,
  ) {}

  deliver(bytes: Buffer): StoredMessage {
    const message = { uid: this.nextUid++, bytes };
    this.stored.push(message);
    return message;
  }

  get messages(): readonly StoredMessage[] {
    return this.stored;
  }

  remove(uids: ReadonlySet<number>): void {
    for (let i = this.stored.length - 1; i >= 0; i -= 1)
      if (uids.has(this.stored[i]!.uid)) this.stored.splice(i, 1);
  }
}

/** The value of a header in a message's header block, unfolded. */
export const headerOf = (bytes: Buffer, name: string): string | undefined => {
  const text = bytes.toString('utf8');
  const end = text.search(/\r?\n\r?\n/);
  const head = (end === -1 ? text : text.slice(0, end)).replace(/\r?\n[ \t]+/g, ' ');
  const wanted = name.toLowerCase();
  for (const line of head.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0 && line.slice(0, colon).trim().toLowerCase() === wanted)
      return line.slice(colon + 1).trim();
  }
  return undefined;
};

/** The header block, blank line included. */
export const headerBlock = (bytes: Buffer): Buffer => {
  const at = bytes.indexOf('\r\n\r\n');
  return at === -1 ? bytes : bytes.subarray(0, at + 4);
};
