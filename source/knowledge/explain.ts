// `mailmedic explain`: recognise whatever a user pastes (a code, an enhanced code, a reply line,
// a multi-line reply, a log line, a POP3 or IMAP response, a DNS outcome, a capability keyword)
// and gather everything the knowledge base says about it.
import {
  dnsOutcome,
  dnsOutcomeName,
  imapCapability,
  pop3Capability,
  smtpExtension,
} from './capability-lookup.js';
import {
  imapResponseCode,
  parseImapLine,
  parsePop3Line,
  pop3ResponseCode,
} from './mailbox-lookup.js';
import { IMAP_STATUS, IMAP_UNTAGGED_DATA } from './imap-codes.js';
import { POP3_STATUS } from './pop3-codes.js';
import type { EnhancedCodeExplanation, SmtpCodeExplanation } from './smtp-lookup.js';
import { enhancedCode, explainSmtpCode } from './smtp-lookup.js';
import type { Extraction, LayerSource, ReplyLayer, SmtpStage } from './extract.js';
import { MAX_INPUT, extractReplies } from './extract.js';
import { mailOperator } from './mail-operators.js';
import { replyLine } from './text.js';
import type { CapabilityEntry, DnsOutcomeEntry, KnowledgeEntry, VendorPattern } from './types.js';
import { identifyVendors, vendorPattern } from './vendor-lookup.js';

export type ExplanationKind =
  | 'smtp-code'
  | 'enhanced-code'
  | 'smtp-reply'
  | 'pop3'
  | 'imap'
  | 'dns'
  | 'capability'
  | 'text'
  | 'unknown';

export interface Pop3Explanation {
  /** Absent when only a bare response code was given ("[IN-USE]"). */
  status?: '+OK' | '-ERR';
  statusEntry?: KnowledgeEntry;
  code?: string;
  codeEntry?: KnowledgeEntry;
  text: string;
}

export interface ImapExplanation {
  /** "*" untagged, "+" continuation, otherwise the client's tag; absent for a bare code. */
  tag?: string;
  status?: string;
  statusEntry?: KnowledgeEntry;
  code?: string;
  codeEntry?: KnowledgeEntry;
  /** Untagged data keyword ("EXISTS") and its one-line meaning. */
  data?: string;
  dataMeaning?: string;
  text: string;
}

export interface CapabilityExplanation {
  protocol: 'smtp' | 'pop3' | 'imap';
  name: string;
  entry: CapabilityEntry;
}

/** One reply found in the pasted text: the reply that matters, or a wrapper around it. */
export interface LayerExplanation {
  /** "reply" for the innermost reply (the one that matters), "wrapper" for each layer around it. */
  role: 'reply' | 'wrapper';
  code?: number;
  enhanced?: string;
  text: string;
  source: LayerSource;
  /** What this layer is, in one sentence. */
  about: string;
  basic?: SmtpCodeExplanation;
  enhancedEntry?: EnhancedCodeExplanation;
  vendor: VendorPattern[];
}

/** What the wrapper or log says around the reply. */
export interface ReplyContext {
  /** The remote host named by the wrapper. */
  host?: string;
  /** Who runs that host, from its name or a marker in the reply ("Gmail"). */
  operator?: string;
  /** The SMTP step the reply answered. */
  stage?: SmtpStage;
  logStatus?: Extraction['logStatus'];
  /** A DSN Status: field or a log's dsn= value. */
  dsnStatus?: string;
}

export interface Explanation {
  /** What was given, unchanged (escape it before display). */
  input: string;
  kind: ExplanationKind;
  basic?: SmtpCodeExplanation;
  enhanced?: EnhancedCodeExplanation;
  /** The SMTP reply text, continuation lines joined, repeated enhanced codes removed. */
  replyText?: string;
  vendor: VendorPattern[];
  pop3?: Pop3Explanation;
  imap?: ImapExplanation;
  dns?: DnsOutcomeEntry;
  capabilities: CapabilityExplanation[];
  /** Every reply found, outermost first; the last is the one explained above. Empty for codes. */
  layers: LayerExplanation[];
  context: ReplyContext;
  /** Observations that do not belong to one entry: retry advice, mismatches, cautions. */
  notes: string[];
}

