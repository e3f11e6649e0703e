// Small text helpers shared by the lookups.

/** "Requested action completed" -> "requested action completed", but "TLS ..." stays "TLS ...". */
const PROPER_NOUNS = new Set([
  'Gmail',
  'Google',
  'Microsoft',
  'Exchange',
  'Outlook.com',
  'Yahoo',
  'Postfix',
  'Exim',
  'Sendmail',
  'Dovecot',
  'Entra',
]);

export const lowerFirst = (text: string): string => {
  const [first = '', second = ''] = text;
  if (first === '' || second === '' || second !== second.toLowerCase()) return text;
  if (PROPER_NOUNS.has(text.split(/[\s,:;']/)[0] ?? '')) return text;
  return first.toLowerCase() + text.slice(1);
};

const ENHANCED_AT_START = /^[245]\.\d{1,3}\.\d{1,3}(?:\s+|$)/;

/**
 * Joins the text lines of a multi-line SMTP reply into one line for matching, dropping the
 * enhanced code that servers repeat at the start of every line ("5.7.1 likely unsolicited ...").
 */
export const joinReplyText = (text: string): string =>
  text
    .split(/\r?\n/)
    .map((line) => line.trim().replace(ENHANCED_AT_START, ''))
    .filter((line) => line !== '')
    .join(' ');

/** The one-line form vendor patterns are written against: "550 5.7.1 text". */
export const replyLine = (code: number, enhanced: string | undefined, text: string): string =>
  [String(code), enhanced, joinReplyText(text)]
    .filter((part) => part !== undefined && part !== '')
    .join(' ');
