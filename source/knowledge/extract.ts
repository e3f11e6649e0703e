// Finding the reply that matters inside whatever a support engineer pastes: a bounce, an Exchange
// NDR, a Postfix or Exim log line, a mail client's log. Replies nest (an Exchange NDR quotes the
// remote server's reply inside its own 5.x.x wrapper; a Postfix bounce says "host X said: ...");
// the innermost reply is the remote server's own words, the layers around it are explained second.
// Pure and bounded: the input is cut to MAX_INPUT characters before any expression runs over it.

/** What introduced a reply in the pasted text. */
export type LayerSource =
  | 'start'
  | 'host-said'
  | 'refused-to-talk'
  | 'exchange-remote-server'
  | 'diagnostic-code'
  | 'exim-smtp-error'
  | 'qmail-remote-host-said'
  | 'embedded';

export interface ReplyLayer {
  /** The three-digit reply code; absent when only an enhanced code was given ("#5.4.7"). */
  code?: number;
  enhanced?: string;
  /** The reply's own text: continuation prefixes, wrapper tails and log fields removed. */
  text: string;
  /** The same text with line breaks that split a word removed ("accep\nted"), for matching. */
  unwrapped: string;
  source: LayerSource;
  /** "-" when the last line read was a continuation line ("550-..."): more lines were cut off. */
  continued: boolean;
  /** How many reply lines were joined ("550-... 550-... 550 ..." counts three). */
  lines: number;
}

export type SmtpStage =
  | 'connection'
  | 'HELO/EHLO'
  | 'STARTTLS'
  | 'AUTH'
  | 'MAIL FROM'
  | 'RCPT TO'
  | 'DATA'
  | 'end of DATA';

export interface Extraction {
  /** Outermost first; the last one is the reply that matters. */
  layers: ReplyLayer[];
  /** The remote host named by the wrapper ("host mx.example.com[192.0.2.1] said:"). */
  host?: string;
  /** The SMTP step the reply answered, when the wrapper or log says so. */
  stage?: SmtpStage;
  /** A log's delivery status: Postfix status=bounced, Exim "**" (failed) or "==" (deferred). */
  logStatus?: 'bounced' | 'deferred' | 'sent' | 'expired';
  /** A DSN Status: field or a log's dsn= value. */
  dsnStatus?: string;
  /** Reply lines at the start of lines carried different codes (more than one reply pasted). */
  mixedCodes?: number[];
}

/** Long enough for a whole bounce; anything longer is cut, so every expression runs bounded. */
export const MAX_INPUT = 64 * 1024;
/**
 * Reply starts read per section, and layers kept in all: a bounce has a handful; a paste with
 * thousands (a whole transcript, or noise) is cut so the work stays linear in the input.
 */
const MAX_OCCURRENCES = 200;
const MAX_LAYERS = 40;

const ENH = String.raw`[245]\.\d{1,3}\.\d{1,3}`;
/**
 * A reply start: a code whose class is 2-5, then a space or hyphen; optionally an enhanced code
 * (Exchange sometimes writes it "#5.7.1"). The look-behind keeps dotted numbers and longer
 * numbers out ("192.0.2.1", "2024-05-01", "size=550").
 */
const REPLY_START = new RegExp(
  String.raw`(?<![\w.=/%$&+-]|\S#)([2-5]\d\d)(?:([ -])#?(${ENH})(?![\d.]\d)|([ -])(?=\S))`,
  'g',
);
/** An enhanced code alone after "smtp;" (Exchange: "< #5.0.0 smtp; 5.4.7 - Delivery expired"). */
const BARE_ENHANCED_AFTER_SMTP = new RegExp(
  String.raw`(?:smtp;|responded:|response was:|server said:|reply:)\s*(${ENH})(?=[\s-])`,
  'gi',
);

