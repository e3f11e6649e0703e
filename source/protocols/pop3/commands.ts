// POP3 commands as data (RFC 1939, RFC 2449 CAPA, RFC 2595 STLS, RFC 5034 AUTH). Building the wire
// form here is where secrets get flagged and every user field is checked for CR, LF and NUL.
import type { Outgoing } from '../common/outgoing.js';
import { createHash } from 'node:crypto';
import { InputError } from '../common/errors.js';
import { assertSafeField } from '../common/input.js';
import type { SaslStep } from '../common/sasl.js';
import { MASK, decodeBase64Text, secretForms } from '../common/sasl.js';

export type Pop3Command =
  | { verb: 'CAPA' }
  | { verb: 'STLS' }
  | { verb: 'USER'; user: string }
  | { verb: 'PASS'; password: string }
  /** The digest is computed from the greeting's timestamp; the password never reaches the wire. */
  | { verb: 'APOP'; user: string; password: string }
  | { verb: 'AUTH'; mechanism: string; initial?: SaslStep; secrets?: string[] }
  | { verb: 'AUTH-RESPONSE'; step: SaslStep; secrets?: string[] }
  | { verb: 'STAT' }
  | { verb: 'LIST'; message?: number }
  | { verb: 'UIDL'; message?: number }
  | { verb: 'TOP'; message: number; lines: number }
  | { verb: 'RETR'; message: number }
  | { verb: 'DELE'; message: number }
  | { verb: 'RSET' }
  | { verb: 'NOOP' }
  | { verb: 'QUIT' }
  | { verb: 'RAW'; line: string };

export type Pop3Verb = Pop3Command['verb'];

export type Pop3Outgoing = Outgoing<Pop3Verb>;

export interface Pop3EncodeContext {
  /** The `<...@...>` timestamp from the greeting; APOP needs it. */
  apopTimestamp?: string;
  /** The line is an answer to a SASL challenge, whatever it looks like: mask it. */
  saslResponse?: boolean;
}

/** RFC 5034 4: an AUTH command line, initial response included, fits in 255 octets. */
export const MAX_AUTH_LINE = 255;

const line = (verb: Pop3Verb, wire: string, extra: Partial<Pop3Outgoing> = {}): Pop3Outgoing => ({
  verb,
  wireVerb: wire.split(' ', 1)[0]!.toUpperCase(),
  bytes: Buffer.from(`${wire}\r\n`, 'utf8'),
  display: [wire],
  secret: false,
  secrets: [],
  warnings: [],
  ...extra,
});

/** RFC 1939 7: hex MD5 of the greeting's timestamp followed by the shared secret. */
export const apopDigest = (timestamp: string, password: string): string =>
  createHash('md5').update(`${timestamp}${password}`, 'utf8').digest('hex');

const messageNumber = (field: string, n: number): string => {
  if (!Number.isSafeInteger(n) || n < 1)
    throw new InputError(field, 'must be a message number (1 or more)');
  return String(n);
};

const lineCount = (n: number): string => {
  if (!Number.isSafeInteger(n) || n < 0) throw new InputError('TOP lines', 'must be 0 or more');
  return String(n);
};

/** Every form of a base64 SASL payload worth masking, including a PLAIN password inside it. */
const payloadSecrets = (payload: string): string[] => {
  if (payload === '' || payload === '*' || payload === '=') return [];
  const decoded = decodeBase64Text(payload);
  const forms = [payload];
  if (decoded !== undefined && decoded !== '') {
    forms.push(decoded);
    const parts = decoded.split('\0');
    if (parts.length >= 3) forms.push(...secretForms(parts[parts.length - 1]!));
  }
  return forms;
};

