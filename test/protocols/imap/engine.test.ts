import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { IllegalTransitionError } from '../../../source/protocols/common/errors.js';
import { MASK } from '../../../source/protocols/common/sasl.js';
import type { ImapCommand } from '../../../source/protocols/imap/commands.js';
import { ImapEngine } from '../../../source/protocols/imap/engine.js';
import { GREETING, PLAIN_GREETING, b, greeted, loggedIn, only, selected } from './helpers.js';

describe('IMAP engine: greeting', () => {
  it('* OK with a CAPABILITY code', () => {
    const engine = new ImapEngine();
    const event = only(engine.receive(b(GREETING)), 'greeting');
    assert.equal(event.response.status, 'OK');
    assert.equal(event.response.code?.name, 'CAPABILITY');
    assert.equal(event.response.text, 'Dovecot ready.');
    assert.deepEqual(event.rawLines, [GREETING.trimEnd()]);
    assert.equal(event.state, 'not-authenticated');
    const caps = event.capabilities!;
    assert.equal(caps.imap4rev1, true);
    assert.equal(caps.saslIr, true);
    assert.equal(caps.literalPlus, true);
    assert.equal(caps.startTls, true);
    assert.deepEqual(caps.auth, ['PLAIN']);
    assert.equal(engine.capabilities, caps);
  });

  it('* OK without a code', () => {
    const engine = new ImapEngine();
    const event = only(engine.receive(b('* OK IMAP4rev1 server ready\r\n')), 'greeting');
    assert.equal(event.capabilities, undefined);
    assert.equal(event.response.code, undefined);
    assert.equal(engine.state, 'not-authenticated');
  });

  it('* PREAUTH starts authenticated', () => {
    const engine = new ImapEngine();
    only(engine.receive(b('* PREAUTH IMAP4rev1 server logged in as bob\r\n')), 'greeting');
    assert.equal(engine.state, 'authenticated');
    assert.equal(engine.isAuthenticated, true);
    assert.throws(
      () => engine.send({ verb: 'LOGIN', user: 'a', password: 'b' }),
      IllegalTransitionError,
    );
    assert.equal(engine.whyNot({ verb: 'SELECT', mailbox: 'INBOX' }), undefined);
  });

  it('* BYE closes', () => {
    const engine = new ImapEngine();
    const event = only(
      engine.receive(b('* BYE [UNAVAILABLE] Too many connections\r\n')),
      'greeting',
    );
    assert.equal(event.response.code?.name, 'UNAVAILABLE');
    assert.equal(event.response.code?.known, true);
    assert.equal(engine.state, 'closed');
    assert.match(engine.whyNot({ verb: 'CAPABILITY' }) ?? '', /closed/);
  });

  for (const [name, line] of [
    ['a tagged line', 'a1 OK hello\r\n'],
    ['* NO', '* NO go away\r\n'],
    ['untagged data', '* 3 EXISTS\r\n'],
    ['a continuation', '+ go ahead\r\n'],
    ['a POP3 greeting', '+OK POP3 ready\r\n'],
  ] as const) {
    it(`refuses ${name} as greeting`, () => {
      const engine = new ImapEngine();
      assert.throws(() => engine.receive(b(line)), { name: 'RemoteProtocolError' });
      assert.equal(engine.state, 'closed');
    });
  }
});

