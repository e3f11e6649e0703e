// Scripted servers for the hostile suite: an SMTP, a POP3 and an IMAP server that behave like
// ordinary ones except where a case overrides one answer. Each runs on the shared fake server
// (test/helpers/fake-server.ts), on port 0.
import type { FakePeer } from '../helpers/fake-server.js';

export type Say = (peer: FakePeer, line: string) => Promise<void> | void;

const next = (peer: FakePeer): Promise<string | undefined> =>
  peer.line(30_000).catch(() => undefined);

/** Sends `make(i)` as fast as the socket takes it, until the client hangs up. */
export const flood = async (peer: FakePeer, make: (i: number) => string): Promise<void> => {
  for (let i = 0; !peer.socket.destroyed && i < 5_000_000; i += 1) {
    if (!peer.socket.write(make(i))) {
      await new Promise<void>((resolve) => {
        peer.socket.once('drain', resolve);
        peer.socket.once('close', resolve);
      });
    }
  }
};

/** One byte at a time, `everyMs` apart, forever. */
export const drip = async (peer: FakePeer, text: string, everyMs = 150): Promise<void> => {
  for (let i = 0; !peer.socket.destroyed && i < 10_000; i += 1) {
    peer.send(text[i % text.length]!);
    await peer.wait(everyMs);
  }
};

export interface SmtpPersona {
  greet?: (peer: FakePeer) => Promise<void> | void;
  ehlo?: string[] | ((peer: FakePeer) => Promise<void> | void);
  auth?: Say;
  rcpt?: string;
  starttls?: Say;
  /** Each message received with DATA. */
  messages?: string[];
}

export const DEFAULT_EHLO = [
  '250-fake.test',
  '250-AUTH PLAIN LOGIN CRAM-MD5 XOAUTH2',
  '250 8BITMIME',
];

export const smtp =
  (persona: SmtpPersona = {}) =>
  async (peer: FakePeer): Promise<void> => {
    await (persona.greet ?? ((p: FakePeer) => p.send('220 fake.test ESMTP\r\n')))(peer);
    for (;;) {
      const line = await next(peer);
      if (line === undefined) return;
      const verb = (line.split(' ')[0] ?? '').toUpperCase();
      if (verb === 'EHLO') {
        if (typeof persona.ehlo === 'function') await persona.ehlo(peer);
        else peer.send(`${(persona.ehlo ?? DEFAULT_EHLO).join('\r\n')}\r\n`);
      } else if (verb === 'HELO') peer.send('250 fake.test\r\n');
      else if (verb === 'AUTH')
        await (persona.auth ?? ((p) => p.send('235 2.7.0 ok\r\n')))(peer, line);
      else if (verb === 'STARTTLS')
        await (persona.starttls ?? ((p) => p.send('454 4.7.0 TLS not available\r\n')))(peer, line);
      else if (verb === 'MAIL') peer.send('250 2.1.0 ok\r\n');
      else if (verb === 'RCPT') peer.send(`${persona.rcpt ?? '250 2.1.5 ok'}\r\n`);
      else if (verb === 'DATA') {
        peer.send('354 go ahead\r\n');
        const lines: string[] = [];
        for (let l = await next(peer); l !== undefined && l !== '.'; l = await next(peer))
          lines.push(l);
        persona.messages?.push(lines.join('\n'));
        peer.send('250 2.0.0 queued as 4F00D\r\n');
      } else if (verb === 'QUIT') {
        peer.send('221 2.0.0 bye\r\n');
        return peer.close();
      } else if (verb === 'RSET' || verb === 'NOOP') peer.send('250 2.0.0 ok\r\n');
      else peer.send('502 5.5.2 not here\r\n');
    }
  };

export interface Pop3Persona {
  greeting?: (peer: FakePeer) => Promise<void> | void;
  capa?: string[] | ((peer: FakePeer) => Promise<void> | void);
  stls?: Say;
  /** Any login command (USER, PASS, AUTH, APOP). */
  login?: Say;
  top?: Say;
  retr?: Say;
  messages?: number;
}

