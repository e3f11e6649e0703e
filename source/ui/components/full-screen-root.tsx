// What every full-screen app (the wizard, the console) stands on: the theme, and a crash boundary
// that ends the app through exit() with where it broke, so the CLI restores the terminal and
// exits 3 instead of leaving a half-drawn screen.
import { useApp } from 'ink';
import type { ReactNode } from 'react';
import { useCallback } from 'react';
import { WizardCrash } from '../exit.js';
import { ThemeProvider } from '../theme.js';
import { CrashBoundary } from './crash-boundary.js';

export const FullScreenRoot = ({ color, children }: { color?: boolean; children: ReactNode }) => {
  const { exit } = useApp();
  const onCrash = useCallback(
    (error: unknown, where: string) => exit(new WizardCrash(where, error)),
    [exit],
  );
  return (
    <ThemeProvider color={color ?? true}>
      <CrashBoundary onCrash={onCrash}>{children}</CrashBoundary>
    </ThemeProvider>
  );
};
