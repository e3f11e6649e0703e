// A one-line text field: the value with the cursor shown inverse, scrolled so the cursor stays in
// view. State and keys live with the screen (its reducer, fieldEdit in the key map); this only draws.
import { Text } from 'ink';
import { charWidth } from '../text-width.js';

/** The part of the value that fits in `width` cells with the cursor in view, split at the cursor. */
export const fieldWindow = (
  value: string,
  cursor: number,
  width: number,
): { before: string; at: string; after: string } => {
  const chars = [...value];
  const at = Math.min(Math.max(0, cursor), chars.length);
  const cursorChar = chars[at] ?? ' ';
  // As much as fits before the cursor; the cursor's own cell is kept free.
  let start = at;
  let used = 0;
  while (start > 0 && used + charWidth(chars[start - 1] ?? '') <= width - charWidth(cursorChar)) {
    start -= 1;
    used += charWidth(chars[start] ?? '');
  }
  let room = width - used - charWidth(cursorChar);
  let end = at + 1;
  while (end < chars.length && room - charWidth(chars[end] ?? '') >= 0) {
    room -= charWidth(chars[end] ?? '');
    end += 1;
  }
  return {
    before: chars.slice(start, at).join(''),
    at: cursorChar,
    after: chars.slice(at + 1, end).join(''),
  };
};

interface Props {
  value: string;
  cursor: number;
  width: number;
  focused: boolean;
}

export const TextField = ({ value, cursor, width, focused }: Props) => {
  if (!focused) return <Text wrap="truncate-end">{value}</Text>;
  const { before, at, after } = fieldWindow(value, cursor, width);
  return (
    <Text wrap="truncate-end">
      {before}
      <Text inverse>{at}</Text>
      {after}
    </Text>
  );
};
