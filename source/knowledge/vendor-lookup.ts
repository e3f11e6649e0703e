// Which known product replies a text looks like.
import type { VendorPattern } from './types.js';
import { VENDOR_PATTERNS } from './vendor-patterns.js';

/** Every vendor pattern whose expression matches the text, in the order of the data file. */
export const matchVendorPatterns = (replyText: string): VendorPattern[] =>
  VENDOR_PATTERNS.filter((entry) => entry.pattern.test(replyText));

export const vendorPattern = (id: string): VendorPattern | undefined =>
  VENDOR_PATTERNS.find((entry) => entry.id === id);