export const isExplained = (explanation: Explanation): boolean => explanation.kind !== 'unknown';

const empty = (input: string, kind: ExplanationKind): Explanation => ({
  input,
  kind,
  vendor: [],
  capabilities: [],
  layers: [],
  context: {},
  notes: [],
});

const SMTP_LINE = /^([2-5]\d\d)(?:([ -])(.*))?$/s;
/** An enhanced code on its own, not part of a dotted number such as an IP address. */
const EMBEDDED_ENHANCED = /(?<![\d.])([245]\.\d{1,3}\.\d{1,3})(?![\d.])/;
const BARE_ENHANCED = /^[245xX]\.\d{1,3}\.\d{1,3}$/;
const PREFIXED = /^(dns|smtp|ehlo|esmtp|pop3|pop|capa|imap)\s*:\s*(\S.*)$/i;
const KEYWORD = /^\[?[A-Za-z0-9][A-Za-z0-9=+./_-]*\*?\]?$/;

/** Parses what a user pastes and explains it. Never throws. */
export const explain = (input: string): Explanation => {
  try {
    return explainUnsafe(input);
  } catch (error) {
    const result = empty(input, 'unknown');
    result.notes.push(
      `Could not explain this input (${error instanceof Error ? error.message : String(error)}).`,
    );
    return result;
  }
};

const explainUnsafe = (input: string): Explanation => {
  // Every expression below runs over at most MAX_INPUT characters, whatever was pasted.
  const trimmed = input.slice(0, MAX_INPUT).trim();
  if (trimmed === '') return empty(input, 'unknown');
  const lines = trimmed
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
  const first = lines[0] ?? '';

  const prefixed = PREFIXED.exec(trimmed);
  if (prefixed) {
    const rest = (prefixed[2] ?? '').trim();
    const result = explainPrefixed(input, (prefixed[1] ?? '').toLowerCase(), rest);
    // "imap: S: * BYE ..." is a log line, not a capability question: read it as one.
    if (result.kind !== 'unknown' || !/\s/.test(rest)) return result;
  }

  if (/^\d{3}$/.test(trimmed)) return explainBareCode(input, Number(trimmed));
  if (BARE_ENHANCED.test(trimmed)) return explainBareEnhanced(input, trimmed);
  if (!SMTP_LINE.test(first)) {
    if (parsePop3Line(first)) return explainPop3(input, first, trimmed);
    const imap = parseImapLine(first);
    if (imap && (imap.status || imap.data || imap.tag === '+'))
      return explainImap(input, first, trimmed);
    if (lines.length === 1 && KEYWORD.test(trimmed)) {
      const keyword = explainKeyword(input, trimmed);
      if (keyword) return keyword;
    }
  }
  const extraction = extractReplies(trimmed);
  if (extraction.layers.length > 0) return explainExtracted(input, extraction);
  const mailbox = embeddedMailboxLine(trimmed);
  if (mailbox) {
    const result =
      mailbox.protocol === 'pop3'
        ? explainPop3(input, mailbox.line)
        : explainImap(input, mailbox.line);
    result.notes.unshift(
      `Found the ${mailbox.protocol.toUpperCase()} response "${mailbox.line.slice(0, 80)}" inside the pasted text (a client's log).`,
    );
    return result;
  }
  return explainFreeText(input, trimmed, extraction);
};

