// Colour is a hint, never the only signal: every status also has a glyph or a word, so the wizard
// reads the same with NO_COLOR, --no-color or a monochrome terminal. Few colours, used for meaning.
import { createContext, useContext } from 'react';
import type { ReactNode } from 'react';

export type Tone = 'accent' | 'ok' | 'warning' | 'error' | 'running' | 'client' | 'server' | 'rule';

const PALETTE: Record<Tone, string> = {
  accent: 'cyan',
  ok: 'green',
  warning: 'yellow',
  error: 'red',
  running: 'cyan',
  client: 'cyan',
  server: 'magenta',
  rule: 'gray',
};

const ColorContext = createContext(true);

export const ThemeProvider = ({ color, children }: { color: boolean; children: ReactNode }) => (
  <ColorContext.Provider value={color}>{children}</ColorContext.Provider>
);

/** Returns a function giving the colour for a tone, or undefined when colour is off. */
export const useTone = (): ((tone: Tone) => string | undefined) => {
  const color = useContext(ColorContext);
  return (tone) => (color ? PALETTE[tone] : undefined);
};
