// Key help from the key map: what this screen's keys do, then help and quit, which are always
// there. When the line is too narrow the screen's least important entries go first, whole.
import { Box, Text } from 'ink';
import type { FooterEntry, FooterItem } from '../keymap.js';
import { footerEntry } from '../keymap.js';
import { useTone } from '../theme.js';
import { textWidth } from '../text-width.js';

const GAP = 2;

const entryWidth = (entry: FooterEntry): number =>
  textWidth(entry.keys) + 1 + textWidth(entry.label);

/** The entries that fit in `width`: all of `always`, then as many of `items` as fit, in order. */
export const fitFooter = (
  items: readonly FooterItem[],
  always: readonly FooterItem[],
  width: number,
): FooterEntry[] => {
  const fixed = always.map(footerEntry);
  // Widths plus a gap before every entry; the first entry needs none.
  let used = fixed.reduce((sum, entry) => sum + entryWidth(entry) + GAP, 0) - GAP;
  const chosen: FooterEntry[] = [];
  for (const entry of items.map(footerEntry)) {
    const needed = entryWidth(entry) + GAP;
    if (used + needed > width) break;
    chosen.push(entry);
    used += needed;
  }
  return [...chosen, ...fixed];
};

interface Props {
  items: readonly FooterItem[];
  /** Shown on every screen, at the end: help and quit, or just Ctrl-C while typing. */
  always: readonly FooterItem[];
  width: number;
}

export const Footer = ({ items, always, width }: Props) => {
  const tone = useTone();
  const entries = fitFooter(items, always, Math.max(0, width - 2));
  return (
    <Box
      borderStyle="single"
      borderBottom={false}
      borderLeft={false}
      borderRight={false}
      borderColor={tone('rule')}
      borderDimColor
      paddingX={1}
      gap={GAP}
    >
      {entries.map((entry) => (
        <Text key={`${entry.keys} ${entry.label}`} wrap="truncate-end">
          <Text bold color={tone('accent')}>
            {entry.keys}
          </Text>{' '}
          <Text dimColor>{entry.label}</Text>
        </Text>
      ))}
    </Box>
  );
};
