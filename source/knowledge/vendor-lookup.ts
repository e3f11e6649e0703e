// Which known product replies a text looks like. The table (vendor-patterns.ts) stays plain data;
// the work happens here, on first use: each pattern gets the literal every match must contain,
// and a line is tested only against the patterns whose literal it holds, so most expressions are
// never run, or compiled, for a given reply. Answers for recent lines are remembered, since the
// same reply is looked up by the transcript, the diagnosis and the report.
import type { SoftwareVendor, Vendor, VendorPattern } from './types.js';
import { VENDOR_PATTERNS } from './vendor-patterns.js';
import { requiredLiteral } from './required-literal.js';

interface Prepared {
  entry: VendorPattern;
  /** '' when nothing is provably required: the expression always runs. */
  literal: string;
  folded: boolean;
}

let prepared: Prepared[] | undefined;
const table = (): Prepared[] =>
  (prepared ??= VENDOR_PATTERNS.map((entry) => ({
    entry,
    literal: requiredLiteral(entry.pattern),
    folded: entry.pattern.flags.includes('i'),
  })));

const RECENT = 256;
const recent = new Map<string, VendorPattern[]>();

const SOFTWARE: ReadonlySet<Vendor> = new Set<SoftwareVendor>([
  'Postfix',
  'postgrey',
  'Exim',
  'Sendmail',
  'Dovecot',
  'qmail',
  'Courier',
  'Cyrus',
  'OpenSMTPD',
  'Zimbra',
  'hMailServer',
  'MDaemon',
]);

/** Server software (its default wording) rather than a provider or filtering service. */
export const isSoftwareVendor = (vendor: Vendor): boolean => SOFTWARE.has(vendor);

/** Every vendor pattern whose expression matches the text, in the order of the data file. */
export const matchVendorPatterns = (replyText: string): VendorPattern[] => {
  const known = recent.get(replyText);
  if (known) return [...known];
  const lower = replyText.toLowerCase();
  const found = table()
    .filter(
      ({ entry, literal, folded }) =>
        (literal === '' || (folded ? lower : replyText).includes(literal)) &&
        entry.pattern.test(replyText),
    )
    .map((p) => p.entry);
  if (recent.size >= RECENT) recent.delete(recent.keys().next().value!);
  recent.set(replyText, found);
  return [...found];
};

/**
 * The patterns that match any of the texts (one reply in several forms: as read, unwrapped),
 * providers and services first. When the text names a provider or a service, a software
 * pattern that matches the same words is dropped: the provider's reply merely reuses a common
 * phrase, and naming Postfix for a Barracuda block list reply would send the reader the wrong way.
 */
export const identifyVendors = (...texts: string[]): VendorPattern[] => {
  const seen = new Set<string>();
  const found: VendorPattern[] = [];
  for (const text of texts) {
    if (text === '') continue;
    for (const pattern of matchVendorPatterns(text)) {
      if (seen.has(pattern.id)) continue;
      seen.add(pattern.id);
      found.push(pattern);
    }
  }
  const providers = found.filter((pattern) => !isSoftwareVendor(pattern.vendor));
  return providers.length > 0 ? providers : found;
};

export const vendorPattern = (id: string): VendorPattern | undefined =>
  VENDOR_PATTERNS.find((entry) => entry.id === id);
