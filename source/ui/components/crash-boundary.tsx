// Catches an exception thrown while rendering, names the component it came from, and hands both
// to the app, which ends the wizard so the CLI can restore the terminal and say what happened.
import { Component } from 'react';
import type { ErrorInfo, ReactNode } from 'react';

interface Props {
  onCrash: (error: unknown, where: string) => void;
  children: ReactNode;
}

/** The innermost component in a React component stack ("\n    at StepView (file:…)"). */
export const componentFromStack = (stack: string | null | undefined): string => {
  const match = /^\s*(?:at\s+)?([A-Za-z_$][\w$.]*)/m.exec(stack ?? '');
  return match?.[1] ?? 'the wizard';
};

export class CrashBoundary extends Component<Props, { crashed: boolean }> {
  override state = { crashed: false };

  static getDerivedStateFromError(): { crashed: boolean } {
    return { crashed: true };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    this.props.onCrash(error, componentFromStack(info.componentStack));
  }

  override render(): ReactNode {
    return this.state.crashed ? null : this.props.children;
  }
}
