// Bounds on what a server may send us; a hostile peer meets these before it meets our memory.

export interface FramingLimits {
  /** Longest line, CRLF excluded. */
  maxLineBytes: number;
  /** Most lines in one multi-line reply or response. */
  maxReplyLines: number;
  /** Most bytes in one multi-line reply or response. */
  maxReplyBytes: number;
}

export const DEFAULT_FRAMING_LIMITS: Readonly<FramingLimits> = Object.freeze({
  maxLineBytes: 8 * 1024,
  maxReplyLines: 1000,
  maxReplyBytes: 256 * 1024,
});

export const withLimits = (overrides: Partial<FramingLimits> = {}): FramingLimits => ({
  ...DEFAULT_FRAMING_LIMITS,
  ...overrides,
});
