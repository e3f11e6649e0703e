// The longest run of plain characters that every match of an expression must contain, read from
// its source. Lookups test it with a cheap substring search first and run (and so compile) only
// the expressions that can match: 108 vendor patterns per reply line otherwise cost more than the
// rest of a line's analysis. Conservative: anything it cannot prove required gives ''.

/** Escapes that stand for a class, an assertion, a code point or a reference: not a literal. */
const GIVE_UP_ESCAPES = /[0-9cxuUpPk]/;

export const requiredLiteral = (re: RegExp): string => {
  const src = re.source;
  // Case folding beyond ASCII (ſ for s, K for k) under /iu: not worth proving.
  if (re.flags.includes('i') && /[uv]/.test(re.flags)) return '';
  let depth = 0;
  let best = '';
  let run = '';
  const flush = () => {
    if (run.length > best.length) best = run;
    run = '';
  };
  for (let i = 0; i < src.length; i += 1) {
    let c = src[i]!;
    if (c === '\\') {
      const next = src[i + 1];
      i += 1;
      if (next === undefined || GIVE_UP_ESCAPES.test(next)) return '';
      if (/[A-Za-z]/.test(next)) {
        flush(); // \d \s \w \b and friends
        continue;
      }
      if (depth > 0) continue;
      c = next; // an escaped punctuation character is itself
    } else if (c === '[') {
      // Skip the class, minding escapes. In JavaScript a ] right after [ or [^ closes the class
      // ([] matches nothing, [^] anything); it is not a literal as in POSIX.
      let j = i + 1;
      if (src[j] === '^') j += 1;
      while (j < src.length && src[j] !== ']') j += src[j] === '\\' ? 2 : 1;
      i = j;
      flush();
      continue;
    } else if (c === '(') {
      depth += 1;
      flush();
      continue;
    } else if (c === ')') {
      depth -= 1;
      flush();
      continue;
    } else if (c === '|') {
      if (depth === 0) return '';
      continue;
    } else if (depth > 0) {
      continue;
    } else if (c === '^' || c === '$' || c === '.') {
      flush();
      continue;
    } else if (c === '?' || c === '*' || c === '+' || c === '{') {
      // A quantifier: the character before it may be absent (?, *, {0,}) or repeated (+, {n,}).
      if (c !== '+') run = run.slice(0, -1);
      flush();
      if (c === '{') while (i < src.length && src[i] !== '}') i += 1;
      continue;
    }
    // A plain character, unless a quantifier follows (handled when reached).
    run += c;
  }
  flush();
  return re.flags.includes('i') ? best.toLowerCase() : best;
};
