// What a CAPABILITY list says the server can do (RFC 3501 7.2.1, RFC 9051 7.2.2 and extensions).
// It arrives as "* CAPABILITY ..." or inside a "[CAPABILITY ...]" response code.

export interface ImapCapabilities {
  /** Every capability as sent, upper-cased. */
  list: string[];
  imap4rev1: boolean;
  imap4rev2: boolean;
  startTls: boolean;
  /** RFC 3501 6.2.3: LOGIN is refused (typically until TLS). */
  loginDisabled: boolean;
  /** AUTH= mechanisms, upper-cased. */
  auth: string[];
  /** RFC 4959: an initial response may go with AUTHENTICATE. */
  saslIr: boolean;
  /** RFC 7888: non-synchronising literals of any size. */
  literalPlus: boolean;
  /** RFC 7888: non-synchronising literals up to 4096 bytes (implied by IMAP4rev2). */
  literalMinus: boolean;
  idle: boolean;
  uidPlus: boolean;
  enable: boolean;
  utf8Accept: boolean;
}

export const parseCapabilityList = (words: readonly string[]): ImapCapabilities => {
  const list = [...new Set(words.filter(Boolean).map((w) => w.toUpperCase()))];
  const has = (name: string): boolean => list.includes(name);
  return {
    list,
    imap4rev1: has('IMAP4REV1'),
    imap4rev2: has('IMAP4REV2'),
    startTls: has('STARTTLS'),
    loginDisabled: has('LOGINDISABLED'),
    auth: list.filter((c) => c.startsWith('AUTH=')).map((c) => c.slice(5)),
    saslIr: has('SASL-IR'),
    literalPlus: has('LITERAL+'),
    literalMinus: has('LITERAL-') || has('IMAP4REV2'),
    idle: has('IDLE'),
    uidPlus: has('UIDPLUS'),
    enable: has('ENABLE'),
    utf8Accept: has('UTF8=ACCEPT') || has('UTF8=ONLY'),
  };
};
