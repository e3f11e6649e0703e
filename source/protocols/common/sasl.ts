// SASL client mechanisms shared by SMTP AUTH, POP3 AUTH and IMAP AUTHENTICATE.
// Each step says what goes on the wire (base64), what the transcript may show instead, and every
// form of the secret it contains, so the recorder can mask the secret wherever it reappears.
import { createHmac } from 'node:crypto';
import { InputError } from './errors.js';
import { assertSafeField } from './input.js';

export type SaslMechanism = 'PLAIN' | 'LOGIN' | 'CRAM-MD5' | 'XOAUTH2';
export const SASL_MECHANISMS: readonly SaslMechanism[] = ['PLAIN', 'LOGIN', 'CRAM-MD5', 'XOAUTH2'];

export interface SaslCredentials {
  user: string;
  password?: string;
  /** OAuth 2 bearer token for XOAUTH2. */
  token?: string;
  authzid?: string;
}

export interface SaslStep {
  /** Base64 to send (may be "" for an empty response). */
  response: string;
  /** What the transcript shows in its place. */
  display: string;
  secret: boolean;
}

export const MASK = '********';

const b64 = (text: string): string => Buffer.from(text, 'utf8').toString('base64');

/** Decodes a server challenge for display: "VXNlcm5hbWU6" is "Username:". */
export const decodeBase64Text = (value: string): string | undefined => {
  const trimmed = value.trim();
  if (trimmed === '') return '';
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(trimmed) || trimmed.length % 4 !== 0) return undefined;
  return Buffer.from(trimmed, 'base64').toString('utf8');
};

/**
 * The base64 characters that depend on the secret alone, when the secret sits at byte offset 0, 1
 * or 2 of a longer blob (a server's challenge or error that embeds it): those characters are the
 * same whatever surrounds the secret, so they are what an echo inside any base64 text contains.
 */
const alignedBase64 = (bytes: Buffer): string[] =>
  [0, 1, 2].flatMap((offset) => {
    const encoded = Buffer.concat([Buffer.alloc(offset), bytes])
      .toString('base64')
      .replace(/=+$/, '');
    const core = encoded.slice(
      Math.ceil((8 * offset) / 6),
      Math.floor((8 * (offset + bytes.length)) / 6),
    );
    // Shorter cores would mask ordinary base64 by chance; the aligned full forms cover short secrets.
    return core.length >= 6 ? [core] : [];
  });

/** Quoted-printable as a server or a mail gateway writes it (RFC 2045 6.7, without soft breaks). */
const quotedPrintable = (bytes: Buffer): string =>
  [...bytes]
    .map((b) =>
      b === 0x3d || b < 0x20 || b > 0x7e
        ? `=${b.toString(16).toUpperCase().padStart(2, '0')}`
        : String.fromCharCode(b),
    )
    .join('');

/**
 * Every encoding in which a secret might show up again: as typed, in upper and lower case, base64
 * (whole, and at each of the three alignments inside a longer blob), hex, quoted-printable, URL
 * encoding and quoted for IMAP. Servers transform what they echo; each of these has been seen.
 */
export const secretForms = (secret: string): string[] => {
  if (secret === '') return [];
  const forms = new Set<string>();
  for (const bytes of [Buffer.from(secret, 'utf8'), Buffer.from(secret, 'latin1')]) {
    forms.add(bytes.toString('base64'));
    forms.add(bytes.toString('base64').replace(/=+$/, ''));
    for (const core of alignedBase64(bytes)) forms.add(core);
    forms.add(bytes.toString('hex'));
    forms.add(bytes.toString('hex').toUpperCase());
    forms.add(quotedPrintable(bytes));
  }
  for (const text of [secret, secret.toUpperCase(), secret.toLowerCase()]) {
    forms.add(text);
    forms.add(`"${text.replace(/(["\\])/g, '\\$1')}"`);
    forms.add(encodeURIComponent(text));
  }
  return [...forms];
};

export interface SaslClient {
  readonly mechanism: SaslMechanism;
  /** The initial response to send with the AUTH command, if this mechanism has one. */
  initial(): SaslStep | undefined;
  /** The answer to one server challenge (base64 as received). */
  respond(challenge: string): SaslStep;
  /** Every string that must never be shown: password, token, payloads, in all encodings. */
  secrets(): string[];
}

const requireSecret = (mech: SaslMechanism, value: string | undefined, what: string): string => {
  if (value === undefined || value === '') throw new InputError(what, `${mech} needs a ${what}`);
  return assertSafeField(what, value);
};