/** Lines that start a new part of a bounce (DSN fields, headers of the returned message). */
const SECTION_LINE =
  /^(?:Diagnostic-Code|Status|Action|Final-Recipient|Original-Recipient|Remote-MTA|Reporting-MTA|Received-From-MTA|Last-Attempt-Date|Arrival-Date|Will-Retry-Until|X-Postfix-[\w-]+|X-Display-Name|Received|Return-Path|From|To|Cc|Subject|Date|Message-I[Dd]|Content-[\w-]+|MIME-Version|DKIM-Signature|Original message headers|Diagnostic information for administrators|Generating server|-{2,}\s*(?:Below this line|The header|Original message))\b/i;

/** Markers after which a reply is expected, each naming the layer it opens. */
const CONTEXTS: [RegExp, LayerSource][] = [
  [/Remote Server returned '?\s*$/i, 'exchange-remote-server'],
  [/\brefused to talk to me:\s*$/i, 'refused-to-talk'],
  [/Remote host said:\s*$/i, 'qmail-remote-host-said'],
  [/\bsaid:\s*$/i, 'host-said'],
  [
    /SMTP error from remote (?:mail )?server\b[^:]*?(?:after [^:]*?(?::<[^>]*>)?(?: SIZE=\d+)?)?:\s*$/i,
    'exim-smtp-error',
  ],
  [/(?:Diagnostic-Code:|#[245]\.\d{1,3}\.\d{1,3})\s*smtp;\s*$/i, 'diagnostic-code'],
];

/** A context that is enough on its own (no enhanced code needed) for a bare code to count. */
const REPLY_CONTEXT = /(?:^|[:;'"(<>#[\]]|\bsaid:|\breason:|\bresponse:|\berror:)\s*$/i;

interface Occurrence {
  index: number;
  end: number;
  code?: number;
  enhanced?: string;
  separator: ' ' | '-';
}

const clean = (text: string): string => text.replace(/[ \t]+/g, ' ').trim();

/** Literal escapes from logs and JSON, quoted-printable soft breaks, quote markers. */
const normalize = (input: string): string[] =>
  input
    .slice(0, MAX_INPUT)
    // Python's smtplib: "(535, b'5.7.8 Username and Password not accepted...')"
    .replace(/\(([2-5]\d\d),\s*b?(['"])/g, '$1 ')
    .replace(/\\r\\n|\\n|\\r/g, '\n')
    .replace(/\\t/g, ' ')
    .replace(/\\"/g, '"')
    .replace(/=\r?\n/g, '')
    .split(/\r\n|\r|\n/)
    .map((line) => line.replace(/^(?:>\s?)+/, '').trim());

/** Splits a pasted bounce into sections at DSN fields and headers, each one flat text. */
const sections = (lines: string[]): string[] => {
  const out: string[] = [];
  let current: string[] = [];
  for (const line of lines) {
    if (SECTION_LINE.test(line) && current.length > 0) {
      out.push(current.join('\n'));
      current = [];
    }
    if (line !== '') current.push(line);
  }
  if (current.length > 0) out.push(current.join('\n'));
  return out;
};

const occurrencesIn = (text: string): Occurrence[] => {
  const found: Occurrence[] = [];
  let previous: Occurrence | undefined;
  REPLY_START.lastIndex = 0;
  for (
    let match = REPLY_START.exec(text);
    match && found.length < MAX_OCCURRENCES;
    match = REPLY_START.exec(text)
  ) {
    const before = text.slice(Math.max(0, match.index - 120), match.index);
    const enhanced = match[3];
    const separator = (match[2] ?? match[4]) === '-' ? '-' : ' ';
    const atLineStart = match.index === 0 || /\n\s*$/.test(before);
    const inContext = REPLY_CONTEXT.test(before) || CONTEXTS.some(([re]) => re.test(before));
    const afterSpace = /(?:^|\s)$/.test(before);
    // A bare code mid-sentence ("in 550 days") is not a reply; one after a colon, a quote or at a
    // line start is, and so is any code followed by an enhanced code.
    // The next line of a reply joined onto one line ("554-a 554-b 554 c") continues it.
    const continues =
      previous?.separator === '-' && previous.code === Number(match[1]) && afterSpace;
    if (!(atLineStart || inContext || continues || (enhanced !== undefined && afterSpace)))
      continue;
    previous = {
      index: match.index,
      end: match.index + match[0].length,
      code: Number(match[1]),
      ...(enhanced ? { enhanced } : {}),
      separator,
    };
    found.push(previous);
  }
  BARE_ENHANCED_AFTER_SMTP.lastIndex = 0;
  for (
    let match = BARE_ENHANCED_AFTER_SMTP.exec(text);
    match;
    match = BARE_ENHANCED_AFTER_SMTP.exec(text)
  ) {
    const start = match.index + match[0].length - (match[1] ?? '').length;
    if (found.some((o) => o.index === start)) continue;
    found.push({
      index: start,
      end: start + (match[1] ?? '').length,
      enhanced: match[1] ?? '',
      separator: ' ',
    });
  }
  return found.sort((a, b) => a.index - b.index);
};

const sourceOf = (before: string, isFirst: boolean): LayerSource => {
  for (const [re, source] of CONTEXTS) if (re.test(before)) return source;
  return (isFirst && before.trim() === '') || /\n\s*$/.test(before) ? 'start' : 'embedded';
};

const STAGES: [RegExp, SmtpStage][] = [
  [
    /\b(?:in reply to|after) end of data\b|after DATA(?: command)?\s*$|in reply to end of DATA/i,
    'end of DATA',
  ],
  // sendmail transcripts quote the command (">>> RCPT To:<...>"; the quote marks are stripped).
  [/\b(?:in reply to|after) (?:pipelined )?RCPT TO\b|^RCPT TO:/im, 'RCPT TO'],
  [/\b(?:in reply to|after) (?:pipelined )?MAIL FROM\b|^MAIL FROM:/im, 'MAIL FROM'],
  [/\b(?:in reply to|after) DATA\b/i, 'DATA'],
  [/\b(?:in reply to|after) (?:EHLO|HELO)\b/i, 'HELO/EHLO'],
  [/\b(?:in reply to|after) STARTTLS\b/i, 'STARTTLS'],
  [/\b(?:in reply to|after) AUTH\b/i, 'AUTH'],
  [/refused to talk to me|after initial connection|\bgreeting\b/i, 'connection'],
];

/** Removes what wrappers and logs put after a reply, and reads the qmail "(#5.1.1)" tail. */
const cleanText = (raw: string): { text: string; trailingEnhanced?: string } => {
  let text = clean(raw);
  text = text.replace(/\s*\((?:in reply to|after) [^()]*\)\s*\)?\s*$/i, '');
  // Postfix smtpd log: "...: Relay access denied; from=<a> to=<b> proto=ESMTP helo=<x>"
  text = text.replace(/;\s*from=<[^>]*>.*$/i, '');
  // Exchange: "...>'" and the old "... ##" / "#SMTP#" tails.
  text = text.replace(/\s*(?:##|#SMTP#)\s*$/i, '');
  let trailingEnhanced: string | undefined;
  const tail = /\s*\(#([245]\.\d{1,3}\.\d{1,3})\)\s*$/.exec(text);
  if (tail) {
    trailingEnhanced = tail[1];
    text = text.slice(0, tail.index);
  }
  text = stripUnbalancedClosers(text);
  text = text.replace(/^[-–]\s+/, '').replace(/^#\s*/, '');
  return { text: text.trim(), ...(trailingEnhanced ? { trailingEnhanced } : {}) };
};

/** Drops trailing ")", ">", "'", '"' and "]" that close something opened before the reply. */
const stripUnbalancedClosers = (text: string): string => {
  let result = text.trimEnd();
  const pairs: Record<string, string> = { ')': '(', '>': '<', ']': '[', '}': '{' };
  for (;;) {
    const last = result.at(-1);
    if (last === undefined) return result;
    if (last === "'" || last === '"') {
      const count = result.split(last).length - 1;
      if (count % 2 === 1) {
        result = result.slice(0, -1).trimEnd();
        continue;
      }
      return result;
    }
    const opener = pairs[last];
    if (!opener) return result;
    const opens = result.split(opener).length - 1;
    const closes = result.split(last).length - 1;
    if (closes > opens) {
      result = result.slice(0, -1).trimEnd();
      continue;
    }
    return result;
  }
};

/** What a wrapper says before the inner reply: "< #5.3.0 smtp;" and the like is dropped. */
const cleanWrapperText = (raw: string): string =>
  stripUnbalancedClosers(
    clean(raw)
      .replace(/\s*<[^<>]*$/, '')
      .replace(/\s*#?[245]\.\d{1,3}\.\d{1,3}\s*smtp;?\s*$/i, '')
      .replace(/\s*smtp;\s*$/i, '')
      .replace(/\s*(?:Remote host said|said|refused to talk to me):?\s*$/i, ''),
  );

const isContinuation = (previous: Occurrence, next: Occurrence): boolean =>
  previous.separator === '-' &&
  next.code === previous.code &&
  (next.enhanced === previous.enhanced ||
    next.enhanced === undefined ||
    previous.enhanced === undefined);

const layersIn = (section: string): { layers: ReplyLayer[]; stages: string } => {
  const occurrences = occurrencesIn(section);
  const layers: ReplyLayer[] = [];
  let stageText = '';
  let index = 0;
  while (index < occurrences.length) {
    const first = occurrences[index] as Occurrence;
    const before = section.slice(0, first.index);
    const pieces: string[] = [];
    let last = first;
    let lines = 1;
    let next = index + 1;
    // Gather continuation lines: "550-5.7.26 a 550-5.7.26 b 550 5.7.26 c" is one reply.
    for (;;) {
      const candidate = occurrences[next];
      pieces.push(section.slice(last.end, candidate ? candidate.index : section.length));
      if (!candidate || !isContinuation(last, candidate)) break;
      last = candidate;
      lines += 1;
      next += 1;
    }
    const following = occurrences[next];
    // Continuation lines that repeat only the enhanced code ("\n5.7.8  https://...").
    const body = first.enhanced
      ? pieces
          .join(' ')
          .replace(new RegExp(`\\n\\s*${first.enhanced.replace(/\./g, '\\.')}\\s+`, 'g'), '\n')
      : pieces.join(' ');
    const source = sourceOf(before.slice(-160), index === 0);
    const nextIsInner = following !== undefined;
    const spaced = body.replace(/\n/g, ' ');
    const cleaned = nextIsInner ? { text: cleanWrapperText(spaced) } : cleanText(spaced);
    const unwrapped = nextIsInner
      ? cleaned.text
      : cleanText(body.replace(/(?<=[A-Za-z])\n(?=[a-z])/g, '').replace(/\n/g, ' ')).text;
    stageText += ` ${body}`;
    const enhanced =
      first.enhanced ?? ('trailingEnhanced' in cleaned ? cleaned.trailingEnhanced : undefined);
    const layer: ReplyLayer = {
      ...(first.code !== undefined ? { code: first.code } : {}),
      ...(enhanced !== undefined ? { enhanced } : {}),
      text: cleaned.text,
      unwrapped,
      source,
      continued: last.separator === '-' && !nextIsInner && first.code !== undefined,
      lines,
    };
    // An enhanced code that only restates the wrapper ("< #5.3.0 smtp; 550 ...") is no layer.
    const duplicate = layers.some(
      (l) => l.code === layer.code && l.enhanced === layer.enhanced && l.text === layer.text,
    );
    if (!duplicate && !(layer.code === undefined && layer.text === '' && nextIsInner))
      layers.push(layer);
    index = next;
  }
  return {
    layers,
    stages: `${section.slice(0, occurrences[0]?.index ?? section.length)} ${stageText}`,
  };
};

const HOST =
  /\bhost\s+([A-Za-z0-9][\w.-]*\.[A-Za-z]{2,}|\[[\d.:a-fA-F]+\])\s*(?:\[[^\]]*\])?\s*(?:said:|refused to talk to me:)|\bH=([A-Za-z0-9][\w.-]*\.[A-Za-z]{2,})\b|\bConnected to (\S+) but\b|\brelay=([A-Za-z0-9][\w.-]*\.[A-Za-z]{2,})\[|\bhost:\s*([A-Za-z0-9][\w.-]*\.[A-Za-z]{2,})|Remote-MTA:\s*dns;\s*([A-Za-z0-9][\w.-]*\.[A-Za-z]{2,})|\bhost\s+([A-Za-z0-9][\w.-]*\.[A-Za-z]{2,})\s+\[[\d.:a-fA-F]+\]/i;

const LOG_STATUS = /\bstatus=(bounced|deferred|sent|expired)\b/i;
const EXIM_FLAG = /(?:^|\s)(\*\*|==)\s+\S+@\S+/;
const DSN_STATUS = new RegExp(String.raw`(?:\bdsn=|^Status:\s*)(${ENH})`, 'im');

/** Finds the replies in a pasted text, outermost first. Never throws on any input. */
export const extractReplies = (input: string): Extraction => {
  const lines = normalize(input);
  const all: ReplyLayer[] = [];
  let stageText = '';
  const startCodes: number[] = [];
  for (const line of lines) {
    const start = /^([2-5]\d\d)[ -]/.exec(line);
    if (start) startCodes.push(Number(start[1]));
  }
  for (const section of sections(lines)) {
    if (all.length >= MAX_LAYERS) break;
    const { layers, stages } = layersIn(section);
    stageText += ` ${stages}`;
    for (const layer of layers) {
      const same = all.find(
        (l) =>
          l.code === layer.code && l.enhanced === layer.enhanced && sameText(l.text, layer.text),
      );
      if (same) {
        // The human part of a bounce and its Diagnostic-Code often carry the same reply; keep
        // the longer copy (one of them may be wrapped or cut).
        if (layer.text.length > same.text.length) {
          same.text = layer.text;
          same.unwrapped = layer.unwrapped;
        }
        continue;
      }
      all.push(layer);
    }
  }
  const flat = lines.join('\n');
  const result: Extraction = { layers: all };
  const host = HOST.exec(flat);
  const hostName = host?.slice(1).find((group) => group !== undefined);
  if (hostName) result.host = hostName.replace(/^\[|\]$/g, '');
  for (const [re, stage] of STAGES)
    if (re.test(stageText)) {
      result.stage = stage;
      break;
    }
  const status = LOG_STATUS.exec(flat)?.[1]?.toLowerCase();
  if (status === 'bounced' || status === 'deferred' || status === 'sent' || status === 'expired')
    result.logStatus = status;
  else {
    const flag = EXIM_FLAG.exec(flat)?.[1];
    if (flag === '**') result.logStatus = 'bounced';
    else if (flag === '==') result.logStatus = 'deferred';
  }
  const dsn = DSN_STATUS.exec(flat)?.[1];
  if (dsn) result.dsnStatus = dsn;
  const distinct = [...new Set(startCodes)];
  if (distinct.length > 1) result.mixedCodes = distinct;
  return result;
};

/** Two copies of one reply, one of them wrapped or cut at a different place. */
const sameText = (a: string, b: string): boolean => {
  const squash = (s: string): string => s.replace(/[\s-]+/g, '').toLowerCase();
  const x = squash(a);
  const y = squash(b);
  return x === y || (x.length > 20 && y.length > 20 && (x.startsWith(y) || y.startsWith(x)));
};
