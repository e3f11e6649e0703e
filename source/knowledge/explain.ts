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
import { joinReplyText, replyLine } from './text.js';
import type { CapabilityEntry, DnsOutcomeEntry, KnowledgeEntry, VendorPattern } from './types.js';
import { matchVendorPatterns } from './vendor-lookup.js';

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
  /** Observations that do not belong to one entry: retry advice, mismatches, cautions. */
  notes: string[];
}

export const isExplained = (explanation: Explanation): boolean => explanation.kind !== 'unknown';

const empty = (input: string, kind: ExplanationKind): Explanation => ({
  input,
  kind,
  vendor: [],
  capabilities: [],
  notes: [],
});

const SMTP_LINE = /^([2-5]\d\d)(?:([ -])(.*))?$/s;
const ENHANCED_AT_START = /^([245]\.\d{1,3}\.\d{1,3})(?=\s|$)/;
/** A reply inside a log line or bounce: "said: 554 5.7.1 <x>: Relay access denied". */
const EMBEDDED_REPLY = /(?:^|[\s(:;'"=])([2-5]\d\d)[ -]([245]\.\d{1,3}\.\d{1,3})(?=\s|$)/;
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
  const trimmed = input.trim();
  if (trimmed === '') return empty(input, 'unknown');
  const lines = trimmed
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
  const first = lines[0] ?? '';

  const prefixed = PREFIXED.exec(trimmed);
  if (prefixed)
    return explainPrefixed(input, (prefixed[1] ?? '').toLowerCase(), (prefixed[2] ?? '').trim());

  if (/^\d{3}$/.test(trimmed)) return explainBareCode(input, Number(trimmed));
  if (BARE_ENHANCED.test(trimmed)) return explainBareEnhanced(input, trimmed);
  if (SMTP_LINE.test(first)) return explainSmtpLines(input, lines);
  if (parsePop3Line(first)) return explainPop3(input, first);
  const imap = parseImapLine(first);
  if (imap && (imap.status || imap.data || imap.tag === '+')) return explainImap(input, first);
  if (lines.length === 1 && KEYWORD.test(trimmed)) {
    const keyword = explainKeyword(input, trimmed);
    if (keyword) return keyword;
  }
  return explainFreeText(input, trimmed);
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

const explainSmtpLines = (input: string, lines: string[]): Explanation => {
  const replyLines: { code: number; separator: string; text: string }[] = [];
  for (const line of lines) {
    const match = SMTP_LINE.exec(line);
    if (!match) break;
    replyLines.push({ code: Number(match[1]), separator: match[2] ?? ' ', text: match[3] ?? '' });
  }
  const code = replyLines[0]?.code ?? 0;
  const result: Explanation = { ...empty(input, 'smtp-reply') };
  const basic = explainSmtpCode(code);
  if (basic) result.basic = basic;
  const codes = new Set(replyLines.map((line) => line.code));
  if (codes.size > 1) {
    result.notes.push(
      `The lines carry different codes (${[...codes].join(', ')}); in a real reply every line has the same code, so this is more than one reply or a broken server. The first code is explained.`,
    );
  }
  const last = replyLines[replyLines.length - 1];
  if (last && last.separator === '-') {
    result.notes.push(
      `"${code}-" means more lines follow: this is part of a multi-line reply, and the last line ("${code} ...") may hold more of the text.`,
    );
  }
  if (replyLines.length < lines.length) {
    result.notes.push(
      'Only the leading reply lines were read; the lines after them are not part of this reply.',
    );
  }
  const text = replyLines.map((line) => line.text).join('\n');
  const enhancedText = ENHANCED_AT_START.exec(replyLines[0]?.text.trim() ?? '')?.[1];
  attachEnhanced(result, code, enhancedText);
  result.replyText = joinReplyText(text);
  result.vendor = vendorMatches(replyLine(code, enhancedText, text), input);
  finishSmtp(result, code);
  return result;
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

const vendorMatches = (...texts: string[]): VendorPattern[] => {
  const seen = new Set<string>();
  const found: VendorPattern[] = [];
  for (const text of texts) {
    for (const pattern of matchVendorPatterns(text)) {
      if (seen.has(pattern.id)) continue;
      seen.add(pattern.id);
      found.push(pattern);
    }
  }
  return found;
};

const explainPop3 = (input: string, line: string): Explanation => {
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
  result.vendor = vendorMatches(input);
  return result;
};

const explainImap = (input: string, line: string): Explanation => {
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
  result.vendor = vendorMatches(input);
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

const explainFreeText = (input: string, text: string): Explanation => {
  const embedded = EMBEDDED_REPLY.exec(text);
  if (embedded) {
    const code = Number(embedded[1]);
    const enhancedText = embedded[2];
    const after = text.slice((embedded.index ?? 0) + embedded[0].length).trim();
    const result: Explanation = { ...empty(input, 'smtp-reply') };
    const basic = explainSmtpCode(code);
    if (basic) result.basic = basic;
    attachEnhanced(result, code, enhancedText);
    result.replyText = joinReplyText(after);
    result.vendor = vendorMatches(replyLine(code, enhancedText, after), input);
    result.notes.push(
      `Found the SMTP reply "${code} ${enhancedText ?? ''}" inside the pasted text (a log line or a bounce).`,
    );
    finishSmtp(result, code);
    return result;
  }
  const vendor = vendorMatches(text);
  const enhancedText = EMBEDDED_ENHANCED.exec(text)?.[1];
  if (vendor.length === 0 && !enhancedText) {
    const result = empty(input, 'unknown');
    result.notes.push(
      'No reply code, enhanced status code or known server message was found in this text.',
    );
    return result;
  }
  const result: Explanation = { ...empty(input, 'text'), vendor };
  if (enhancedText) {
    const enhanced = enhancedCode(enhancedText);
    if (enhanced) {
      result.enhanced = enhanced;
      result.notes.push(
        `Found the enhanced status code ${enhancedText} in the text (a bounce's Status: field or a log's dsn=).`,
      );
    }
  }
  for (const pattern of vendor) pushDefined(result.notes, pattern.caution);
  return result;
};

const pushDefined = (list: string[], value: string | undefined): void => {
  if (value !== undefined) list.push(value);
};
