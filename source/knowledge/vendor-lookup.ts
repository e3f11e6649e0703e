// Which known product replies a text looks like.
import type { SoftwareVendor, Vendor, VendorPattern } from './types.js';
import { VENDOR_PATTERNS } from './vendor-patterns.js';

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
export const matchVendorPatterns = (replyText: string): VendorPattern[] =>
  VENDOR_PATTERNS.filter((entry) => entry.pattern.test(replyText));

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
