// Properties that must hold for every input, checked with fast-check on a fixed seed and a bounded
// number of runs (the same inputs on every machine and in CI): the parsers fail only with their
// own typed errors, the gate is idempotent and leaves no control character, the report escapers
// leave no markup, and redaction leaves no identity.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { isMailmedicError } from '../../source/protocols/common/errors.js';
import { SmtpEngine } from '../../source/protocols/smtp/engine.js';
import { Pop3Engine } from '../../source/protocols/pop3/engine.js';
import { ImapEngine } from '../../source/protocols/imap/engine.js';
import { decodeReply, MalformedReplyError } from '../../source/dns/wire.js';
import { parseSpf } from '../../source/dns/spf.js';
import { gate, gateSession } from '../../source/record/gate.js';
import { SessionRecorder } from '../../source/record/recorder.js';
import { redactIdentities } from '../../source/record/redaction.js';
import { escapeHtml } from '../../source/report/html.js';
import { inlineMarkdown } from '../../source/report/markdown.js';
import { renderReport } from '../../source/report/index.js';
import { assertNoMarkdownLink, assertPrintable, assertPrintableDeep } from './harness.js';

const RUNS = { seed: 20261126, numRuns: 300 } as const;

/** Text with everything a hostile peer would use: controls, C1, bidi, links, markup. */
const hostileText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc
    .array(
      fc.constantFrom(
        '\x1b]0;x\x07',
        '\x1b[6n',
        '\u009b',
        '\u202e',
        '\u2066',
        '\r\n',
        '\0',
        '\t',
        'https://evil.example/x',
        'www.evil.example',
        '<script>',
        '`',
        '[a](b)',
        '|',
        '*',
        'bob@example.org',
        'mx1.example.net',
        '203.0.113.7',
        '2001:db8::1',
        'plain words ',
      ),
      { maxLength: 20 },
    )
    .map((parts) => parts.join('')),
);

/** Feeds bytes in random chunks; only the engine's own typed errors may come out. */
const feedsSafely = (make: () => { receive(chunk: Uint8Array): unknown[] }) =>
  fc.assert(
    fc.property(fc.array(fc.uint8Array({ maxLength: 300 }), { maxLength: 8 }), (chunks) => {
      const engine = make();
      try {
        for (const chunk of chunks) engine.receive(chunk);
      } catch (error) {
        assert.ok(isMailmedicError(error), `not a typed error: ${String(error)}`);
      }
    }),
    RUNS,
  );

/** Protocol-looking lines, so the parsers get past the first byte. */
const protocolBytes = (lines: string[]) =>
  fc
    .array(fc.oneof(fc.constantFrom(...lines), fc.string({ maxLength: 40 })), { maxLength: 30 })
    .map((ls) => Buffer.from(ls.join('\r\n') + '\r\n', 'latin1'));

