// The test message: RFC 5322 headers the runner fills in, plus the user's own. Identity and time
// come from the caller, so the same inputs give the same bytes.
import { InputError } from '../common/errors.js';
import { assertSafeField } from '../common/input.js';

export interface TestMessage {
  from: string;
  to: string[];
  messageId: string;
  date: Date;
  subject?: string;
  /** "Name: value" lines given by the user; they override the defaults of the same name. */
  headers?: string[];
  body?: string;
}

const HEADER = /^([!-9;-~]+):[ \t]?(.*)$/;

export const parseHeader = (line: string): { name: string; value: string } => {
  assertSafeField('header', line);
  const match = HEADER.exec(line);
  if (!match) throw new InputError('header', `"${line}" is not "Name: value"`);
  return { name: match[1]!, value: match[2]! };
};

/** RFC 5322 3.3 date-time, e.g. "Sun, 22 Nov 2026 17:35:00 +0000". */
export const rfc5322Date = (date: Date): string => date.toUTCString().replace(/GMT$/, '+0000');

export const buildTestMessage = (message: TestMessage): string => {
  // These land in header lines: a line break in one would add a header of its own.
  assertSafeField('from', message.from);
  message.to.forEach((to) => assertSafeField('to', to));
  assertSafeField('subject', message.subject ?? '');
  assertSafeField('message id', message.messageId);
  const defaults: Array<[string, string]> = [
    ['From', message.from === '' ? '<>' : `<${message.from}>`],
    ['To', message.to.map((t) => `<${t}>`).join(', ')],
    ['Subject', message.subject ?? 'mailmedic test message'],
    ['Date', rfc5322Date(message.date)],
    ['Message-ID', message.messageId],
    ['MIME-Version', '1.0'],
    ['Content-Type', 'text/plain; charset=utf-8'],
    ['X-Mailer', 'mailmedic'],
  ];
  const own = (message.headers ?? []).map(parseHeader);
  const overridden = new Set(own.map((h) => h.name.toLowerCase()));
  const lines = [
    ...defaults
      .filter(([name]) => !overridden.has(name.toLowerCase()))
      .map(([n, v]) => `${n}: ${v}`),
    ...own.map((h) => `${h.name}: ${h.value}`),
  ];
  const body =
    message.body ??
    [
      'This is a test message sent by mailmedic to check that mail flows.',
      `Message-ID: ${message.messageId}`,
      '',
    ].join('\n');
  return `${lines.join('\r\n')}\r\n\r\n${body}`;
};
