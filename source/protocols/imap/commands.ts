// IMAP commands as data (RFC 3501 6, RFC 9051 6): the subset retrieval and diagnosis need.
// Building the wire form here is where secrets get flagged, every user field is checked for CR, LF
// and NUL, and values that cannot be quoted become literals.
import type { Outgoing } from '../common/outgoing.js';
import { InputError } from '../common/errors.js';
import { assertSafeField } from '../common/input.js';
import type { SaslStep } from '../common/sasl.js';
import { MASK, decodeBase64Text, secretForms } from '../common/sasl.js';
import type { ImapPart, ImapToken, LiteralMode } from './strings.js';
import { assemble, astring, atomOrString, encodeMailboxName, quoted, text } from './strings.js';

/** FETCH data items this client asks for; section texts are checked before they reach the wire. */
export type ImapFetchItem =
  | 'UID'
  | 'FLAGS'
  | 'RFC822.SIZE'
  | 'INTERNALDATE'
  | 'ENVELOPE'
  | 'BODYSTRUCTURE'
  | 'BODY.PEEK[HEADER]'
  | 'BODY.PEEK[TEXT]'
  | 'BODY.PEEK[]'
  | `BODY.PEEK[]<${number}.${number}>`
  | `BODY.PEEK[HEADER.FIELDS (${string})]`
  | `BODY[${string}]`;

export type ImapCommand =
  | { verb: 'CAPABILITY' }
  | { verb: 'NOOP' }
  | { verb: 'LOGOUT' }
  | { verb: 'STARTTLS' }
  | { verb: 'LOGIN'; user: string; password: string }
  /** With SASL-IR the initial response goes on the command line; without, it waits for "+". */
  | { verb: 'AUTHENTICATE'; mechanism: string; initial?: SaslStep; secrets?: string[] }
  /** The answer to a "+" challenge during AUTHENTICATE (untagged). */
  | { verb: 'AUTH-RESPONSE'; step: SaslStep; secrets?: string[] }
  | { verb: 'SELECT'; mailbox: string }
  | { verb: 'EXAMINE'; mailbox: string }
  /** SEARCH HEADER name value; `uid` makes it UID SEARCH. */
  | { verb: 'SEARCH'; header: string; value: string; uid?: boolean }
  | { verb: 'FETCH'; sequence: string | number; items: readonly ImapFetchItem[]; uid?: boolean }
  | { verb: 'CLOSE' }
  | { verb: 'UNSELECT' }
  /**
   * A line typed in the manual console, without its tag: the engine adds one, unless the user
   * typed one (`tag`), which is kept so the learner sees their own tag come back.
   */
  | { verb: 'RAW'; line: string; tag?: string };

export type ImapVerb = ImapCommand['verb'];

export interface ImapOutgoing extends Outgoing<ImapVerb> {
  /** The tag this command's completion will carry; absent for a SASL response. */
  tag?: string;
  /**
   * True when the rest of this command waits for the server's "+" (a synchronising literal, or an
   * initial response without SASL-IR); the engine hands it over in the continuation event's `send`.
   */
  continues: boolean;
}

export interface ImapEncodeContext extends LiteralMode {
  /** RFC 4959: the server takes an initial response on the AUTHENTICATE line. */
  saslIr?: boolean;
  /** The line answers a SASL challenge, whatever it looks like: mask it. */
  saslResponse?: boolean;
}

export interface ImapEncoded {
  wireVerb: string;
  parts: ImapPart[];
  secrets: string[];
  warnings: string[];
}

const SEQUENCE = /^(?:[0-9]+|\*)(?::(?:[0-9]+|\*))?(?:,(?:[0-9]+|\*)(?::(?:[0-9]+|\*))?)*$/;
const FETCH_ITEM =
  /^(?:UID|FLAGS|RFC822\.SIZE|RFC822\.HEADER|INTERNALDATE|ENVELOPE|BODYSTRUCTURE|BODY(?:\.PEEK)?\[[A-Za-z0-9.() -]*\](?:<[0-9]+(?:\.[0-9]+)?>)?)$/i;

const sequenceSet = (sequence: string | number): string => {
  const value = String(sequence).trim();
  if (!SEQUENCE.test(value) || /(^|[:,])0+([:,]|$)/.test(value)) {
    throw new InputError('sequence set', `"${value}" is not a sequence set like 1, 2:5 or 1:*`);
  }
  return value;
};

