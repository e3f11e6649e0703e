// Terminal cell widths, close enough for layout: wide East Asian characters and emoji take two
// cells, combining marks none. Rows are also rendered with truncation, so an odd character can
// shorten a row but never push the layout out of line.

const WIDE: ReadonlyArray<readonly [number, number]> = [
  [0x1100, 0x115f],
  [0x2e80, 0x303e],
  [0x3041, 0x33ff],
  [0x3400, 0x4dbf],
  [0x4e00, 0x9fff],
  [0xa000, 0xa4cf],
  [0xac00, 0xd7a3],
  [0xf900, 0xfaff],
  [0xfe30, 0xfe4f],
  [0xff00, 0xff60],
  [0xffe0, 0xffe6],
  [0x1f300, 0x1f64f],
  [0x1f900, 0x1f9ff],
  [0x20000, 0x3fffd],
];

const ZERO: ReadonlyArray<readonly [number, number]> = [
  [0x0300, 0x036f],
  [0x200b, 0x200d],
  [0xfe00, 0xfe0f],
];

const within = (ranges: ReadonlyArray<readonly [number, number]>, code: number): boolean =>
  ranges.some(([low, high]) => code >= low && code <= high);

export const charWidth = (char: string): number => {
  const code = char.codePointAt(0) ?? 0;
  if (within(ZERO, code)) return 0;
  return within(WIDE, code) ? 2 : 1;
};

export const textWidth = (text: string): number => {
  let width = 0;
  for (const char of text) width += charWidth(char);
  return width;
};

/** Cuts text to at most `width` cells, ending in an ellipsis when anything was cut. */
export const truncate = (text: string, width: number): string => {
  if (textWidth(text) <= width) return text;
  if (width <= 0) return '';
  let out = '';
  let used = 0;
  for (const char of text) {
    const w = charWidth(char);
    if (used + w > width - 1) break;
    out += char;
    used += w;
  }
  return `${out}…`;
};

/** Splits text into rows of at most `width` cells, exactly where the width runs out. */
export const hardWrap = (text: string, width: number): string[] => {
  const size = Math.max(1, width);
  const rows: string[] = [];
  let row = '';
  let used = 0;
  for (const char of text) {
    const w = charWidth(char);
    if (used + w > size && row !== '') {
      rows.push(row);
      row = '';
      used = 0;
    }
    row += char;
    used += w;
  }
  rows.push(row);
  return rows;
};

/** Splits text into rows at spaces where it can, hard where a word is longer than a row. */
export const wordWrap = (text: string, width: number): string[] => {
  const size = Math.max(1, width);
  const rows: string[] = [];
  let row = '';
  for (const word of text.split(' ')) {
    const candidate = row === '' ? word : `${row} ${word}`;
    if (textWidth(candidate) <= size) {
      row = candidate;
      continue;
    }
    if (row !== '') rows.push(row);
    const pieces = hardWrap(word, size);
    row = pieces.pop() ?? '';
    rows.push(...pieces);
  }
  rows.push(row);
  return rows;
};

/** Expands tabs to the next multiple of eight cells, as a terminal would. */
export const expandTabs = (text: string): string => {
  if (!text.includes('\t')) return text;
  let out = '';
  let column = 0;
  for (const char of text) {
    if (char === '\t') {
      const pad = 8 - (column % 8);
      out += ' '.repeat(pad);
      column += pad;
    } else {
      out += char;
      column += charWidth(char);
    }
  }
  return out;
};
