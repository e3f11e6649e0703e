// The width of text made only of characters that stand alone: printable ASCII, Latin, Greek,
// Cyrillic, punctuation, arrows, box drawing, blocks, shapes, ornamental brackets, Braille and CJK
// ideographs. None of these combine with a neighbour into one grapheme, none is an emoji on its
// own, so each is as wide as its East Asian Width says. The build puts this in front of
// string-width (ink's and wrap-ansi's copies), whose general path costs a grapheme segmenter and
// a large emoji expression on first use; anything outside these ranges still goes to the
// library, and the library's own East Asian Width lookup is passed in, so both paths agree by
// construction.
/** Inclusive BMP ranges of stand-alone characters (test/ui/simple-width.test.ts checks each). */
export const SIMPLE_RANGES: ReadonlyArray<readonly [number, number]> = [
  // Left out: the soft hyphen (invisible) and the characters that are emoji in text style too
  // (© ® ‼ ⁉ ↔-↙ ↩ ↪ ▪ ▫ ▶ ◀ ◻ ◼), which wrap-ansi's copy counts as two cells.
  [0x00a1, 0x00a8], // Latin-1
  [0x00aa, 0x00ac],
  [0x00af, 0x02ff], // Latin extended, IPA, spacing modifier letters
  [0x0370, 0x0377], // Greek
  [0x037a, 0x037f],
  [0x0384, 0x038a],
  [0x038c, 0x038c],
  [0x038e, 0x03a1],
  [0x03a3, 0x03ff],
  [0x0400, 0x0482], // Cyrillic, without its combining marks
  [0x048a, 0x052f],
  [0x2010, 0x2027], // dashes, quotes, bullets, ellipsis
  [0x2030, 0x203b],
  [0x203d, 0x2048],
  [0x204a, 0x205e],
  [0x2190, 0x2193], // arrows
  [0x219a, 0x21a8],
  [0x21ab, 0x21ff],
  [0x2200, 0x22ff], // mathematical operators
  [0x2500, 0x25a9], // box drawing, blocks, geometric shapes
  [0x25ac, 0x25b5],
  [0x25b7, 0x25bf],
  [0x25c1, 0x25fa],
  [0x25fd, 0x25ff],
  [0x2768, 0x2775], // ornamental brackets: ❯ is ink-select-input's pointer
  [0x2800, 0x28ff], // Braille (spinners)
  [0x4e00, 0x9fff], // CJK unified ideographs
  [0xff01, 0xff60], // fullwidth forms
];

const isSimple = (code: number): boolean => {
  for (const [low, high] of SIMPLE_RANGES) {
    if (code < low) return false;
    if (code <= high) return true;
  }
  return false;
};

/** Cells of `text`, or -1 when it holds anything the fast path does not know. */
export const simpleWidth = (
  text: string,
  eastAsianWidth: (code: number, options: { ambiguousAsWide: boolean }) => number,
  ambiguousAsWide = false,
): number => {
  let width = 0;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code >= 0x20 && code <= 0x7e) width += 1;
    else if (isSimple(code)) width += eastAsianWidth(code, { ambiguousAsWide });
    else return -1;
  }
  return width;
};
