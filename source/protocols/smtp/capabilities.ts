// What an EHLO reply says the server can do (RFC 5321 4.1.1.1 and the extension RFCs).
import type { SmtpReply } from './reply.js';

export interface SmtpExtension {
  keyword: string;
  params: string[];
}

export interface SmtpCapabilities {
  /** The name the server gave on the first line of its EHLO reply. */
  serverName: string;
  greeting: string;
  extensions: SmtpExtension[];
  /** SIZE (RFC 1870): bytes, 0 meaning no fixed limit; undefined when not advertised. */
  size?: number;
  /** AUTH mechanisms (RFC 4954), upper-cased; includes the old "AUTH=" form. */
  auth: string[];
  startTls: boolean;
  pipelining: boolean;
  eightBitMime: boolean;
  smtpUtf8: boolean;
  chunking: boolean;
  binaryMime: boolean;
  dsn: boolean;
  enhancedStatusCodes: boolean;
  requireTls: boolean;
  /** Keywords this parser does not model, kept as sent. */
  unknown: SmtpExtension[];
}

const KNOWN = new Set([
  'SIZE',
  'AUTH',
  'STARTTLS',
  'PIPELINING',
  '8BITMIME',
  'SMTPUTF8',
  'CHUNKING',
  'BINARYMIME',
  'DSN',
  'ENHANCEDSTATUSCODES',
  'REQUIRETLS',
]);

export const emptyCapabilities = (): SmtpCapabilities => ({
  serverName: '',
  greeting: '',
  extensions: [],
  auth: [],
  startTls: false,
  pipelining: false,
  eightBitMime: false,
  smtpUtf8: false,
  chunking: false,
  binaryMime: false,
  dsn: false,
  enhancedStatusCodes: false,
  requireTls: false,
  unknown: [],
});

export const parseEhloReply = (reply: SmtpReply): SmtpCapabilities => {
  const caps = emptyCapabilities();
  const [first = '', ...rest] = reply.lines;
  const [serverName = '', ...greeting] = first.trim().split(/\s+/);
  caps.serverName = serverName;
  caps.greeting = greeting.join(' ');

  for (const line of rest) {
    const words = line.trim().split(/\s+/).filter(Boolean);
    const head = words[0];
    if (!head) continue;
    // Old Microsoft and Netscape servers announce "AUTH=LOGIN PLAIN"; clients have honoured it since.
    const [keywordPart, legacyParam] = head.split('=', 2) as [string, string | undefined];
    const keyword = keywordPart.toUpperCase();
    const params = legacyParam !== undefined ? [legacyParam, ...words.slice(1)] : words.slice(1);
    const extension = { keyword, params };
    caps.extensions.push(extension);
    switch (keyword) {
      case 'SIZE': {
        const n = params[0] === undefined ? 0 : Number(params[0]);
        caps.size = Number.isFinite(n) && n >= 0 ? n : 0;
        break;
      }
      case 'AUTH':
        for (const mech of params.map((p) => p.toUpperCase())) {
          if (!caps.auth.includes(mech)) caps.auth.push(mech);
        }
        break;
      case 'STARTTLS':
        caps.startTls = true;
        break;
      case 'PIPELINING':
        caps.pipelining = true;
        break;
      case '8BITMIME':
        caps.eightBitMime = true;
        break;
      case 'SMTPUTF8':
        caps.smtpUtf8 = true;
        break;
      case 'CHUNKING':
        caps.chunking = true;
        break;
      case 'BINARYMIME':
        caps.binaryMime = true;
        break;
      case 'DSN':
        caps.dsn = true;
        break;
      case 'ENHANCEDSTATUSCODES':
        caps.enhancedStatusCodes = true;
        break;
      case 'REQUIRETLS':
        caps.requireTls = true;
        break;
      default:
        break;
    }
    if (!KNOWN.has(keyword)) caps.unknown.push(extension);
  }
  return caps;
};