export const pop3 =
  (persona: Pop3Persona = {}) =>
  async (peer: FakePeer): Promise<void> => {
    await (persona.greeting ?? ((p: FakePeer) => p.send('+OK fake POP3 ready\r\n')))(peer);
    for (;;) {
      const line = await next(peer);
      if (line === undefined) return;
      const verb = (line.split(' ')[0] ?? '').toUpperCase();
      if (verb === 'CAPA') {
        if (typeof persona.capa === 'function') await persona.capa(peer);
        else peer.send(`+OK\r\n${(persona.capa ?? ['USER', 'TOP', 'UIDL']).join('\r\n')}\r\n.\r\n`);
      } else if (verb === 'STLS')
        await (persona.stls ?? ((p) => p.send('-ERR no TLS here\r\n')))(peer, line);
      else if (
        ['USER', 'PASS', 'AUTH', 'APOP'].includes(verb) ||
        line === '' ||
        /^[A-Za-z0-9+/=]+$/.test(line)
      )
        await (persona.login ?? ((p) => p.send('+OK\r\n')))(peer, line);
      else if (verb === 'STAT') peer.send(`+OK ${persona.messages ?? 1} 120\r\n`);
      else if (verb === 'TOP')
        await (persona.top ?? ((p) => p.send('+OK\r\nSubject: x\r\n\r\n.\r\n')))(peer, line);
      else if (verb === 'RETR')
        await (persona.retr ?? ((p) => p.send('+OK\r\nSubject: x\r\n\r\nbody\r\n.\r\n')))(
          peer,
          line,
        );
      else if (verb === 'QUIT') {
        peer.send('+OK bye\r\n');
        return peer.close();
      } else peer.send('-ERR unknown command\r\n');
    }
  };

export interface ImapPersona {
  greeting?: (peer: FakePeer) => Promise<void> | void;
  capability?: string;
  /** LOGIN, AUTHENTICATE and the SASL response lines. */
  login?: (peer: FakePeer, line: string, tag: string) => Promise<void> | void;
  examine?: (peer: FakePeer, tag: string) => Promise<void> | void;
  starttls?: (peer: FakePeer, tag: string) => Promise<void> | void;
}

export const imap =
  (persona: ImapPersona = {}) =>
  async (peer: FakePeer): Promise<void> => {
    const caps = persona.capability ?? 'IMAP4rev1 AUTH=PLAIN';
    await (
      persona.greeting ?? ((p: FakePeer) => p.send(`* OK [CAPABILITY ${caps}] fake IMAP ready\r\n`))
    )(peer);
    let pendingTag = '';
    for (;;) {
      const line = await next(peer);
      if (line === undefined) return;
      const [tag = '', verbRaw = ''] = line.split(' ');
      const verb = verbRaw.toUpperCase();
      if (pendingTag && !/^[A-Za-z0-9.]+ [A-Za-z]/.test(line)) {
        // A SASL response line for the pending AUTHENTICATE.
        await (persona.login ?? ((p) => p.send(`${pendingTag} OK done\r\n`)))(
          peer,
          line,
          pendingTag,
        );
        pendingTag = '';
        continue;
      }
      if (verb === 'CAPABILITY') peer.send(`* CAPABILITY ${caps}\r\n${tag} OK done\r\n`);
      else if (verb === 'STARTTLS')
        await (persona.starttls ?? ((p, t) => p.send(`${t} NO no TLS here\r\n`)))(peer, tag);
      else if (verb === 'LOGIN')
        await (persona.login ?? ((p, _l, t) => p.send(`${t} OK logged in\r\n`)))(peer, line, tag);
      else if (verb === 'AUTHENTICATE') {
        if (line.split(' ').length >= 4)
          await (persona.login ?? ((p, _l, t) => p.send(`${t} OK logged in\r\n`)))(peer, line, tag);
        else {
          pendingTag = tag;
          peer.send('+ \r\n');
        }
      } else if (verb === 'EXAMINE' || verb === 'SELECT')
        await (
          persona.examine ??
          ((p, t) => p.send(`* 1 EXISTS\r\n* 0 RECENT\r\n${t} OK [READ-ONLY] done\r\n`))
        )(peer, tag);
      else if (verb === 'SEARCH') peer.send(`* SEARCH\r\n${tag} OK done\r\n`);
      else if (verb === 'NOOP') peer.send(`${tag} OK done\r\n`);
      else if (verb === 'LOGOUT') {
        peer.send(`* BYE bye\r\n${tag} OK done\r\n`);
        return peer.close();
      } else peer.send(`${tag} BAD unknown\r\n`);
    }
  };
