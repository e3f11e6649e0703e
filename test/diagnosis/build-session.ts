// Builds session records for the rule tests: steps, transcript lines (each call returns the
// indexes it added, so tests can assert evidence exactly), facts, TLS and DNS.
import type {
  Direction,
  DnsRecord,
  Session,
  StepId,
  StepStatus,
  Target,
  TlsRecord,
} from '../../source/record/types.js';

export class SessionBuilder {
  private readonly session: Session;

  constructor(target: Partial<Target> = {}) {
    this.session = {
      schema: 'mailmedic.session/1',
      tool: { name: 'mailmedic', version: '0.0.0-test' },
      startedAt: '2025-03-01T10:00:00.000Z',
      target: {
        input: target.input ?? target.server?.host ?? target.domain ?? 'example.test',
        ...target,
      },
      steps: [],
      transcript: [],
      findings: [],
      facts: {},
    };
  }

  step(id: StepId, status: StepStatus, summary = `${id} ${status}`): this {
    const existing = this.session.steps.findIndex((s) => s.id === id);
    const record = { id, status, durationMs: 5, summary };
    if (existing >= 0) this.session.steps[existing] = record;
    else this.session.steps.push(record);
    return this;
  }

  line(step: StepId, dir: Direction, text: string, secret = false): number {
    this.session.transcript.push({
      t: this.session.transcript.length,
      step,
      dir,
      text,
      ...(secret ? { secret: true } : {}),
    });
    return this.session.transcript.length - 1;
  }

  client(step: StepId, text: string, secret = false): number {
    return this.line(step, 'client', text, secret);
  }

  /** One or more server lines; returns their indexes. */
  server(step: StepId, ...lines: string[]): number[] {
    return lines.map((text) => this.line(step, 'server', text));
  }

  note(step: StepId, text: string): number {
    return this.line(step, 'note', text);
  }

  fact(key: string, value: unknown): this {
    this.session.facts![key] = value;
    return this;
  }

  tls(
    record: Partial<Omit<TlsRecord, 'certificate'>> & {
      certificate?: Partial<TlsRecord['certificate']>;
    },
  ): this {
    this.session.tls = {
      protocol: 'TLSv1.3',
      cipher: 'TLS_AES_256_GCM_SHA384',
      authorized: true,
      mode: 'starttls',
      servername: 'mail.example.test',
      ...record,
      certificate: {
        subject: 'CN=mail.example.test',
        altNames: ['DNS:mail.example.test'],
        issuer: "C=US, O=Let's Encrypt, CN=R11",
        validFrom: '2025-01-01T00:00:00.000Z',
        validTo: '2025-05-01T00:00:00.000Z',
        fingerprint256: 'AA:BB',
        chain: ['CN=mail.example.test', "C=US, O=Let's Encrypt, CN=R11"],
        ...record.certificate,
      },
    };
    return this;
  }

  dns(record: Partial<DnsRecord> & Record<string, unknown>): this {
    this.session.dns = { resolvers: ['127.0.0.1:53'], mx: [], ...record };
    return this;
  }

  delivery(record: Session['delivery']): this {
    if (record) this.session.delivery = record;
    return this;
  }

  build(): Session {
    return structuredClone(this.session);
  }
}

export const EHLO_LINES = [
  '250-mail.example.test',
  '250-PIPELINING',
  '250-SIZE 10240000',
  '250-STARTTLS',
  '250-ENHANCEDSTATUSCODES',
  '250-8BITMIME',
  '250 SMTPUTF8',
];

export const capabilities = (extensions: string[], auth: string[] = [], startTls = true) => ({
  serverName: 'mail.example.test',
  extensions,
  size: 10240000,
  auth,
  startTls,
  pipelining: true,
});

export interface SmtpPrefix {
  banner: number[];
  ehlo: number[];
  tls: number[];
}

/**
 * A healthy start of an SMTP session as the steps record it: connect, banner, EHLO with
 * STARTTLS, STARTTLS with a verified certificate, and EHLO again with AUTH.
 */
