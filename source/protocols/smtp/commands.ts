// SMTP commands as data. Building the wire form here is where secrets get flagged, and where
// every user-supplied field is checked for CR, LF and NUL.
import type { Outgoing as CommonOutgoing } from '../common/outgoing.js';
import { InputError } from '../common/errors.js';
import { assertSafeField } from '../common/input.js';
import type { SaslStep } from '../common/sasl.js';

export type SmtpCommand =
  | { verb: 'EHLO'; domain: string }
  | { verb: 'HELO'; domain: string }
  | { verb: 'STARTTLS' }
  | { verb: 'AUTH'; mechanism: string; initial?: SaslStep; secrets?: string[] }
  | { verb: 'AUTH-RESPONSE'; step: SaslStep; secrets?: string[] }
  | { verb: 'MAIL'; from: string; size?: number; body?: '7BIT' | '8BITMIME'; smtpUtf8?: boolean }
  | { verb: 'RCPT'; to: string }
  | { verb: 'DATA' }
  | { verb: 'MESSAGE'; content: string }
  | { verb: 'RSET' }
  | { verb: 'NOOP' }
  | { verb: 'VRFY'; argument: string }
  | { verb: 'HELP'; argument?: string }
  | { verb: 'QUIT' }
  | { verb: 'RAW'; line: string };

export type SmtpVerb = SmtpCommand['verb'];

export type Outgoing = CommonOutgoing<SmtpVerb>;

const line = (verb: SmtpVerb, wire: string, extra: Partial<Outgoing> = {}): Outgoing => ({
  verb,
  wireVerb: wire.split(' ', 1)[0]!.toUpperCase(),
  bytes: Buffer.from(`${wire}\r\n`, 'utf8'),
  display: [wire],
  secret: false,
  secrets: [],
  warnings: [],
  ...extra,
});

const path = (field: string, address: string): string => {
  assertSafeField(field, address);
  const trimmed = address.trim();
  const inner = trimmed.startsWith('<') && trimmed.endsWith('>') ? trimmed.slice(1, -1) : trimmed;
  if (inner === '') throw new InputError(field, 'the address is empty');
  if (/[<>\s]/.test(inner)) throw new InputError(field, `"${address}" is not a plain address`);
  return `<${inner}>`;
};

/** RFC 5321 4.5.3.1.6: a text line is at most 998 octets before CRLF. */
export const MAX_TEXT_LINE = 998;

/** Dot-stuffs and CRLF-normalises a message; the returned bytes end with the CRLF.CRLF terminator. */
export const encodeMessage = (
  content: string,
): { bytes: Buffer; lines: string[]; warnings: string[] } => {
  const warnings: string[] = [];
  const lines = content.replace(/\r\n/g, '\n').replace(/\r/g, '\n').split('\n');
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  const stuffed = lines.map((l) => (l.startsWith('.') ? `.${l}` : l));
  const long = stuffed.filter((l) => Buffer.byteLength(l, 'utf8') > MAX_TEXT_LINE).length;
  if (long > 0)
    warnings.push(
      `${long} line(s) longer than ${MAX_TEXT_LINE} octets; servers may reject or break them`,
    );
  if (/[\u0080-\uffff]/.test(content))
    warnings.push('the message has 8-bit characters; it needs BODY=8BITMIME or SMTPUTF8');
  if (content.includes('\0')) warnings.push('the message contains NUL bytes');
  const wire = `${stuffed.join('\r\n')}${stuffed.length > 0 ? '\r\n' : ''}.\r\n`;
  return { bytes: Buffer.from(wire, 'utf8'), lines: [...stuffed, '.'], warnings };
};

export const encodeCommand = (command: SmtpCommand): Outgoing => {
  switch (command.verb) {
    case 'EHLO':
    case 'HELO':
      assertSafeField('EHLO name', command.domain);
      if (!/^\S+$/.test(command.domain)) {
        throw new InputError(
          'EHLO name',
          'must be one word: a domain name or an address literal like [192.0.2.1]',
        );
      }
      return line(command.verb, `${command.verb} ${command.domain}`);
    case 'STARTTLS':
    case 'DATA':
    case 'RSET':
    case 'NOOP':
    case 'QUIT':
      return line(command.verb, command.verb);
    case 'AUTH': {
      const mech = assertSafeField('mechanism', command.mechanism).toUpperCase();
      const initial = command.initial;
      if (!initial) return line('AUTH', `AUTH ${mech}`, { secrets: command.secrets ?? [] });
      // An empty initial response is sent as "=" (RFC 4954 4).
      const wirePayload = initial.response === '' ? '=' : initial.response;
      return line('AUTH', `AUTH ${mech} ${wirePayload}`, {
        display: [`AUTH ${mech} ${initial.secret ? initial.display : wirePayload}`],
        secret: initial.secret,
        secrets: command.secrets ?? [],
      });
    }
    case 'AUTH-RESPONSE':
      return line('AUTH-RESPONSE', command.step.response, {
        wireVerb: '',
        display: [command.step.secret ? command.step.display : command.step.response],
        secret: command.step.secret,
        secrets: command.secrets ?? [],
      });
    case 'MAIL': {
      const params: string[] = [];
      if (command.size !== undefined) {
        if (!Number.isFinite(command.size) || command.size < 0)
          throw new InputError('SIZE', `${command.size} is not a size in bytes`);
        params.push(`SIZE=${Math.floor(command.size)}`);
      }
      if (command.body) params.push(`BODY=${command.body}`);
      if (command.smtpUtf8) params.push('SMTPUTF8');
      // The null reverse-path "<>" is legal (bounces); keep it as is.
      const from =
        command.from === '' || command.from === '<>' ? '<>' : path('MAIL FROM', command.from);
      return line('MAIL', [`MAIL FROM:${from}`, ...params].join(' '));
    }
    case 'RCPT':
      return line('RCPT', `RCPT TO:${path('RCPT TO', command.to)}`);
    case 'VRFY':
      return line('VRFY', `VRFY ${assertSafeField('VRFY argument', command.argument)}`);
    case 'HELP':
      return line(
        'HELP',
        command.argument ? `HELP ${assertSafeField('HELP argument', command.argument)}` : 'HELP',
      );
    case 'MESSAGE': {
      const encoded = encodeMessage(command.content);
      return {
        verb: 'MESSAGE',
        wireVerb: '',
        bytes: encoded.bytes,
        display: encoded.lines,
        secret: false,
        secrets: [],
        warnings: encoded.warnings,
      };
    }
    case 'RAW':
      return line('RAW', assertSafeField('command', command.line));
  }
};

/** Maps what a user typed in the manual console to the verb the state table knows. */
export const verbOfRawLine = (raw: string): SmtpVerb | undefined => {
  const word = raw.trim().split(/[\s:]/, 1)[0]?.toUpperCase() ?? '';
  const verbs: Record<string, SmtpVerb> = {
    EHLO: 'EHLO',
    HELO: 'HELO',
    STARTTLS: 'STARTTLS',
    AUTH: 'AUTH',
    MAIL: 'MAIL',
    RCPT: 'RCPT',
    DATA: 'DATA',
    RSET: 'RSET',
    NOOP: 'NOOP',
    VRFY: 'VRFY',
    HELP: 'HELP',
    QUIT: 'QUIT',
  };
  return verbs[word];
};