const explainPrefixed = (input: string, prefix: string, rest: string): Explanation => {
  if (prefix === 'dns') {
    const name = dnsOutcomeName(rest);
    if (!name) {
      const result = empty(input, 'unknown');
      result.notes.push(
        `"${rest}" is not a DNS outcome; try nxdomain, nodata, servfail, refused, timeout, noerror.`,
      );
      return result;
    }
    return { ...empty(input, 'dns'), dns: dnsOutcome(name) };
  }
  const protocol =
    prefix === 'imap'
      ? 'imap'
      : prefix === 'pop3' || prefix === 'pop' || prefix === 'capa'
        ? 'pop3'
        : 'smtp';
  const lookup =
    protocol === 'imap' ? imapCapability : protocol === 'pop3' ? pop3Capability : smtpExtension;
  const entry = lookup(rest);
  const result = empty(input, entry ? 'capability' : 'unknown');
  if (entry) result.capabilities.push({ protocol, name: rest.split(/\s+/)[0] ?? rest, entry });
  else
    result.notes.push(`"${rest}" is not a ${protocol.toUpperCase()} capability this tool knows.`);
  return result;
};

const retryNote = (code: number): string | undefined => {
  const cls = Math.floor(code / 100);
  if (cls === 4)
    return 'Temporary (4xx): a sending mail server keeps the message queued and retries; by hand, try again later.';
  if (cls === 5)
    return 'Permanent (5xx): sending the same thing again will fail again; something has to change first.';
  return undefined;
};

const explainBareCode = (input: string, code: number): Explanation => {
  const basic = explainSmtpCode(code);
  if (!basic) {
    const result = empty(input, 'unknown');
    result.notes.push(`${code} is not an SMTP reply code: they run from 200 to 599.`);
    return result;
  }
  const result: Explanation = { ...empty(input, 'smtp-code'), basic };
  pushDefined(result.notes, retryNote(code));
  if (code === 550 || code === 554 || code === 450 || code === 451) {
    result.notes.push(
      "This code covers many causes; paste the whole reply line to get the enhanced code and the server's own explanation.",
    );
  }
  return result;
};

const explainBareEnhanced = (input: string, text: string): Explanation => {
  const enhanced = enhancedCode(text);
  return { ...empty(input, 'enhanced-code'), ...(enhanced ? { enhanced } : {}) };
};

const SOURCE_ABOUT: Record<LayerSource, string> = {
  start: 'the reply as pasted',
  'host-said': 'the remote server\'s reply, quoted by the sending server ("host ... said:")',
  'refused-to-talk':
    'the remote server refused the connection at its greeting ("refused to talk to me"), before any message was sent',
  'exchange-remote-server': "Exchange's own status line around the remote server's reply",
  'diagnostic-code': "the remote server's reply as the bounce's Diagnostic-Code gives it",
  'exim-smtp-error':
    'the remote server\'s reply, quoted by Exim ("SMTP error from remote mail server")',
  'qmail-remote-host-said': 'the remote server\'s reply, quoted by qmail ("Remote host said:")',
  embedded: 'a reply found inside the pasted text',
};

const WRAPPER_ABOUT: Partial<Record<LayerSource, string>> = {
  'exchange-remote-server':
    "Exchange's wrapper: its own status for the failed delivery. The remote server's reply inside it is what to act on.",
};

const explainLayer = (layer: ReplyLayer, role: 'reply' | 'wrapper'): LayerExplanation => {
  const about =
    role === 'wrapper'
      ? (WRAPPER_ABOUT[layer.source] ??
        "A wrapper around the inner reply: the sending side's own summary; the inner reply says why.")
      : SOURCE_ABOUT[layer.source];
  const basic = layer.code !== undefined ? explainSmtpCode(layer.code) : undefined;
  const enhancedEntry = layer.enhanced ? enhancedCode(layer.enhanced) : undefined;
  const line = (text: string): string =>
    replyLine(layer.code ?? 0, layer.enhanced, text).replace(/^0 /, '');
  const vendor =
    role === 'reply'
      ? identifyVendors(line(layer.text), line(layer.unwrapped), line(glueSplitWords(layer.text)))
      : layer.source === 'exchange-remote-server'
        ? [vendorPattern('microsoft-exchange-wrapper')].filter((p) => p !== undefined)
        : [];
  return {
    role,
    ...(layer.code !== undefined ? { code: layer.code } : {}),
    ...(layer.enhanced !== undefined ? { enhanced: layer.enhanced } : {}),
    text: layer.text,
    source: layer.source,
    about,
    ...(basic ? { basic } : {}),
    ...(enhancedEntry ? { enhancedEntry } : {}),
    vendor,
  };
};