describe('IMAP engine: tags and completion', () => {
  it('generates a1, a2... and matches completions', () => {
    const engine = greeted();
    const first = engine.send({ verb: 'CAPABILITY' });
    const second = engine.send({ verb: 'NOOP' });
    assert.equal(first.tag, 'a1');
    assert.equal(second.tag, 'a2');
    assert.deepEqual(engine.awaiting, ['a1', 'a2']);
    const events = engine.receive(
      b(
        '* CAPABILITY IMAP4rev1 IDLE AUTH=PLAIN AUTH=LOGIN\r\na1 OK Capability completed.\r\na2 OK NOOP completed.\r\n',
      ),
    );
    assert.deepEqual(
      events.map((e) => e.type),
      ['untagged', 'tagged', 'tagged'],
    );
    const tagged = events[1];
    assert.ok(tagged?.type === 'tagged');
    assert.equal(tagged.answers, 'CAPABILITY');
    assert.deepEqual(tagged.capabilities?.auth, ['PLAIN', 'LOGIN']);
    assert.equal(engine.capabilities?.idle, true);
    assert.deepEqual(engine.awaiting, []);
  });

  it('a custom tag prefix', () => {
    const engine = greeted({ tagPrefix: 'mm' });
    assert.equal(engine.send({ verb: 'NOOP' }).tag, 'mm1');
  });

  it('completions may arrive out of order', () => {
    const engine = loggedIn();
    engine.send({ verb: 'NOOP' });
    engine.send({ verb: 'CAPABILITY' });
    const events = engine.receive(b('a3 OK second\r\na2 OK first\r\n'));
    assert.deepEqual(
      events.map((e) => (e.type === 'tagged' ? e.answers : e.type)),
      ['CAPABILITY', 'NOOP'],
    );
  });
});