const fetchItems = (items: readonly string[]): string => {
  if (items.length === 0) throw new InputError('FETCH items', 'at least one item is needed');
  for (const item of items) {
    if (!FETCH_ITEM.test(item))
      throw new InputError('FETCH items', `"${item}" is not a FETCH item this client sends`);
  }
  return `(${items.join(' ')})`;
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

const simple = (tag: string, wire: string): ImapToken[] => [text(`${tag} ${wire}`)];

const tokensOf = (
  command: Exclude<ImapCommand, { verb: 'AUTH-RESPONSE' | 'RAW' }>,
  tag: string,
  context: ImapEncodeContext,
): { wireVerb: string; tokens: ImapToken[]; secrets: string[] } => {
  switch (command.verb) {
    case 'CAPABILITY':
    case 'NOOP':
    case 'LOGOUT':
    case 'STARTTLS':
    case 'CLOSE':
    case 'UNSELECT':
      return { wireVerb: command.verb, tokens: simple(tag, command.verb), secrets: [] };
    case 'LOGIN': {
      const password = assertSafeField('password', command.password);
      return {
        wireVerb: 'LOGIN',
        tokens: [
          text(`${tag} LOGIN `),
          astring('user', command.user),
          text(' '),
          astring('password', password, true),
        ],
        secrets: secretForms(password),
      };
    }
    case 'AUTHENTICATE': {
      const mech = assertSafeField('mechanism', command.mechanism).toUpperCase();
      if (!/^[A-Z0-9_-]{1,20}$/.test(mech))
        throw new InputError('mechanism', `"${mech}" is not a SASL mechanism name`);
      const head = text(`${tag} AUTHENTICATE ${mech}`);
      const initial = command.initial;
      if (!initial)
        return { wireVerb: 'AUTHENTICATE', tokens: [head], secrets: command.secrets ?? [] };
      const payload = assertSafeField('initial response', initial.response);
      const secrets = [
        ...(command.secrets ?? []),
        ...(initial.secret ? payloadSecrets(payload) : []),
      ];
      const shown = initial.secret ? initial.display : payload;
      if (context.saslIr) {
        // RFC 4959 3: an empty initial response is sent as "=".
        const wire = payload === '' ? '=' : payload;
        return {
          wireVerb: 'AUTHENTICATE',
          tokens: [head, text(` ${wire}`, ` ${initial.secret ? shown : wire}`, initial.secret)],
          secrets,
        };
      }
      return {
        wireVerb: 'AUTHENTICATE',
        tokens: [head, { kind: 'await-continuation' }, text(payload, shown, initial.secret)],
        secrets,
      };
    }
    case 'SELECT':
    case 'EXAMINE': {
      const name = assertSafeField('mailbox', command.mailbox);
      if (name === '') throw new InputError('mailbox', 'must not be empty');
      return {
        wireVerb: command.verb,
        tokens: [text(`${tag} ${command.verb} ${quoted(encodeMailboxName(name))}`)],
        secrets: [],
      };
    }
    case 'SEARCH': {
      const header = assertSafeField('header name', command.header);
      if (!/^[\x21-\x39\x3b-\x7e]+$/.test(header)) {
        throw new InputError('header name', `"${header}" is not a header field name`);
      }
      const value = assertSafeField('header value', command.value);
      const verb = command.uid ? 'UID SEARCH' : 'SEARCH';
      // A value outside US-ASCII needs a charset the server is told about (RFC 3501 6.4.4).
      const charset = /[\u0080-\uffff]/.test(value) ? ' CHARSET UTF-8' : '';
      return {
        wireVerb: verb,
        tokens: [
          text(`${tag} ${verb}${charset} HEADER `),
          atomOrString('header name', header),
          text(' '),
          astring('header value', value),
        ],
        secrets: [],
      };
    }
    case 'FETCH': {
      const verb = command.uid ? 'UID FETCH' : 'FETCH';
      return {
        wireVerb: verb,
        tokens: simple(
          tag,
          `${verb} ${sequenceSet(command.sequence)} ${fetchItems(command.items)}`,
        ),
        secrets: [],
      };
    }
  }
};

/** A SASL response line: no tag, and masked when it carries a secret. */
const saslLine = (
  line: string,
  shown: string,
  secret: boolean,
  secrets: string[],
): ImapEncoded => ({
  wireVerb: '',
  parts: [{ bytes: Buffer.from(`${line}\r\n`, 'utf8'), display: [shown], secret }],
  secrets,
  warnings: [],
});

/** A typed line, tagged, with LOGIN passwords and AUTHENTICATE payloads masked. */
const encodeRaw = (tag: string, raw: string): ImapEncoded => {
  const line = raw.trim();
  if (/\{[0-9]+\+?\}$/.test(line)) {
    throw new InputError(
      'command',
      'a typed line cannot end in a literal; use the LOGIN or SEARCH forms, which send literals',
    );
  }
  const words = /^(\S+)(?:\s+(\S+))?/.exec(line);
  const verb = words?.[1]?.toUpperCase() ?? '';
  const wireVerb = verb === 'UID' && words?.[2] ? `UID ${words[2].toUpperCase()}` : verb;
  const plain = (secrets: string[] = [], shown = `${tag} ${line}`): ImapEncoded => ({
    wireVerb,
    parts: [
      {
        bytes: Buffer.from(`${tag} ${line}\r\n`, 'utf8'),
        display: [shown],
        secret: secrets.length > 0,
      },
    ],
    secrets,
    warnings: [],
  });
  const login = /^(LOGIN\s+(?:"(?:[^"\\]|\\.)*"|\S+)\s+)(.+)$/is.exec(line);
  if (login) {
    const password = login[2]!;
    const unquoted = /^".*"$/s.test(password)
      ? password.slice(1, -1).replace(/\\(.)/g, '$1')
      : password;
    return plain([...new Set([password, ...secretForms(unquoted)])], `${tag} ${login[1]}${MASK}`);
  }
  const auth = /^(AUTHENTICATE\s+\S+\s+)(\S+)$/is.exec(line);
  if (auth) return plain(payloadSecrets(auth[2]!), `${tag} ${auth[1]}${MASK}`);
  return plain();
};

/** Encodes a command under `tag`; parts after the first wait for "+" continuations. */
export const encodeCommand = (
  command: ImapCommand,
  tag: string,
  context: ImapEncodeContext = {},
): ImapEncoded => {
  if (command.verb === 'AUTH-RESPONSE') {
    const response = assertSafeField('SASL response', command.step.response);
    const secrets = [
      ...(command.secrets ?? []),
      ...(command.step.secret ? payloadSecrets(response) : []),
    ];
    return saslLine(
      response,
      command.step.secret ? command.step.display : response,
      command.step.secret,
      secrets,
    );
  }
  if (command.verb === 'RAW') {
    const line = assertSafeField('command', command.line);
    if (context.saslResponse) return saslLine(line, MASK, true, payloadSecrets(line.trim()));
    return encodeRaw(tag, line);
  }
  const { wireVerb, tokens, secrets } = tokensOf(command, tag, context);
  const parts = assemble(tokens, context);
  const warnings =
    parts.length > 1
      ? [`the command is sent in ${parts.length} parts; each waits for the server's "+"`]
      : [];
  return { wireVerb, parts, secrets, warnings };
};

const VERBS: Readonly<Record<string, ImapVerb>> = {
  CAPABILITY: 'CAPABILITY',
  NOOP: 'NOOP',
  LOGOUT: 'LOGOUT',
  STARTTLS: 'STARTTLS',
  LOGIN: 'LOGIN',
  AUTHENTICATE: 'AUTHENTICATE',
  SELECT: 'SELECT',
  EXAMINE: 'EXAMINE',
  SEARCH: 'SEARCH',
  FETCH: 'FETCH',
  CLOSE: 'CLOSE',
  UNSELECT: 'UNSELECT',
};

/** RFC 3501 9: a tag is ASTRING-CHARs except "+": no space, controls, ( ) { % * " \\ or ]. */
export const isValidTag = (tag: string): boolean =>
  // eslint-disable-next-line no-control-regex -- control characters are what a tag may not hold
  /^[^\s(){%*"\\\]+\x00-\x1f\x7f]+$/.test(tag);

/** Maps what a user typed in the manual console (without a tag) to the verb the state table knows. */
export const verbOfRawLine = (raw: string): ImapVerb | undefined => {
  const [first = '', second = ''] = raw
    .trim()
    .split(/\s+/, 2)
    .map((w) => w.toUpperCase());
  if (first === 'UID') return second === 'FETCH' || second === 'SEARCH' ? VERBS[second] : undefined;
  return VERBS[first];
};

/** The mailbox argument of a typed SELECT/EXAMINE, unquoted, for the mailbox summary. */
export const mailboxOfRawLine = (raw: string): string => {
  const arg = raw.trim().replace(/^\S+\s*/, '');
  return /^".*"$/s.test(arg) ? arg.slice(1, -1).replace(/\\(.)/g, '$1') : arg;
};
