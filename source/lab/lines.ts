// Splits what a client sends into lines (CRLF, or a bare LF as telnet on some systems sends),
// bounded: a line longer than the limit ends the connection instead of growing a buffer.
export const MAX_LINE = 8 * 1024;

export class LineReader {
  private pending: Buffer = Buffer.alloc(0);

  constructor(
    private readonly onLine: (line: string) => void,
    private readonly onTooLong: () => void,
    private readonly max = MAX_LINE,
  ) {}

  /** Bytes after the last complete line, taken away (a TLS upgrade must start clean). */
  takePending(): Buffer {
    const rest = this.pending;
    this.pending = Buffer.alloc(0);
    return rest;
  }

  push(chunk: Buffer): void {
    this.pending = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    for (;;) {
      const at = this.pending.indexOf(0x0a);
      if (at === -1) break;
      const line = this.pending.subarray(0, at).toString('utf8').replace(/\r$/, '');
      this.pending = this.pending.subarray(at + 1);
      this.onLine(line);
    }
    if (this.pending.length > this.max) {
      this.pending = Buffer.alloc(0);
      this.onTooLong();
    }
  }
}
