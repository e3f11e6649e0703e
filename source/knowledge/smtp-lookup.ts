// Looking up SMTP reply codes and enhanced status codes, and the one-line transcript description.
import { ENHANCED_CLASSES, ENHANCED_CODES, ENHANCED_SUBJECTS } from './enhanced-codes.js';
import { SMTP_REPLY_CATEGORIES, SMTP_REPLY_CLASSES, SMTP_REPLY_CODES } from './smtp-codes.js';
import { lowerFirst, replyLine } from './text.js';
import type { EnhancedCodeEntry, KnowledgeEntry, SmtpCodeEntry } from './types.js';
import { matchVendorPatterns } from './vendor-lookup.js';

const BASIC_BY_CODE = new Map(SMTP_REPLY_CODES.map((entry) => [entry.code, entry]));
const ENHANCED_BY_CODE = new Map(ENHANCED_CODES.map((entry) => [entry.code, entry]));

/** The entry for a registered reply code, or undefined. */
export const smtpBasicCode = (code: number): SmtpCodeEntry | undefined => BASIC_BY_CODE.get(code);

export interface SmtpCodeExplanation extends KnowledgeEntry {
  code: number;
  /** False when no RFC defines this exact code; the entry then explains its digits. */
  registered: boolean;
  /** "permanent negative completion" */
  className: string;
  /** "mail system", from the second digit */
  category?: string;
  /** The RFC's wording, when registered. */
  text?: string;
}

/** Explains any three-digit code 200-599: the registered entry, or the meaning of its digits. */
export const explainSmtpCode = (code: number): SmtpCodeExplanation | undefined => {
  if (!Number.isInteger(code) || code < 200 || code > 599) return undefined;
  const cls = SMTP_REPLY_CLASSES[Math.floor(code / 100) as 2 | 3 | 4 | 5];
  const category = SMTP_REPLY_CATEGORIES[Math.floor(code / 10) % 10];
  const entry = smtpBasicCode(code);
  const base = { code, className: cls.name, ...(category ? { category } : {}) };
  if (entry)
    return {
      ...base,
      registered: true,
      text: entry.text,
      summary: entry.summary,
      detail: entry.detail,
      reference: entry.reference,
    };
  return {
    ...base,
    registered: false,
    summary: `Unregistered code ${code}. ${cls.summary}`,
    detail: `${cls.detail} The first digit gives the outcome${category ? `, the second the area (${category})` : ''}; the server chose the rest, so the text after the code is the real explanation.`,
    reference: cls.reference,
  };
};

export interface EnhancedCodeExplanation extends KnowledgeEntry {
  /** As given, normalised: "5.7.1" (or "X.7.1" when no class was given). */
  code: string;
  /** "Permanent failure" */
  class: string;
  /** "Security or policy status" */
  subject: string;
  /** True when the subject.detail is in the IANA registry. */
  registered: boolean;
  /** The registry row: "X.7.1" */
  registryCode?: string;
  sampleText?: string;
  basicCodes: number[];
}

const ENHANCED_SHAPE = /^([245xX])\.(\d{1,3})\.(\d{1,3})$/;

/**
 * Explains "5.7.1" (or "X.7.1"). Unregistered details (Microsoft's 5.7.606, Gmail's 4.7.40) get
 * the meaning of their class and subject. Undefined only when the text is not an enhanced code.
 */
export const enhancedCode = (text: string): EnhancedCodeExplanation | undefined => {
  const match = ENHANCED_SHAPE.exec(text.trim());
  if (!match) return undefined;
  const [, classText = '', subjectText = '', detailText = ''] = match;
  const subjectNumber = Number(subjectText);
  const detailNumber = Number(detailText);
  const anyClass = classText.toUpperCase() === 'X';
  const cls = anyClass
    ? undefined
    : ENHANCED_CLASSES.find((entry) => entry.class === Number(classText));
  const className = cls?.name ?? 'Any class';
  const subject = ENHANCED_SUBJECTS.find((entry) => entry.subject === subjectNumber);
  const subjectName = subject?.name ?? `Unregistered subject ${subjectNumber}`;
  const code = `${anyClass ? 'X' : classText}.${subjectNumber}.${detailNumber}`;
  const registryCode = `X.${subjectNumber}.${detailNumber}`;
  const entry: EnhancedCodeEntry | undefined = ENHANCED_BY_CODE.get(registryCode);
  if (entry) {
    return {
      code,
      class: className,
      subject: subjectName,
      registered: true,
      registryCode,
      sampleText: entry.sampleText,
      basicCodes: entry.basicCodes,
      summary: entry.summary,
      detail: cls ? `${entry.detail} ${classClause(cls.class)}` : entry.detail,
      reference: entry.reference,
    };
  }
  const detailParts = [cls?.detail, subject?.detail].filter(
    (part): part is string => part !== undefined,
  );
  return {
    code,
    class: className,
    subject: subjectName,
    registered: false,
    basicCodes: [],
    summary: `${className}: ${subjectName.toLowerCase()} (detail ${detailNumber} is not in the IANA registry)`,
    detail: [
      ...detailParts,
      `The detail number ${detailNumber} is not registered with IANA, so it is the server's own code: the reply text and the operator's documentation explain it.`,
    ].join(' '),
    reference: 'RFC 3463 §2; IANA SMTP Enhanced Status Codes registry',
  };
};

const classClause = (cls: 2 | 4 | 5): string =>
  cls === 2
    ? 'With class 2 it reports success.'
    : cls === 4
      ? 'With class 4 the condition is temporary and the sender retries.'
      : 'With class 5 it is permanent: resending unchanged will fail again.';

const ENHANCED_IN_TEXT = /^([245]\.\d{1,3}\.\d{1,3})(?=\s|$)/;

/**
 * One line for a transcript, e.g. "550 5.7.1: delivery not authorized, message refused
 * (Postfix: relay access denied)". Uses the basic code, then the enhanced code, then a vendor
 * pattern. Never throws.
 */
export const describeSmtpReply = (reply: {
  code: number;
  enhanced?: string;
  text: string;
}): string => {
  try {
    const enhancedText = reply.enhanced ?? ENHANCED_IN_TEXT.exec(reply.text.trim())?.[1];
    const basic = explainSmtpCode(reply.code);
    const enhanced = enhancedText ? enhancedCode(enhancedText) : undefined;
    const vendor = matchVendorPatterns(replyLine(reply.code, enhancedText, reply.text))[0];
    let meaning = basic?.summary ?? 'not a valid SMTP reply code';
    // Registry texts for X.Y.0 ("other security status") read as refusals; on a success reply
    // the basic code says more, so a class-2 code only speaks when its detail is specific.
    const specific = enhanced?.registered && !/\.0$/.test(enhanced.registryCode ?? '');
    if (reply.code < 400 ? specific : enhanced?.registered && enhanced.registryCode !== 'X.0.0') {
      meaning = enhanced!.summary;
    }
    if (vendor?.caution) meaning = vendor.summary;
    const head = [String(reply.code), enhancedText].filter(Boolean).join(' ');
    const tail = vendor ? ` (${vendor.vendor}: ${vendor.label})` : '';
    return `${head}: ${lowerFirst(meaning)}${tail}`;
  } catch {
    const code: unknown = (reply as { code?: unknown } | undefined)?.code;
    return `${String(code ?? '?')}: (no description available)`;
  }
};