describe('properties (fast-check, fixed seed)', () => {
  it('SMTP replies: random bytes end in replies or a typed error', () => {
    feedsSafely(() => new SmtpEngine());
    fc.assert(
      fc.property(protocolBytes(['220 ok', '250-x', '250 y', '354 go', '421 bye', '220-']), (b) => {
        try {
          new SmtpEngine().receive(b);
        } catch (error) {
          assert.ok(isMailmedicError(error));
        }
      }),
      RUNS,
    );
  });

  it('POP3 responses: random bytes end in events or a typed error', () => {
    feedsSafely(() => new Pop3Engine());
    fc.assert(
      fc.property(protocolBytes(['+OK ready', '-ERR no', '.', '..x', '+ ']), (b) => {
        try {
          new Pop3Engine().receive(b);
        } catch (error) {
          assert.ok(isMailmedicError(error));
        }
      }),
      RUNS,
    );
  });

  it('IMAP responses: random bytes end in events or a typed error', () => {
    feedsSafely(() => new ImapEngine());
    fc.assert(
      fc.property(
        protocolBytes([
          '* OK ready',
          '* 1 EXISTS',
          '* 1 FETCH (BODY[] {3}',
          'abc)',
          '+ go',
          'a1 OK',
        ]),
        (b) => {
          try {
            new ImapEngine().receive(b);
          } catch (error) {
            assert.ok(isMailmedicError(error));
          }
        },
      ),
      RUNS,
    );
  });

  it('DNS wire: any bytes decode or fail as a malformed reply', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), (bytes) => {
        try {
          decodeReply(Buffer.from(bytes));
        } catch (error) {
          assert.ok(error instanceof MalformedReplyError, String(error));
        }
      }),
      RUNS,
    );
  });

  it('SPF: any record is analysed without throwing', () => {
    const terms = fc.constantFrom(
      'v=spf1',
      'ip4:192.0.2.0/24',
      'include:a.test',
      '-all',
      '~all',
      'redirect=b.test',
      'mx',
      'a:',
      'exp=',
      '%{i}',
      'ip6:::/0',
    );
    fc.assert(
      fc.property(
        fc.oneof(
          hostileText,
          fc.array(terms, { maxLength: 15 }).map((t) => t.join(' ')),
        ),
        (record) => {
          parseSpf(record);
        },
      ),
      RUNS,
    );
  });

  it('the gate: idempotent, and its output has no control character but TAB', () => {
    fc.assert(
      fc.property(hostileText, (text) => {
        const once = gate(text);
        assert.equal(gate(once), once);
        assertPrintable('gate', once.replace(/\t/g, ' '));
        assert.ok(!once.includes('\n'));
      }),
      RUNS,
    );
  });

  it('HTML escaping leaves no markup character', () => {
    fc.assert(
      fc.property(hostileText, (text) => {
        assert.doesNotMatch(escapeHtml(gate(text)), /[<>"']/);
      }),
      RUNS,
    );
  });

  it('Markdown inline text: nothing becomes a link outside code', () => {
    fc.assert(
      fc.property(hostileText, (text) => {
        assertNoMarkdownLink(inlineMarkdown(gate(text)));
      }),
      RUNS,
    );
  });

  it('every report of a session built from hostile text is printable', () => {
    fc.assert(
      fc.property(fc.array(hostileText, { minLength: 1, maxLength: 6 }), (texts) => {
        const r = new SessionRecorder({ input: texts[0]! }, { version: '1', now: () => 0 });
        for (const t of texts) r.server('banner', t);
        r.endStep('banner', 'ok', texts.join(' '));
        r.setFindings([
          {
            id: 'banner.x',
            severity: 'warning',
            title: texts[0]!,
            explanation: texts.at(-1)!,
            evidence: [0],
            next: texts,
          },
        ]);
        r.fact('banner', { code: 220, text: texts[0]!, ms: 1, host: texts.at(-1)! });
        assertPrintableDeep('session', r.session);
        for (const format of ['txt', 'md', 'html', 'json'] as const) {
          const out = renderReport(r.session, format);
          assertPrintable(format, out);
          if (format === 'md') assertNoMarkdownLink(out);
        }
        assertPrintableDeep('gated', gateSession(JSON.parse(JSON.stringify(r.session))));
      }),
      { ...RUNS, numRuns: 100 },
    );
  });

  it('redaction: no address, IP or host name survives', () => {
    const label = fc.stringMatching(/^[a-z][a-z0-9]{1,8}$/);
    const identity = fc.oneof(
      fc
        .tuple(label, label, fc.constantFrom('org', 'net', 'de'))
        .map(([u, d, t]) => `${u}@${d}.${t}`),
      fc.tuple(label, label, fc.constantFrom('com', 'io')).map(([a, b, t]) => `${a}.${b}.${t}`),
      fc.ipV4(),
      fc.ipV6().filter((ip) => ip.length > 3),
    );
    fc.assert(
      fc.property(
        fc.array(identity, { minLength: 1, maxLength: 5 }),
        label,
        label,
        (ids, ehlo, user) => {
          const r = new SessionRecorder({ input: ids[0]! }, { version: '1', now: () => 0 });
          r.client('ehlo', `EHLO ${ehlo}`);
          r.server('ehlo', `250-mx Hello ${ehlo} [${ids.at(-1)}]`);
          r.client('pop3', `USER ${user}`);
          r.server('send', `Received: from ${ehlo} (${ehlo} [${ids[0]}]) by mx; ${ids.join(' ')}`);
          r.endStep('pop3', 'ok', `logged in as ${user}; 1 message(s)`);
          const shown = JSON.stringify(redactIdentities(r.session));
          for (const id of ids) assert.ok(!shown.includes(id), `${id} survived: ${shown}`);
          for (const word of [`EHLO ${ehlo}`, `USER ${user}`, `as ${user}`])
            assert.ok(!shown.includes(word), `${word} survived`);
        },
      ),
      { ...RUNS, numRuns: 150 },
    );
  });
});