/**
 * Some tools wrap at a fixed column by inserting a space mid-word ("Pleas e contact", "i s on").
 * For matching only, glue a lone lower-case letter (other than the words "a" and "i") back on.
 */
const glueSplitWords = (text: string): string =>
  text.replace(/(?<=[A-Za-z]) (?=[b-hj-z](?=[\s.,;:]|$))/g, '');

const STAGE_NOTES: Record<SmtpStage, string> = {
  connection:
    'It came at the connection or greeting: the receiving side refused the sending IP itself, whatever the message.',
  'HELO/EHLO':
    'It answered HELO/EHLO: the name the sending server introduced itself with was refused.',
  STARTTLS: 'It answered STARTTLS: the TLS set-up failed or was refused.',
  AUTH: 'It answered AUTH: the sign-in failed.',
  'MAIL FROM': 'It answered MAIL FROM: the sender address or the sending host was refused.',
  'RCPT TO':
    'It answered RCPT TO: this recipient was refused (others in the same message may have been accepted).',
  DATA: 'It answered DATA: the server would not take a message at all.',
  'end of DATA':
    'It answered the end of DATA: the server read the whole message and refused it (content, size or authentication).',
};

const explainExtracted = (input: string, extraction: Extraction): Explanation => {
  const layers = extraction.layers;
  const inner = layers[layers.length - 1] as ReplyLayer;
  const result: Explanation = { ...empty(input, 'smtp-reply') };
  result.layers = layers.map((layer, index) =>
    explainLayer(layer, index === layers.length - 1 ? 'reply' : 'wrapper'),
  );
  const reply = result.layers[result.layers.length - 1] as LayerExplanation;
  if (inner.code === undefined) result.kind = 'text';
  if (reply.basic) result.basic = reply.basic;
  if (inner.code !== undefined) attachEnhanced(result, inner.code, inner.enhanced);
  else if (reply.enhancedEntry) result.enhanced = reply.enhancedEntry;
  result.replyText = inner.text;
  result.vendor = reply.vendor;

  const operator = mailOperator(extraction.host, inner.text);
  result.context = {
    ...(extraction.host ? { host: extraction.host } : {}),
    ...(operator ? { operator } : {}),
    ...(extraction.stage ? { stage: extraction.stage } : {}),
    ...(extraction.logStatus ? { logStatus: extraction.logStatus } : {}),
    ...(extraction.dsnStatus ? { dsnStatus: extraction.dsnStatus } : {}),
  };

  const codeText = [inner.code, inner.enhanced].filter((part) => part !== undefined).join(' ');
  const separateLines = layers.length > 1 && inner.source === 'start' && extraction.mixedCodes;
  if (layers.length > 1 && !separateLines) {
    result.notes.push(
      `The pasted text holds ${layers.length} replies, one inside the other; the innermost ("${codeText}") is the remote server's own answer and is explained first. The outer ${layers.length === 2 ? 'one wraps' : 'ones wrap'} it.`,
    );
  } else if (inner.source !== 'start') {
    result.notes.push(
      `Found the reply "${codeText}" inside the pasted text: ${SOURCE_ABOUT[inner.source]}.`,
    );
  }
  if (extraction.host)
    result.notes.push(
      `The reply came from ${extraction.host}${operator ? ` (${operator}'s servers)` : ''}.`,
    );
  else if (operator) result.notes.push(`The reply carries ${operator}'s marks.`);
  if (extraction.stage) result.notes.push(STAGE_NOTES[extraction.stage]);
  if (extraction.logStatus === 'deferred')
    result.notes.push('The log says deferred: the message is still queued and will be retried.');
  if (extraction.logStatus === 'bounced' || extraction.logStatus === 'expired')
    result.notes.push('The log says the message bounced: it was returned to the sender.');
  if (separateLines && extraction.mixedCodes)
    result.notes.push(
      `The lines carry different codes (${extraction.mixedCodes.join(', ')}); in a real reply every line has the same code, so this is more than one reply or a broken server. The last one is explained.`,
    );
  if (inner.continued && inner.code !== undefined)
    result.notes.push(
      `"${inner.code}-" means more lines follow: this is part of a multi-line reply, and the last line ("${inner.code} ...") may hold more of the text.`,
    );
  if (inner.code === undefined && inner.enhanced)
    result.notes.push(
      `Only an enhanced status code (${inner.enhanced}) was given for this recipient, with no three-digit reply code: the sending system wrote it, not a remote server.`,
    );
  if (inner.code !== undefined) finishSmtp(result, inner.code);
  else for (const pattern of result.vendor) pushDefined(result.notes, pattern.caution);
  if (result.vendor.length > 0 && (result.basic || result.enhanced))
    result.notes.push(
      `What ${result.vendor[0]?.vendor} means by this reply comes first; the generic meaning of the code${result.basic && result.enhanced ? 's' : ''} after it is what the standards say, which a provider may use for its own purpose.`,
    );
  return result;
};

/** "... S: 2 NO [AUTHENTICATIONFAILED] ..." or "... -ERR ..." inside a client's log line. */
const EMBEDDED_POP3 = /(?:^|[\s:>'"(])(-ERR|\+OK)(?=[\s[]|$)(.*)$/m;
const EMBEDDED_IMAP =
  /(?:^|[\s:>'"(])(?:([A-Za-z]{0,6}\d{1,8}|\*)\s+)?(NO|BAD|BYE|OK|PREAUTH)(\s+\[[A-Z][A-Z0-9-]*(?:\s[^\]]*)?\][^\n]*|\s+[^\n]*)?$/m;

/** Drops a ")" that closes something opened before the response ("... (reason: -ERR x)"). */
const dropUnbalancedParen = (text: string): string => {
  let result = text;
  while (result.endsWith(')') && result.split(')').length > result.split('(').length)
    result = result.slice(0, -1).trimEnd();
  return result;
};

const embeddedMailboxLine = (
  text: string,
): { protocol: 'pop3' | 'imap'; line: string } | undefined => {
  const flat = text.replace(/\\r\\n|\\n/g, '\n');
  const pop3 = EMBEDDED_POP3.exec(flat);
  if (pop3)
    return {
      protocol: 'pop3',
      line: `${pop3[1] ?? ''}${dropUnbalancedParen((pop3[2] ?? '').replace(/['"]+$/, ''))}`.trim(),
    };
  for (const line of flat.split('\n')) {
    const imap = EMBEDDED_IMAP.exec(line);
    if (!imap) continue;
    const tag = imap[1];
    const status = imap[2] ?? '';
    const rest = dropUnbalancedParen((imap[3] ?? '').trim().replace(/['"]+$/, ''));
    const bracketed = rest.startsWith('[');
    // Plain English has "OK" and "NO" in it: take a status only with a tag or a response code.
    if (!tag && !bracketed) continue;
    if ((status === 'OK' || status === 'PREAUTH') && !bracketed) continue;
    return { protocol: 'imap', line: `${tag ?? '*'} ${status}${rest ? ` ${rest}` : ''}` };
  }
  return undefined;
};

const attachEnhanced = (
  result: Explanation,
  code: number,
  enhancedText: string | undefined,
): void => {
  if (!enhancedText) return;
  const enhanced = enhancedCode(enhancedText);
  if (!enhanced) return;
  result.enhanced = enhanced;
  const enhancedClass = Number(enhancedText[0]);
  const basicClass = Math.floor(code / 100);
  if (enhancedClass !== basicClass) {
    result.notes.push(
      `The enhanced code's class (${enhancedClass}) does not match the reply code's class (${basicClass}); RFC 3463 requires them to agree, and clients act on the reply code.`,
    );
  }
};

const finishSmtp = (result: Explanation, code: number): void => {
  pushDefined(result.notes, retryNote(code));
  for (const pattern of result.vendor) pushDefined(result.notes, pattern.caution);
  const enhanced = result.enhanced;
  if (enhanced && !enhanced.registered) {
    const owner = result.vendor[0]?.vendor;
    result.notes.push(
      owner
        ? `${enhanced.code} is not in the IANA registry: it is ${owner}'s own code, explained under "Matches".`
        : `${enhanced.code} is not in the IANA registry: it is the server's own code, so its text matters most.`,
    );
  }
};

const explainPop3 = (input: string, line: string, context = line): Explanation => {
  const parsed = parsePop3Line(line);
  const result = empty(input, 'pop3');
  if (!parsed) return result;
  const statusEntry = POP3_STATUS.find((entry) => entry.code === parsed.status);
  const codeEntry = parsed.code ? pop3ResponseCode(parsed.code) : undefined;
  result.pop3 = {
    status: parsed.status,
    text: parsed.text,
    ...(statusEntry ? { statusEntry } : {}),
    ...(parsed.code ? { code: parsed.code } : {}),
    ...(codeEntry ? { codeEntry } : {}),
  };
  if (parsed.code && !codeEntry)
    result.notes.push(
      `[${parsed.code}] is not a registered POP3 response code; the text is the server's own explanation.`,
    );
  if (parsed.status === '-ERR' && !parsed.code) {
    result.notes.push(
      'Plain -ERR says only that the command failed; servers that announce RESP-CODES add a bracketed code that says why.',
    );
  }
  result.vendor = identifyVendors(line, context);
  return result;
};

const explainImap = (input: string, line: string, context = line): Explanation => {
  const parsed = parseImapLine(line);
  const result = empty(input, 'imap');
  if (!parsed) return result;
  const imap: ImapExplanation = { tag: parsed.tag, text: parsed.text };
  if (parsed.status) {
    imap.status = parsed.status;
    const statusEntry = IMAP_STATUS.find((entry) => entry.code === parsed.status);
    if (statusEntry) imap.statusEntry = statusEntry;
  }
  if (parsed.code) {
    imap.code = parsed.code;
    const codeEntry = imapResponseCode(parsed.code);
    if (codeEntry) imap.codeEntry = codeEntry;
    else
      result.notes.push(
        `[${parsed.code}] is not a response code this tool knows; the text is the server's own explanation.`,
      );
  }
  if (parsed.data) {
    imap.data = parsed.data;
    imap.dataMeaning = IMAP_UNTAGGED_DATA[parsed.data] ?? 'untagged data from the server';
  }
  const capabilityList =
    parsed.data === 'CAPABILITY'
      ? parsed.text.split(/\s+/).slice(1)
      : parsed.code === 'CAPABILITY'
        ? (parsed.codeText ?? '').split(/\s+/).slice(1)
        : [];
  for (const name of capabilityList) {
    const entry = imapCapability(name);
    if (entry) result.capabilities.push({ protocol: 'imap', name, entry });
  }
  if (parsed.tag === '+') {
    imap.dataMeaning =
      'continuation request: the server waits for more data (a literal, or the next AUTHENTICATE step)';
  } else if (parsed.tag === '*') {
    if (parsed.status === 'OK' || parsed.status === 'NO' || parsed.status === 'BAD') {
      result.notes.push(
        "Untagged (*): information from the server, not the end of a command; the tagged line with the command's own tag ends it.",
      );
    }
  } else {
    result.notes.push(
      `Tagged (${parsed.tag}): this line ends the client command that carried tag ${parsed.tag}.`,
    );
  }
  result.imap = imap;
  result.vendor = identifyVendors(line, context);
  return result;
};

/** A bare word: a capability of some protocol, a POP3/IMAP response code, or a DNS outcome. */
const explainKeyword = (input: string, word: string): Explanation | undefined => {
  const bracketed = word.startsWith('[') && word.endsWith(']');
  const name = word.replace(/^\[|\]$/g, '');
  const result = empty(input, 'capability');
  const dnsName = bracketed ? undefined : dnsOutcomeName(name);
  if (dnsName && /^[A-Za-z]+$/.test(name))
    return { ...empty(input, 'dns'), dns: dnsOutcome(dnsName) };

  const pop3Code = pop3ResponseCode(name);
  const imapCode = imapResponseCode(name);
  if (pop3Code && pop3Code.code === name.toUpperCase())
    result.pop3 = { code: pop3Code.code, codeEntry: pop3Code, text: '' };
  if (imapCode) result.imap = { code: imapCode.code, codeEntry: imapCode, text: '' };
  if (!bracketed) {
    const smtp = smtpExtension(name);
    const pop3 = pop3Capability(name);
    const imap = imapCapability(name);
    if (smtp) result.capabilities.push({ protocol: 'smtp', name, entry: smtp });
    if (pop3) result.capabilities.push({ protocol: 'pop3', name, entry: pop3 });
    if (imap) result.capabilities.push({ protocol: 'imap', name, entry: imap });
  }
  if (result.capabilities.length === 0) {
    if (result.pop3 && !result.imap) result.kind = 'pop3';
    else if (result.imap && !result.pop3) result.kind = 'imap';
    else if (!result.pop3 && !result.imap) return undefined;
  }
  const meanings = result.capabilities.length + (result.pop3 ? 1 : 0) + (result.imap ? 1 : 0);
  if (meanings > 1)
    result.notes.push(
      `"${name}" means something in more than one protocol; each meaning is shown.`,
    );
  return result;
};

const explainFreeText = (input: string, text: string, extraction: Extraction): Explanation => {
  const vendor = identifyVendors(text, text.replace(/\s*\n\s*/g, ' '));
  const enhancedText = extraction.dsnStatus ?? EMBEDDED_ENHANCED.exec(text)?.[1];
  if (vendor.length === 0 && !enhancedText) {
    const result = empty(input, 'unknown');
    result.notes.push(
      'No reply code, enhanced status code or known server message was found in this text.',
    );
    return result;
  }
  const result: Explanation = { ...empty(input, 'text'), vendor };
  const operator = mailOperator(extraction.host, text);
  result.context = {
    ...(extraction.host ? { host: extraction.host } : {}),
    ...(operator ? { operator } : {}),
    ...(extraction.logStatus ? { logStatus: extraction.logStatus } : {}),
    ...(extraction.dsnStatus ? { dsnStatus: extraction.dsnStatus } : {}),
  };
  if (enhancedText) {
    const enhanced = enhancedCode(enhancedText);
    if (enhanced) {
      result.enhanced = enhanced;
      result.notes.push(
        `Found the enhanced status code ${enhancedText} in the text (a bounce's Status: field or a log's dsn=).`,
      );
    }
  }
  if (extraction.logStatus === 'deferred')
    result.notes.push('The log says deferred: the message is still queued and will be retried.');
  for (const pattern of vendor) pushDefined(result.notes, pattern.caution);
  return result;
};

const pushDefined = (list: string[], value: string | undefined): void => {
  if (value !== undefined) list.push(value);
};
