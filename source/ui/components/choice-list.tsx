// Every list of choices (goals, lab scenarios, a finding's actions, the findings overview) is drawn
// by ink-select-input, but its highlight is the screen's state, moved by the key map's ↑/↓ through
// a pure reducer. ink-select-input reads keys itself from the index of its last render, so keys
// that arrive in one read (↓↓↓) would move it once; here every key counts, and one key map holds.
import { Box, Text } from 'ink';
import SelectInput from 'ink-select-input';
import { useTone } from '../theme.js';

export interface Choice {
  key: string;
  label: string;
}

interface Props {
  items: readonly Choice[];
  /** The highlighted item; clamped to the list. */
  index: number;
  /** Rows the list may take; it scrolls to keep the highlight in view. */
  limit?: number;
}

export const clampChoice = (index: number, count: number): number =>
  count === 0 ? 0 : Math.min(count - 1, Math.max(0, index));

/** ink-select-input's own indicator and items are blue; these follow the theme (and NO_COLOR). */
const Indicator = ({ isSelected = false }: { isSelected?: boolean }) => {
  const tone = useTone();
  return (
    <Box marginRight={1}>
      <Text color={isSelected ? tone('accent') : undefined} bold>
        {isSelected ? '❯' : ' '}
      </Text>
    </Box>
  );
};

const Item = ({ isSelected = false, label }: { isSelected?: boolean; label: string }) => {
  const tone = useTone();
  return (
    <Text color={isSelected ? tone('accent') : undefined} bold={isSelected} wrap="truncate-end">
      {label}
    </Text>
  );
};

export const ChoiceList = ({ items, index, limit }: Props) => {
  const at = clampChoice(index, items.length);
  return (
    <SelectInput
      indicatorComponent={Indicator}
      itemComponent={Item}
      // A new highlight is a new mount: the list takes its highlight from initialIndex only.
      key={at}
      items={items.map((item) => ({ key: item.key, label: item.label, value: item.key }))}
      initialIndex={at}
      isFocused={false}
      {...(limit !== undefined ? { limit } : {})}
    />
  );
};