export const createSaslClient = (
  mechanism: SaslMechanism,
  credentials: SaslCredentials,
  options: { initialResponse?: boolean } = {},
): SaslClient => {
  const user = assertSafeField('user', credentials.user);
  const useInitial = options.initialResponse ?? true;
  const payloads: string[] = [];
  const secretStep = (plain: string): SaslStep => {
    const response = b64(plain);
    payloads.push(plain, response);
    return { response, display: MASK, secret: true };
  };
  const baseSecrets = (): string[] => [
    ...secretForms(credentials.password ?? ''),
    ...secretForms(credentials.token ?? ''),
    ...payloads.flatMap((p) => (p === '' ? [] : [p])),
  ];

  switch (mechanism) {
    case 'PLAIN': {
      const password = requireSecret(mechanism, credentials.password, 'password');
      const message = `${credentials.authzid ?? ''}\0${user}\0${password}`;
      return {
        mechanism,
        initial: () => (useInitial ? secretStep(message) : undefined),
        respond: () => secretStep(message),
        secrets: baseSecrets,
      };
    }
    case 'LOGIN': {
      const password = requireSecret(mechanism, credentials.password, 'password');
      let asked = 0;
      return {
        mechanism,
        initial: () => undefined,
        // Servers word the prompts differently ("Username:", "User Name"), so go by order, not text.
        respond: () => {
          asked += 1;
          if (asked === 1) return { response: b64(user), display: b64(user), secret: false };
          return secretStep(password);
        },
        secrets: baseSecrets,
      };
    }
    case 'CRAM-MD5': {
      const password = requireSecret(mechanism, credentials.password, 'password');
      return {
        mechanism,
        initial: () => undefined,
        respond: (challenge) => {
          const decoded = Buffer.from(challenge.trim(), 'base64').toString('latin1');
          const digest = createHmac('md5', password).update(decoded, 'latin1').digest('hex');
          return secretStep(`${user} ${digest}`);
        },
        secrets: baseSecrets,
      };
    }
    case 'XOAUTH2': {
      const token = requireSecret(mechanism, credentials.token ?? credentials.password, 'token');
      const message = `user=${user}\x01auth=Bearer ${token}\x01\x01`;
      let sent = false;
      return {
        mechanism,
        initial: () => {
          if (!useInitial) return undefined;
          sent = true;
          return secretStep(message);
        },
        // After a failure the server sends a base64 JSON error as a challenge; the client answers
        // with an empty line to get the final 535.
        respond: () => {
          if (sent) return { response: '', display: '', secret: false };
          sent = true;
          return secretStep(message);
        },
        secrets: () => [...baseSecrets(), ...secretForms(token)],
      };
    }
  }
};

/** Picks the strongest mechanism both sides support, given the server's list. */
export const strongestMechanism = (
  offered: readonly string[],
  credentials: SaslCredentials,
): SaslMechanism | undefined => {
  const upper = offered.map((m) => m.toUpperCase());
  const preference: SaslMechanism[] = [
    ...(credentials.token ? (['XOAUTH2'] as const) : []),
    ...(credentials.password ? (['CRAM-MD5', 'PLAIN', 'LOGIN'] as const) : []),
  ];
  return preference.find((m) => upper.includes(m));
};

/**
 * The secret inside a SASL payload someone typed by hand: the password of a PLAIN message
 * ("authzid\0user\0password"), the token of an XOAUTH2 one. Used by the manual console, where the
 * user builds the payload and we only see it on its way out.
 */
export const secretsInPayload = (base64: string): string[] => {
  const decoded = decodeBase64Text(base64);
  if (decoded === undefined || decoded === '') return secretForms(base64);
  const parts = decoded.split('\0');
  const bearer = decoded
    .split('\x01')
    .find((p) => p.startsWith('auth=Bearer '))
    ?.slice('auth=Bearer '.length);
  const inner = parts.length === 3 ? parts[2]! : (bearer ?? decoded);
  return [...secretForms(base64), ...secretForms(decoded), ...secretForms(inner)];
};

export type PayloadIssue = 'trailing-newline' | 'missing-leading-nul' | 'not-base64' | 'plain-text';

/**
 * The mistakes people make when they base64-encode credentials by hand: `echo` without -n (a
 * newline inside the payload), AUTH PLAIN without the leading NUL ("user\0pass"), text that is not
 * base64, or the password typed in clear. Judged on the typed payload, before it is masked.
 */
export const payloadIssues = (mechanism: string, payload: string): PayloadIssue[] => {
  const text = payload.trim();
  if (text === '' || text === '=' || text === '*') return [];
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(text) || text.length % 4 !== 0) {
    return [/[^A-Za-z0-9+/=]/.test(text) ? 'plain-text' : 'not-base64'];
  }
  const decoded = Buffer.from(text, 'base64').toString('latin1');
  const issues: PayloadIssue[] = [];
  // Words like "password" are valid base64 too; what they decode to is not text.
  const strange = decoded
    .replace(/[\0\r\n]/g, '')
    .split('')
    .filter((c) => c < ' ' || c > '~').length;
  if (strange > decoded.length / 3) return ['plain-text'];
  if (/\r?\n$/.test(decoded)) issues.push('trailing-newline');
  if (mechanism.toUpperCase() === 'PLAIN' && (decoded.match(/\0/g) ?? []).length === 1)
    issues.push('missing-leading-nul');
  return issues;
};
