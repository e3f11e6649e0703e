// Which known product replies a text looks like. The table (vendor-patterns.ts) stays plain data;
// the work happens here, on first use: each pattern gets the literal every match must contain,
// and a line is tested only against the patterns whose literal it holds, so most expressions are
// never run, or compiled, for a given reply. Answers for recent lines are remembered, since the
// same reply is looked up by the transcript, the diagnosis and the report.
import type { VendorPattern } from './types.js';
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

export const vendorPattern = (id: string): VendorPattern | undefined =>
  VENDOR_PATTERNS.find((entry) => entry.id === id);