export const encodeCommand = (
  command: Pop3Command,
  context: Pop3EncodeContext = {},
): Pop3Outgoing => {
  switch (command.verb) {
    case 'CAPA':
    case 'STLS':
    case 'STAT':
    case 'RSET':
    case 'NOOP':
    case 'QUIT':
      return line(command.verb, command.verb);
    case 'USER':
      return line('USER', `USER ${assertSafeField('user', command.user)}`);
    case 'PASS': {
      const password = assertSafeField('password', command.password);
      return line('PASS', `PASS ${password}`, {
        display: [`PASS ${MASK}`],
        secret: true,
        secrets: secretForms(password),
      });
    }
    case 'APOP': {
      const user = assertSafeField('user', command.user);
      const password = assertSafeField('password', command.password);
      const timestamp = context.apopTimestamp;
      if (timestamp === undefined)
        throw new InputError('APOP', 'the greeting carried no timestamp');
      const digest = apopDigest(timestamp, password);
      return line('APOP', `APOP ${user} ${digest}`, {
        display: [`APOP ${user} ${MASK}`],
        secret: true,
        secrets: [...secretForms(password), digest],
      });
    }
    case 'AUTH': {
      const mech = assertSafeField('mechanism', command.mechanism).toUpperCase();
      const initial = command.initial;
      if (!initial) return line('AUTH', `AUTH ${mech}`, { secrets: command.secrets ?? [] });
      // An empty initial response is sent as "=" (RFC 5034 4).
      const payload =
        initial.response === '' ? '=' : assertSafeField('initial response', initial.response);
      const wire = `AUTH ${mech} ${payload}`;
      const warnings =
        wire.length + 2 > MAX_AUTH_LINE
          ? [
              `the AUTH line is longer than ${MAX_AUTH_LINE} octets; RFC 5034 says to wait for the "+" instead`,
            ]
          : [];
      return line('AUTH', wire, {
        display: [`AUTH ${mech} ${initial.secret ? initial.display : payload}`],
        secret: initial.secret,
        secrets: [...(command.secrets ?? []), ...(initial.secret ? payloadSecrets(payload) : [])],
        warnings,
      });
    }
    case 'AUTH-RESPONSE': {
      const response = assertSafeField('SASL response', command.step.response);
      return line('AUTH-RESPONSE', response, {
        wireVerb: '',
        display: [command.step.secret ? command.step.display : response],
        secret: command.step.secret,
        secrets: [
          ...(command.secrets ?? []),
          ...(command.step.secret ? payloadSecrets(response) : []),
        ],
      });
    }
    case 'LIST':
    case 'UIDL':
      return line(
        command.verb,
        command.message === undefined
          ? command.verb
          : `${command.verb} ${messageNumber(command.verb, command.message)}`,
      );
    case 'RETR':
    case 'DELE':
      return line(command.verb, `${command.verb} ${messageNumber(command.verb, command.message)}`);
    case 'TOP':
      return line(
        'TOP',
        `TOP ${messageNumber('TOP', command.message)} ${lineCount(command.lines)}`,
      );
    case 'RAW':
      return encodeRaw(assertSafeField('command', command.line), context);
  }
};

/** A typed line from the manual console, with its secrets masked as if it had been built here. */
const encodeRaw = (raw: string, context: Pop3EncodeContext): Pop3Outgoing => {
  if (context.saslResponse) {
    const secrets = payloadSecrets(raw.trim());
    return line('RAW', raw, { wireVerb: '', display: [MASK], secret: true, secrets });
  }
  const match = /^(\S+)(?:\s+(.*))?$/s.exec(raw.trim());
  const word = match?.[1]?.toUpperCase() ?? '';
  const rest = match?.[2] ?? '';
  if (word === 'PASS' && rest !== '') {
    // RFC 1939 lets a password contain spaces: everything after "PASS " is the secret.
    const password = raw.replace(/^\s*\S+\s/, '');
    return line('RAW', raw, {
      display: [`${match![1]} ${MASK}`],
      secret: true,
      secrets: secretForms(password),
    });
  }
  if (word === 'APOP') {
    const [user = '', digest = ''] = rest.split(/\s+/);
    if (digest !== '') {
      return line('RAW', raw, {
        display: [`${match![1]} ${user} ${MASK}`],
        secret: true,
        secrets: [digest],
      });
    }
  }
  if (word === 'AUTH') {
    const [mech = '', payload = ''] = rest.split(/\s+/);
    if (payload !== '') {
      return line('RAW', raw, {
        display: [`${match![1]} ${mech} ${MASK}`],
        secret: true,
        secrets: payloadSecrets(payload),
      });
    }
  }
  return line('RAW', raw);
};

const VERBS: Readonly<Record<string, Pop3Verb>> = {
  CAPA: 'CAPA',
  STLS: 'STLS',
  USER: 'USER',
  PASS: 'PASS',
  APOP: 'APOP',
  AUTH: 'AUTH',
  STAT: 'STAT',
  LIST: 'LIST',
  UIDL: 'UIDL',
  TOP: 'TOP',
  RETR: 'RETR',
  DELE: 'DELE',
  RSET: 'RSET',
  NOOP: 'NOOP',
  QUIT: 'QUIT',
};

/** Maps what a user typed in the manual console to the verb the state table knows. */
export const verbOfRawLine = (raw: string): Pop3Verb | undefined => {
  const word = raw.trim().split(/\s/, 1)[0]?.toUpperCase() ?? '';
  return VERBS[word];
};

/** True when a typed line has an argument after its verb ("LIST 3" versus "LIST"). */
export const rawLineHasArgument = (raw: string): boolean => /^\S+\s+\S/.test(raw.trim());
