// Reads the transcript back into replies: SMTP replies (multi-line ones joined) with the command
// each answers, and POP3 and IMAP status responses. Rules match on these, and cite their line
// indexes as evidence, so a finding points at the very reply that shows the problem.
import { parseImapLine, parsePop3Line } from '../knowledge/index.js';
import type { Session, StepId } from '../record/types.js';

export const SMTP_STEP_IDS: ReadonlySet<StepId> = new Set([
  'connect',
  'banner',
  'ehlo',
  'tls',
  'auth',
  'send',
]);

export interface CommandView {
  /** Upper-case verb: EHLO, MAIL, RCPT, AUTH...; AUTH-RESPONSE for an answer to a 334; DATA-END for the final dot. */
  verb: string;
  /** The line as the transcript shows it (masked when secret). */
  line: string;
  index: number;
  secret: boolean;
}

export interface SmtpReplyView {
  step: StepId;
  code: number;
  /** "5.7.1", when the reply carries an enhanced status code. */
  enhanced?: string;
  /** Every line's text without the code and the enhanced code, joined by spaces. */
  text: string;
  /** The first line as the server sent it. */
  first: string;
  /** Transcript indexes of every line of this reply. */
  lines: number[];
  /** The command this reply answers; undefined for a greeting. */
  command?: CommandView;
}

const REPLY_LINE = /^(\d{3})([- ]|$)(.*)$/;
const ENHANCED = /^([245]\.\d{1,3}\.\d{1,3})(?=\s|$)\s*/;
const CONNECTING = /^(manual console: )?connecting to /;

/** The code, enhanced code and text of one reply, as one string for pattern matching. */
export const replyLine = (r: SmtpReplyView): string =>
  [String(r.code), r.enhanced, r.text].filter(Boolean).join(' ');

/** Every SMTP reply in the SMTP steps, in order, each paired with the command it answers. */
export const smtpReplies = (session: Session): SmtpReplyView[] => {
  const replies: SmtpReplyView[] = [];
  let pending: CommandView[] = [];
  let inData = false;
  let after334 = false;
  let open:
    { step: StepId; code: number; lines: number[]; texts: string[]; first: string } | undefined;

  session.transcript.forEach((entry, index) => {
    if (!SMTP_STEP_IDS.has(entry.step)) return;
    if (entry.dir === 'note') {
      if (CONNECTING.test(entry.text)) {
        pending = [];
        inData = false;
        after334 = false;
        open = undefined;
      }
      return;
    }
    if (entry.dir === 'client') {
      if (inData) {
        if (entry.text === '.') {
          pending.push({ verb: 'DATA-END', line: entry.text, index, secret: false });
          inData = false;
        }
        return;
      }
      const verb = after334
        ? 'AUTH-RESPONSE'
        : (entry.text.trim().split(/[\s:]/, 1)[0] ?? '').toUpperCase();
      after334 = false;
      pending.push({ verb, line: entry.text, index, secret: entry.secret === true });
      return;
    }
    const match = REPLY_LINE.exec(entry.text);
    if (!match) return;
    const code = Number(match[1]);
    const rest = match[3] ?? '';
    if (!open || open.code !== code) {
      open = { step: entry.step, code, lines: [], texts: [], first: entry.text };
    }
    open.lines.push(index);
    open.texts.push(rest);
    if (match[2] === '-') return;
    const enhanced = ENHANCED.exec(open.texts[0] ?? '')?.[1];
    const text = open.texts
      .map((t) => t.replace(ENHANCED, ''))
      .join(' ')
      .replace(/\s+/g, ' ')
      .trim();
    const command = pending.shift();
    replies.push({
      step: open.step,
      code,
      ...(enhanced ? { enhanced } : {}),
      text,
      first: open.first,
      lines: open.lines,
      ...(command ? { command } : {}),
    });
    open = undefined;
    if (code === 354) inData = true;
    after334 = code === 334;
  });
  return replies;
};

/** The greeting: the first reply that answers no command. */
export const greetingReply = (session: Session): SmtpReplyView | undefined =>
  smtpReplies(session).find((r) => r.command === undefined);