export const smtpPrefix = (
  b: SessionBuilder,
  options: { port?: number; banner?: string; tls?: boolean; bannerMs?: number } = {},
): SmtpPrefix => {
  const port = options.port ?? 587;
  const bannerText = options.banner ?? '220 mail.example.test ESMTP Postfix';
  b.note('connect', `connecting to 192.0.2.10 port ${port}`);
  b.note('connect', `connected to 192.0.2.10 port ${port} in 3 ms`);
  b.step('connect', 'ok', `connected to 192.0.2.10:${port} in 3 ms`);
  b.fact('connect.remote', { host: '192.0.2.10', port, address: '192.0.2.10', ms: 3 });
  const banner = b.server('banner', bannerText);
  b.fact('banner', {
    code: Number(bannerText.slice(0, 3)),
    text: bannerText.slice(4),
    ms: options.bannerMs ?? 5,
    host: bannerText.slice(4).split(/\s+/)[0] ?? '',
  });
  b.step('banner', 'ok', `greeting ${bannerText}`);
  b.client('ehlo', 'EHLO client.example.test');
  const ehlo = b.server('ehlo', ...EHLO_LINES);
  b.fact('ehlo', capabilities(EHLO_LINES.map((l) => l.slice(4)).slice(1), [], true));
  b.step('ehlo', 'ok', 'EHLO accepted');
  const tls: number[] = [];
  if (options.tls !== false) {
    b.client('tls', 'STARTTLS');
    tls.push(...b.server('tls', '220 2.0.0 Ready to start TLS'));
    tls.push(b.note('tls', 'TLS handshake with mail.example.test'));
    tls.push(
      b.note(
        'tls',
        "TLS TLSv1.3 TLS_AES_256_GCM_SHA384; certificate CN=mail.example.test issued by C=US, O=Let's Encrypt, CN=R11, valid until 2025-05-01T00:00:00.000Z",
      ),
    );
    tls.push(b.note('tls', 'certificate verified for mail.example.test'));
    b.client('tls', 'EHLO client.example.test');
    tls.push(
      ...b.server(
        'tls',
        '250-mail.example.test',
        '250-PIPELINING',
        '250-SIZE 10240000',
        '250-AUTH PLAIN LOGIN',
        '250 ENHANCEDSTATUSCODES',
      ),
    );
    b.fact(
      'ehlo.afterTls',
      capabilities(
        ['PIPELINING', 'SIZE 10240000', 'AUTH PLAIN LOGIN', 'ENHANCEDSTATUSCODES'],
        ['PLAIN', 'LOGIN'],
        false,
      ),
    );
    b.tls({});
    b.step('tls', 'ok', 'STARTTLS: TLSv1.3, certificate verified');
  }
  return { banner, ehlo, tls };
};

/** A successful AUTH PLAIN as the auth step records it. */
export const authOk = (b: SessionBuilder): void => {
  b.client('auth', 'AUTH PLAIN ********', true);
  b.server('auth', '235 2.7.0 Authentication successful');
  b.fact('auth', { mechanism: 'PLAIN', code: 235, enhanced: '2.7.0', offered: ['PLAIN', 'LOGIN'] });
  b.step('auth', 'ok', 'authenticated as user@example.test with PLAIN');
};

/**
 * A pipelined MAIL, RCPT..., DATA with the given replies (one per recipient); when DATA gets 354,
 * the message and its final reply follow. Returns the index of each reply's first line.
 */
export const send = (
  b: SessionBuilder,
  options: {
    from?: string;
    to?: string[];
    mailReply?: string;
    rcptReplies?: string[][];
    dataReply?: string;
    endReply?: string[];
    status?: StepStatus;
    summary?: string;
  } = {},
): { mail: number[]; rcpt: number[][]; data: number[]; end: number[] } => {
  const to = options.to ?? ['bob@example.test'];
  b.note('send', 'the server offers PIPELINING: MAIL, RCPT and DATA go in one write');
  b.client('send', `MAIL FROM:<${options.from ?? 'alice@example.test'}> SIZE=420`);
  for (const rcpt of to) b.client('send', `RCPT TO:<${rcpt}>`);
  b.client('send', 'DATA');
  const mail = b.server('send', options.mailReply ?? '250 2.1.0 Ok');
  const rcpt = to.map((_, i) =>
    b.server('send', ...(options.rcptReplies?.[i] ?? ['250 2.1.5 Ok'])),
  );
  const dataReply = options.dataReply ?? '354 End data with <CR><LF>.<CR><LF>';
  const data = b.server('send', dataReply);
  let end: number[] = [];
  if (dataReply.startsWith('354')) {
    b.client('send', 'Subject: mailmedic test message');
    b.client('send', '');
    b.client('send', 'This is a test message sent by mailmedic to check that mail flows.');
    b.client('send', '.');
    end = b.server('send', ...(options.endReply ?? ['250 2.0.0 Ok: queued as 4BqX1F2cZ3z']));
  }
  b.client('send', 'QUIT');
  b.server('send', '221 2.0.0 Bye');
  b.step('send', options.status ?? 'ok', options.summary ?? 'message accepted');
  return { mail, rcpt, data, end };
};
