// The keys that work here, with what they do here; keys and default wording from the key map.
import { Box, Text } from 'ink';
import type { FooterItem } from '../keymap.js';
import { bindingOf, footerEntry } from '../keymap.js';
import { useTone } from '../theme.js';

/** One row of help: one or more actions, what they do on this screen, and how to write the keys. */
export interface HelpItem extends FooterItem {
  description?: string;
  keys?: string;
}

export const helpRow = (item: HelpItem): { keys: string; description: string } => ({
  keys: item.keys ?? footerEntry(item).keys,
  description: item.description ?? (item.actions[0] ? bindingOf(item.actions[0]).description : ''),
});

interface Props {
  items: readonly HelpItem[];
  height: number;
}

export const HelpPanel = ({ items, height }: Props) => {
  const tone = useTone();
  const rows = items.map(helpRow);
  const keyWidth = Math.max(0, ...rows.map((row) => row.keys.length)) + 2;
  // The title only when every row fits with it: the rows matter more.
  const titled = height >= rows.length + 2;
  // When even the rows do not fit, they go side by side, so every key stays on screen.
  const perColumn = Math.max(1, titled ? rows.length : height);
  const columns: Array<typeof rows> = [];
  for (let i = 0; i < rows.length; i += perColumn) columns.push(rows.slice(i, i + perColumn));
  return (
    <Box flexDirection="column" height={height} overflow="hidden">
      {titled ? <Text bold>Keys</Text> : null}
      {titled ? <Text> </Text> : null}
      <Box gap={2}>
        {columns.map((column, c) => (
          <Box key={c} flexDirection="column" flexGrow={1} flexBasis={0}>
            {column.map((row) => (
              <Text key={row.keys} wrap="truncate-end">
                <Text bold color={tone('accent')}>
                  {row.keys.padEnd(
                    columns.length > 1
                      ? Math.max(...column.map((r) => r.keys.length)) + 1
                      : keyWidth,
                  )}
                </Text>
                {row.description}
              </Text>
            ))}
          </Box>
        ))}
      </Box>
    </Box>
  );
};