export interface MailboxResponseView {
  step: 'pop3' | 'imap';
  /** +OK / -ERR, or OK / NO / BAD / BYE / PREAUTH. */
  status: string;
  /** Bracketed response code, upper case, without its arguments: IN-USE, AUTH, AUTHENTICATIONFAILED. */
  code?: string;
  /** Everything inside the brackets. */
  codeText?: string;
  text: string;
  /** The whole line. */
  line: string;
  index: number;
  /** The client line this answers, when there is one. */
  command?: CommandView;
  /** True for an IMAP untagged response. */
  untagged?: boolean;
}

const POP3_MULTILINE = new Set(['CAPA', 'LIST', 'UIDL', 'TOP', 'RETR']);

/** POP3 status lines (+OK / -ERR), skipping the data of multi-line answers. */
export const pop3Responses = (session: Session): MailboxResponseView[] => {
  const out: MailboxResponseView[] = [];
  let last: CommandView | undefined;
  let inData = false;
  session.transcript.forEach((entry, index) => {
    if (entry.step !== 'pop3') return;
    if (entry.dir === 'client') {
      last = {
        verb: (entry.text.trim().split(/\s+/, 1)[0] ?? '').toUpperCase(),
        line: entry.text,
        index,
        secret: entry.secret === true,
      };
      inData = false;
      return;
    }
    if (entry.dir !== 'server') return;
    if (inData) {
      if (entry.text === '.') inData = false;
      return;
    }
    const parsed = parsePop3Line(entry.text);
    if (!parsed) return;
    out.push({
      step: 'pop3',
      status: parsed.status,
      ...(parsed.code ? { code: parsed.code.split(/\s+/)[0], codeText: parsed.code } : {}),
      text: parsed.text,
      line: entry.text,
      index,
      ...(last ? { command: last } : {}),
    });
    // A single-message LIST or UIDL answers on its one status line.
    const withArgument = last !== undefined && /\s\S/.test(last.line.trim());
    if (
      parsed.status === '+OK' &&
      last &&
      POP3_MULTILINE.has(last.verb) &&
      !(withArgument && (last.verb === 'LIST' || last.verb === 'UIDL'))
    )
      inData = true;
    last = undefined;
  });
  return out;
};

/** IMAP status responses, tagged and untagged (OK, NO, BAD, BYE, PREAUTH). */
export const imapResponses = (session: Session): MailboxResponseView[] => {
  const out: MailboxResponseView[] = [];
  const commands = new Map<string, CommandView>();
  session.transcript.forEach((entry, index) => {
    if (entry.step !== 'imap') return;
    if (entry.dir === 'client') {
      const [tag = '', verb = ''] = entry.text.trim().split(/\s+/, 2);
      commands.set(tag, {
        verb: verb.toUpperCase(),
        line: entry.text,
        index,
        secret: entry.secret === true,
      });
      return;
    }
    if (entry.dir !== 'server') return;
    const parsed = parseImapLine(entry.text);
    if (!parsed?.status) return;
    const command = parsed.tag === '*' ? undefined : commands.get(parsed.tag);
    out.push({
      step: 'imap',
      status: parsed.status,
      ...(parsed.code ? { code: parsed.code } : {}),
      ...(parsed.codeText ? { codeText: parsed.codeText } : {}),
      text: parsed.text,
      line: entry.text,
      index,
      ...(command ? { command } : {}),
      ...(parsed.tag === '*' ? { untagged: true } : {}),
    });
  });
  return out;
};

/** Decodes a base64 word for display, when it is one and decodes to printable text. */
export const decodeBase64Word = (word: string): string | undefined => {
  const trimmed = word.trim();
  if (trimmed.length < 4 || trimmed.length % 4 !== 0 || !/^[A-Za-z0-9+/]+={0,2}$/.test(trimmed))
    return undefined;
  const text = Buffer.from(trimmed, 'base64').toString('utf8');
  return /^[\x20-\x7e]+$/.test(text) ? text : undefined;
};