describe('IMAP engine: LOGIN', () => {
  it('moves to authenticated and takes capabilities from the tagged OK', () => {
    const engine = greeted();
    const out = engine.send({ verb: 'LOGIN', user: 'bob', password: 's3cret' });
    assert.equal(out.bytes.toString(), 'a1 LOGIN "bob" "s3cret"\r\n');
    assert.deepEqual(out.display, [`a1 LOGIN "bob" ${MASK}`]);
    assert.equal(out.secret, true);
    assert.equal(out.continues, false);
    const event = only(
      engine.receive(b('a1 OK [CAPABILITY IMAP4rev1 IDLE UIDPLUS] Logged in\r\n')),
      'tagged',
    );
    assert.equal(event.state, 'authenticated');
    assert.equal(event.capabilities?.uidPlus, true);
    assert.equal(engine.isAuthenticated, true);
  });

  it('a failed LOGIN keeps its RFC 5530 code', () => {
    const engine = greeted();
    engine.send({ verb: 'LOGIN', user: 'bob', password: 'wrong' });
    const event = only(
      engine.receive(b('a1 NO [AUTHENTICATIONFAILED] Authentication failed.\r\n')),
      'tagged',
    );
    assert.equal(event.response.status, 'NO');
    assert.deepEqual(event.response.code, { name: 'AUTHENTICATIONFAILED', known: true });
    assert.equal(event.response.text, 'Authentication failed.');
    assert.equal(engine.state, 'not-authenticated');
  });

  it('a synchronising literal waits for "+" and is released by the continuation event', () => {
    const engine = greeted();
    const out = engine.send({ verb: 'LOGIN', user: 'bob', password: 'pässwört' });
    assert.equal(out.bytes.toString(), 'a1 LOGIN "bob" {10}\r\n');
    assert.equal(out.continues, true);
    // Nothing else may be sent while the server has half a command.
    assert.match(engine.whyNot({ verb: 'NOOP' }) ?? '', /waiting for the server's "\+"/);
    assert.throws(() => engine.send({ verb: 'NOOP' }), IllegalTransitionError);
    const event = only(engine.receive(b('+ OK\r\n')), 'continuation');
    assert.equal(event.answers, 'LOGIN');
    assert.equal(event.tag, 'a1');
    assert.equal(event.send!.bytes.toString(), 'pässwört\r\n');
    assert.deepEqual(event.send!.display, [MASK]);
    assert.equal(event.send!.secret, true);
    assert.equal(event.send!.continues, false);
    assert.ok(event.send!.secrets.includes('pässwört'));
    only(engine.receive(b('a1 OK Logged in\r\n')), 'tagged');
    assert.equal(engine.state, 'authenticated');
  });

  it('two literals need two continuations', () => {
    const engine = greeted();
    const out = engine.send({ verb: 'LOGIN', user: 'jürgen', password: 'pässwört' });
    assert.equal(out.bytes.toString(), 'a1 LOGIN {7}\r\n');
    const first = only(engine.receive(b('+ Ready for literal data\r\n')), 'continuation');
    assert.equal(first.send!.bytes.toString(), 'jürgen {10}\r\n');
    assert.equal(first.send!.continues, true);
    const second = only(engine.receive(b('+ OK\r\n')), 'continuation');
    assert.equal(second.send!.bytes.toString(), 'pässwört\r\n');
    assert.equal(second.send!.continues, false);
  });

  it('a literal refused with a tagged NO drops the held part', () => {
    const engine = greeted();
    engine.send({ verb: 'LOGIN', user: 'bob', password: 'pässwört' });
    only(engine.receive(b('a1 NO [LIMIT] literal too big\r\n')), 'tagged');
    assert.equal(engine.whyNot({ verb: 'NOOP' }), undefined);
    assert.throws(() => engine.receive(b('+ OK\r\n')), { name: 'RemoteProtocolError' });
  });

  it('uses LITERAL+ when advertised', () => {
    const engine = greeted({}, GREETING);
    const out = engine.send({ verb: 'LOGIN', user: 'bob', password: 'pässwört' });
    assert.equal(out.bytes.toString(), 'a1 LOGIN "bob" {10+}\r\npässwört\r\n');
    assert.equal(out.continues, false);
    assert.deepEqual(out.display, ['a1 LOGIN "bob" {10+}', MASK]);
    assert.equal(engine.whyNot({ verb: 'NOOP' }), undefined);
  });
});

describe('IMAP engine: AUTHENTICATE', () => {
  const initial = { response: 'AGJvYgBzM2NyZXQ=', display: MASK, secret: true };

  it('PLAIN with SASL-IR in one line', () => {
    const engine = greeted({}, GREETING);
    const out = engine.send({ verb: 'AUTHENTICATE', mechanism: 'PLAIN', initial });
    assert.equal(out.bytes.toString(), 'a1 AUTHENTICATE PLAIN AGJvYgBzM2NyZXQ=\r\n');
    assert.deepEqual(out.display, [`a1 AUTHENTICATE PLAIN ${MASK}`]);
    only(engine.receive(b('a1 OK Logged in\r\n')), 'tagged');
    assert.equal(engine.state, 'authenticated');
  });

  it('PLAIN without SASL-IR waits for "+ " and releases the response', () => {
    const engine = greeted();
    const out = engine.send({ verb: 'AUTHENTICATE', mechanism: 'PLAIN', initial });
    assert.equal(out.bytes.toString(), 'a1 AUTHENTICATE PLAIN\r\n');
    assert.equal(out.continues, true);
    const event = only(engine.receive(b('+ \r\n')), 'continuation');
    assert.equal(event.send!.bytes.toString(), 'AGJvYgBzM2NyZXQ=\r\n');
    assert.deepEqual(event.send!.display, [MASK]);
    assert.equal(event.send!.tag, 'a1');
    // AUTHENTICATE is still in progress: the server reads lines as SASL data until it answers.
    assert.match(engine.whyNot({ verb: 'NOOP' }) ?? '', /in progress/);
    only(engine.receive(b('a1 OK Logged in\r\n')), 'tagged');
    assert.equal(engine.state, 'authenticated');
    assert.equal(engine.isAuthenticated, true);
  });

  it('LOGIN mechanism: challenges decoded, answered with AUTH-RESPONSE', () => {
    const engine = greeted();
    engine.send({ verb: 'AUTHENTICATE', mechanism: 'LOGIN' });
    assert.match(
      engine.whyNot({
        verb: 'AUTH-RESPONSE',
        step: { response: '', display: '', secret: false },
      }) ?? '',
      /no SASL challenge/,
    );
    const challenge = only(engine.receive(b('+ VXNlcm5hbWU6\r\n')), 'continuation');
    assert.equal(challenge.decoded, 'Username:');
    assert.equal(challenge.send, undefined);
    assert.equal(engine.state, 'authenticating');
    assert.throws(() => engine.send({ verb: 'NOOP' }), IllegalTransitionError);
    const user = engine.send({
      verb: 'AUTH-RESPONSE',
      step: { response: 'Ym9i', display: 'Ym9i', secret: false },
    });
    assert.equal(user.bytes.toString(), 'Ym9i\r\n');
    assert.equal(user.tag, undefined);
    assert.equal(engine.state, 'not-authenticated');
    // A second answer before the next challenge is refused.
    assert.throws(
      () =>
        engine.send({
          verb: 'AUTH-RESPONSE',
          step: { response: 'x', display: 'x', secret: false },
        }),
      IllegalTransitionError,
    );
    only(engine.receive(b('+ UGFzc3dvcmQ6\r\n')), 'continuation');
    const pass = engine.send({ verb: 'RAW', line: 'czNjcmV0' });
    assert.deepEqual(pass.display, [MASK]);
    assert.equal(pass.secret, true);
    const done = only(
      engine.receive(b('a1 NO [AUTHENTICATIONFAILED] Authentication failed.\r\n')),
      'tagged',
    );
    assert.equal(done.state, 'not-authenticated');
    assert.equal(engine.isAuthenticated, false);
  });

  it('a second "+" before the answer is a protocol error', () => {
    const engine = greeted();
    engine.send({ verb: 'AUTHENTICATE', mechanism: 'LOGIN' });
    assert.throws(() => engine.receive(b('+ VXNlcm5hbWU6\r\n+ again\r\n')), {
      name: 'RemoteProtocolError',
    });
  });
});

describe('IMAP engine: SELECT and EXAMINE', () => {
  it('sums up the mailbox (RFC 3501 6.3.1 example)', () => {
    const engine = loggedIn();
    const out = engine.send({ verb: 'SELECT', mailbox: 'INBOX' });
    assert.equal(out.bytes.toString(), 'a2 SELECT "INBOX"\r\n');
    const events = engine.receive(
      b(
        [
          '* 172 EXISTS',
          '* 1 RECENT',
          '* OK [UNSEEN 12] Message 12 is first unseen',
          '* OK [UIDVALIDITY 3857529045] UIDs valid',
          '* OK [UIDNEXT 4392] Predicted next UID',
          '* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft)',
          '* OK [PERMANENTFLAGS (\\Deleted \\Seen \\*)] Limited',
          'a2 OK [READ-WRITE] SELECT completed',
          '',
        ].join('\r\n'),
      ),
    );
    assert.equal(events.length, 8);
    const tagged = events[7];
    assert.ok(tagged?.type === 'tagged');
    assert.deepEqual(tagged.mailbox, {
      name: 'INBOX',
      readOnly: false,
      exists: 172,
      recent: 1,
      unseen: 12,
      uidValidity: 3857529045,
      uidNext: 4392,
      flags: ['\\Answered', '\\Flagged', '\\Deleted', '\\Seen', '\\Draft'],
      permanentFlags: ['\\Deleted', '\\Seen', '\\*'],
    });
    assert.equal(tagged.response.code?.name, 'READ-WRITE');
    assert.equal(engine.state, 'selected');
    assert.equal(engine.mailbox, tagged.mailbox);
    const untagged = events[0];
    assert.ok(untagged?.type === 'untagged');
    assert.deepEqual(untagged.data, { kind: 'exists', count: 172 });
  });

  it('EXAMINE is read-only', () => {
    const engine = loggedIn();
    engine.send({ verb: 'EXAMINE', mailbox: 'INBOX' });
    const event = only(
      engine.receive(b('* 0 EXISTS\r\na2 OK [READ-ONLY] EXAMINE completed\r\n')),
      'tagged',
    );
    assert.equal(event.mailbox?.readOnly, true);
    assert.equal(event.mailbox?.exists, 0);
  });

  it('a typed SELECT keeps its mailbox name', () => {
    const engine = loggedIn();
    engine.send({ verb: 'RAW', line: 'select "Sent Items"' });
    const event = only(engine.receive(b('a2 OK [READ-ONLY] done\r\n')), 'tagged');
    assert.equal(event.mailbox?.name, 'Sent Items');
    assert.equal(event.mailbox?.readOnly, true);
    assert.equal(engine.state, 'selected');
  });

  it('a failed SELECT deselects (RFC 3501 6.3.1)', () => {
    const engine = selected();
    engine.send({ verb: 'SELECT', mailbox: 'Nope' });
    const event = only(
      engine.receive(b('a3 NO [NONEXISTENT] Mailbox does not exist\r\n')),
      'tagged',
    );
    assert.equal(event.response.code?.name, 'NONEXISTENT');
    assert.equal(engine.state, 'authenticated');
    assert.equal(engine.mailbox, undefined);
  });

  it('a SELECT answered with BAD changes nothing', () => {
    const engine = selected();
    engine.send({ verb: 'SELECT', mailbox: 'x' });
    engine.receive(b('a3 BAD [CLIENTBUG] huh\r\n'));
    assert.equal(engine.state, 'selected');
    assert.equal(engine.mailbox?.name, 'INBOX');
  });

  it('EXISTS and EXPUNGE after selection keep the count', () => {
    const engine = selected();
    engine.send({ verb: 'NOOP' });
    engine.receive(b('* 3 EXISTS\r\n* 1 EXPUNGE\r\na3 OK NOOP completed\r\n'));
    assert.equal(engine.mailbox?.exists, 2);
  });

  it('CLOSE returns to authenticated', () => {
    const engine = selected();
    engine.send({ verb: 'CLOSE' });
    engine.receive(b('a3 OK CLOSE completed\r\n'));
    assert.equal(engine.state, 'authenticated');
    assert.equal(engine.mailbox, undefined);
  });
});

describe('IMAP engine: SEARCH and FETCH', () => {
  it('SEARCH by Message-ID returns the numbers', () => {
    const engine = selected();
    const out = engine.send({ verb: 'SEARCH', header: 'Message-ID', value: '<abc@example.com>' });
    assert.equal(out.bytes.toString(), 'a3 SEARCH HEADER Message-ID "<abc@example.com>"\r\n');
    const event = only(
      engine
        .receive(b('* SEARCH 2 84 882\r\na3 OK SEARCH completed\r\n'))
        .filter((e) => e.type === 'tagged'),
      'tagged',
    );
    assert.deepEqual(event.search, [2, 84, 882]);
  });

  it('UID SEARCH with no match', () => {
    const engine = selected();
    engine.send({ verb: 'SEARCH', header: 'Message-ID', value: '<none@x>', uid: true });
    const events = engine.receive(b('* SEARCH\r\na3 OK SEARCH completed\r\n'));
    const untagged = events[0];
    assert.ok(untagged?.type === 'untagged');
    assert.deepEqual(untagged.data, { kind: 'search', numbers: [] });
    assert.deepEqual(only(events, 'tagged').search, []);
  });

  it('SEARCH results with a MODSEQ suffix (RFC 7162)', () => {
    const engine = selected();
    engine.send({ verb: 'SEARCH', header: 'Subject', value: 'x' });
    assert.deepEqual(
      only(engine.receive(b('* SEARCH 2 5 (MODSEQ 917162500)\r\na3 OK done\r\n')), 'tagged').search,
      [2, 5],
    );
  });

  it('FETCH headers, size and body with literals', () => {
    const engine = selected();
    const out = engine.send({
      verb: 'FETCH',
      sequence: 2,
      items: ['UID', 'RFC822.SIZE', 'FLAGS', 'BODY.PEEK[HEADER]', 'BODY.PEEK[]'],
    });
    assert.equal(
      out.bytes.toString(),
      'a3 FETCH 2 (UID RFC822.SIZE FLAGS BODY.PEEK[HEADER] BODY.PEEK[])\r\n',
    );
    const header = 'Message-ID: <abc@example.com>\r\nSubject: a ) {5}\r\n\r\n';
    const body = `${header}Body line\r\n* 9 EXISTS\r\na3 OK fake\r\n`;
    const bytes = b(
      `* 2 FETCH (UID 42 RFC822.SIZE ${Buffer.byteLength(body)} FLAGS (\\Seen) BODY[HEADER] {${Buffer.byteLength(header)}}\r\n${header} BODY[] {${Buffer.byteLength(body)}}\r\n${body})\r\na3 OK FETCH completed\r\n`,
    );
    const events = engine.receive(bytes);
    assert.deepEqual(
      events.map((e) => e.type),
      ['untagged', 'tagged'],
    );
    const fetch = only(events, 'tagged').fetched![0]!;
    assert.equal(fetch.number, 2);
    assert.equal(fetch.uid, 42);
    assert.equal(fetch.size, Buffer.byteLength(body));
    assert.deepEqual(fetch.flags, ['\\Seen']);
    assert.equal(fetch.header!.toString(), header);
    assert.equal(fetch.body!.toString(), body);
    assert.deepEqual(Object.keys(fetch.sections), ['BODY[HEADER]', 'BODY[]']);
    const untagged = events[0];
    assert.ok(untagged?.type === 'untagged');
    assert.equal(untagged.literals.length, 2);
    assert.equal(untagged.rawLines.length, 3);
    assert.equal(untagged.rawLines[2], ')');
    assert.equal(engine.mailbox?.exists, 2);
  });

  it('FETCH of a header field, a quoted value and NIL', () => {
    const engine = selected();
    engine.send({
      verb: 'FETCH',
      sequence: '1:2',
      items: ['BODY.PEEK[HEADER.FIELDS (MESSAGE-ID)]'],
      uid: true,
    });
    const events = engine.receive(
      b(
        '* 1 FETCH (UID 7 BODY[HEADER.FIELDS (MESSAGE-ID)] "Message-ID: <x@y> \\"q\\" \\\\")\r\n* 2 FETCH (UID 8 BODY[HEADER.FIELDS (MESSAGE-ID)] NIL)\r\na3 OK done\r\n',
      ),
    );
    const fetched = only(events, 'tagged').fetched!;
    assert.equal(fetched.length, 2);
    assert.equal(
      fetched[0]!.sections['BODY[HEADER.FIELDS (MESSAGE-ID)]']!.toString(),
      'Message-ID: <x@y> "q" \\',
    );
    assert.equal(fetched[1]!.sections['BODY[HEADER.FIELDS (MESSAGE-ID)]'], null);
    assert.equal(fetched[1]!.uid, 8);
  });

  it('a status text ending in "{5}" is text, not a literal', () => {
    const engine = selected();
    engine.send({ verb: 'NOOP' });
    const events = engine.receive(b('* OK [ALERT] quota at {5}\r\na3 OK done {2}\r\n'));
    assert.deepEqual(
      events.map((e) => e.type),
      ['untagged', 'tagged'],
    );
    const alert = events[0];
    assert.ok(alert?.type === 'untagged' && alert.data.kind === 'status');
    assert.equal(alert.data.response.code?.name, 'ALERT');
    assert.equal(alert.data.response.text, 'quota at {5}');
  });

  it('keeps unknown untagged data as parsed values', () => {
    const engine = selected();
    engine.send({ verb: 'RAW', line: 'LIST "" "*"' });
    const events = engine.receive(b('* LIST (\\HasNoChildren) "/" {5}\r\nDraft\r\na3 OK done\r\n'));
    const list = events[0];
    assert.ok(list?.type === 'untagged' && list.data.kind === 'other');
    assert.equal(list.data.name, 'LIST');
    assert.deepEqual(list.data.values[2], { type: 'string', value: b('Draft'), literal: true });
  });
});

describe('IMAP engine: response codes', () => {
  const cases: Array<[string, string, boolean, Record<string, unknown>]> = [
    ['a2 NO [UNAVAILABLE] Backend down\r\n', 'UNAVAILABLE', true, {}],
    ['a2 NO [AUTHORIZATIONFAILED] no\r\n', 'AUTHORIZATIONFAILED', true, {}],
    ['a2 NO [EXPIRED] password expired\r\n', 'EXPIRED', true, {}],
    ['a2 NO [PRIVACYREQUIRED] use TLS\r\n', 'PRIVACYREQUIRED', true, {}],
    ['a2 NO [CONTACTADMIN] call\r\n', 'CONTACTADMIN', true, {}],
    ['a2 NO [INUSE] busy\r\n', 'INUSE', true, {}],
    ['a2 NO [OVERQUOTA] full\r\n', 'OVERQUOTA', true, {}],
    ['a2 NO [SERVERBUG] oops\r\n', 'SERVERBUG', true, {}],
    ['a2 NO [TRYCREATE] no mailbox\r\n', 'TRYCREATE', true, {}],
    ['a2 BAD [PARSE] bad syntax\r\n', 'PARSE', true, {}],
    ['a2 OK [UIDNEXT 17] x\r\n', 'UIDNEXT', true, { number: 17, argument: '17' }],
    [
      'a2 NO [BADCHARSET (UTF-8 US-ASCII)] x\r\n',
      'BADCHARSET',
      true,
      { argument: '(UTF-8 US-ASCII)', values: ['UTF-8', 'US-ASCII'] },
    ],
    ['a2 NO [X-VENDOR-THING some args] x\r\n', 'X-VENDOR-THING', false, { argument: 'some args' }],
  ];
  for (const [line, name, known, extra] of cases) {
    it(line.trim(), () => {
      const engine = selected();
      engine.send({ verb: 'NOOP' });
      const tagged = only(engine.receive(b(line.replace('a2', 'a3'))), 'tagged');
      assert.deepEqual(tagged.response.code, { name, known, ...extra });
    });
  }
});

describe('IMAP engine: BYE and LOGOUT', () => {
  it('LOGOUT: BYE then the tagged OK', () => {
    const engine = selected();
    assert.equal(engine.send({ verb: 'LOGOUT' }).bytes.toString(), 'a3 LOGOUT\r\n');
    const events = engine.receive(b('* BYE Logging out\r\na3 OK Logout completed.\r\n'));
    assert.deepEqual(
      events.map((e) => e.type),
      ['untagged', 'tagged'],
    );
    assert.equal(events[0]?.type === 'untagged' ? events[0].state : '', 'logout');
    assert.equal(engine.state, 'logout');
    assert.throws(() => engine.send({ verb: 'NOOP' }), IllegalTransitionError);
  });

  it('an untagged BYE closes, dropping what was pending', () => {
    const engine = selected();
    engine.send({ verb: 'NOOP' });
    const events = engine.receive(b('* BYE Server shutting down.\r\n'));
    const bye = only(events, 'untagged');
    assert.ok(bye.data.kind === 'status' && bye.data.response.status === 'BYE');
    assert.equal(bye.state, 'closed');
    assert.equal(engine.state, 'closed');
    assert.deepEqual(engine.awaiting, []);
    assert.throws(() => engine.send({ verb: 'NOOP' }), IllegalTransitionError);
  });

  it('bytes after an unsolicited BYE are ignored with a note', () => {
    const engine = selected();
    const events = engine.receive(b('* BYE Disconnected for inactivity.\r\na9 NO whatever\r\n'));
    assert.deepEqual(
      events.map((e) => e.type),
      ['untagged', 'note'],
    );
  });
});

describe('IMAP engine: after the end', () => {
  it('bytes after LOGOUT completed are ignored with one note', () => {
    const engine = loggedIn();
    engine.send({ verb: 'LOGOUT' });
    engine.receive(b('* BYE bye\r\na2 OK done\r\n'));
    const late = engine.receive(b('a2 OK again\r\n'));
    assert.equal(late.length, 1);
    assert.ok(late[0]?.type === 'note' && /ignored/.test(late[0].text));
    assert.deepEqual(engine.receive(b('more\r\n')), []);
    assert.equal(engine.state, 'logout');
  });

  it('closed() ends the session', () => {
    const engine = selected();
    engine.send({ verb: 'NOOP' });
    engine.closed();
    assert.equal(engine.state, 'closed');
    assert.deepEqual(engine.awaiting, []);
    assert.throws(() => engine.send({ verb: 'NOOP' }), IllegalTransitionError);
  });
});

describe('IMAP engine: illegal transitions', () => {
  const cases: Array<[string, () => ImapEngine, ImapCommand]> = [
    ['anything before the greeting', () => new ImapEngine(), { verb: 'CAPABILITY' }],
    ['SELECT before login', greeted, { verb: 'SELECT', mailbox: 'INBOX' }],
    ['FETCH before login', greeted, { verb: 'FETCH', sequence: 1, items: ['UID'] }],
    ['SEARCH before SELECT', loggedIn, { verb: 'SEARCH', header: 'Message-ID', value: '<a@b>' }],
    ['FETCH before SELECT', loggedIn, { verb: 'FETCH', sequence: 1, items: ['UID'] }],
    ['CLOSE before SELECT', loggedIn, { verb: 'CLOSE' }],
    ['LOGIN twice', loggedIn, { verb: 'LOGIN', user: 'a', password: 'b' }],
    ['AUTHENTICATE after login', loggedIn, { verb: 'AUTHENTICATE', mechanism: 'PLAIN' }],
    ['STARTTLS after login', loggedIn, { verb: 'STARTTLS' }],
    ['STARTTLS over implicit TLS', () => greeted({ tls: true }), { verb: 'STARTTLS' }],
    [
      'AUTH-RESPONSE without a challenge',
      greeted,
      { verb: 'AUTH-RESPONSE', step: { response: 'x', display: 'x', secret: false } },
    ],
    [
      'anything while STARTTLS is pending',
      () => {
        const engine = greeted();
        engine.send({ verb: 'STARTTLS' });
        return engine;
      },
      { verb: 'CAPABILITY' },
    ],
    [
      'anything after LOGOUT was sent',
      () => {
        const engine = loggedIn();
        engine.send({ verb: 'LOGOUT' });
        return engine;
      },
      { verb: 'NOOP' },
    ],
    [
      'a typed command while a literal waits for "+"',
      () => {
        const engine = greeted();
        engine.send({ verb: 'LOGIN', user: 'bob', password: 'pässwört' });
        return engine;
      },
      { verb: 'RAW', line: 'NOOP' },
    ],
  ];
  for (const [name, make, command] of cases) {
    it(name, () => {
      const engine = make();
      assert.notEqual(engine.whyNot(command), undefined);
      assert.throws(
        () => engine.send(command),
        (error: unknown) => {
          assert.ok(error instanceof IllegalTransitionError);
          assert.equal(error.code, 'ESTATE');
          return true;
        },
      );
    });
  }

  it('pipelined LOGIN then SELECT is allowed by the projected state', () => {
    const engine = greeted({}, PLAIN_GREETING);
    engine.send({ verb: 'LOGIN', user: 'bob', password: 's3cret' });
    assert.equal(engine.projected, 'authenticated');
    assert.equal(engine.whyNot({ verb: 'SELECT', mailbox: 'INBOX' }), undefined);
  });
});
