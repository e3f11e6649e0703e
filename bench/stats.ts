// Medians and ratios, never single runs: the machines are shared and noisy.
export const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

/** The value below which 95 % of the samples lie (nearest rank). */
export const p95 = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.95) - 1)]!;
};

export const fmt = (ms: number): string => `${ms.toFixed(1)} ms`;

/** Milliseconds since `started` (a process.hrtime.bigint()). */
export const since = (started: bigint): number => Number(process.hrtime.bigint() - started) / 1e6;

/**
 * Runs `a` and `b` alternately `runs` times (so both see the same load) and reports the median
 * of each and the median of the per-pair ratios a/b, which moves much less with the load.
 */
export const pairs = async (
  runs: number,
  a: () => Promise<number> | number,
  b: () => Promise<number> | number,
): Promise<{ a: number; b: number; ratio: number }> => {
  const as: number[] = [];
  const bs: number[] = [];
  const ratios: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    // Alternate which goes first, so neither always runs on a machine the other just warmed.
    const [x, y] =
      i % 2 === 0 ? [await a(), await b()] : (([q, p]) => [p, q])([await b(), await a()]);
    as.push(x!);
    bs.push(y!);
    ratios.push(x! / y!);
  }
  return { a: median(as), b: median(bs), ratio: median(ratios) };
};
