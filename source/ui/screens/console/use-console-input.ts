// Keys of the console screen: the line editor while typing (history on ↑/↓, paste sends each
// line), the held line (Enter sends anyway, Esc drops), the auth helper's two questions, and the
// lesson, help and quit keys when not typing. Which key is which lives in keymap.ts.
import { useEffect } from 'react';
import type { FieldEdit } from '../../keymap.js';
import { useActions } from '../../use-actions.js';
import type { ConsoleController, ConsoleScreenState } from './controller.js';
import type { ConsoleMessage, ConsoleScreen } from './reducer.js';

export interface ConsoleInputOptions {
  controller: ConsoleController;
  view: ConsoleScreenState;
  dispatch: (message: ConsoleMessage) => void;
  current: () => ConsoleScreen;
  /** Rows of the transcript on screen, for PgUp/PgDn. */
  page: number;
  maxScroll: number;
  onQuit: () => void;
  onInterrupt: () => void;
  /** Esc when nothing else is going on: back to the guided wizard (absent when standalone). */
  onLeave?: () => void;
  /** r when not typing: the export dialog (absent where the screen cannot export). */
  onReport?: () => void;
  isActive?: boolean;
}

/** The lessons for what the server speaks (all of them until the greeting told). */
export const lessonIdsFor = (
  controller: ConsoleController,
  protocol: ConsoleScreenState['protocol'],
): number[] =>
  controller
    .lessons()
    .filter((l) => protocol === 'detecting' || l.protocol === protocol)
    .map((l) => l.id);

export const useConsoleInput = (options: ConsoleInputOptions): void => {
  const { controller, view, dispatch, current } = options;

  // The auth helper asked: the line editor becomes its two questions until answered or dropped.
  useEffect(() => {
    if (view.ask && !current().credentials) dispatch({ type: 'askUser' });
    if (!view.ask && current().credentials) dispatch({ type: 'askDone' });
  }, [view.ask]);

  const flush = (): void => {
    const lines = current().outbox;
    if (lines.length === 0) return;
    // History is decided before sending: the console masks by the state the line is sent in.
    const history = lines.map((line) => controller.historyEntry(line));
    dispatch({ type: 'sent', history });
    controller.submit(lines);
  };

  const answer = (): void => {
    const screen = current();
    const credentials = screen.credentials;
    if (!credentials || credentials.stage === 'user') {
      if (screen.input.trim() === '') return;
      dispatch({ type: 'askPassword', user: screen.input.trim() });
      return;
    }
    const password = screen.input;
    dispatch({ type: 'askDone' });
    controller.authenticate(credentials.user, password);
  };

  const apply = (edit: FieldEdit): void => {
    const state = controller.getState();
    if (edit.kind === 'submit') {
      if (state.ask) return answer();
      if (state.held) return controller.sendHeld();
    }
    dispatch({ type: 'edit', edit });
    flush();
  };

  // Typed fast or pasted, several lines arrive as one string: each line break is an Enter, so a
  // held line, the helper's questions and plain lines all see them in order.
  const onFieldEdit = (edit: FieldEdit): void => {
    if (edit.kind !== 'insert' || !/[\r\n]/.test(edit.text)) return apply(edit);
    const pieces = edit.text.replace(/\r\n?/g, '\n').split('\n');
    pieces.forEach((piece, i) => {
      if (piece !== '') apply({ kind: 'insert', text: piece });
      if (i < pieces.length - 1) apply({ kind: 'submit' });
    });
  };

  const scroll = (rows: number): void => dispatch({ type: 'scroll', rows, max: options.maxScroll });

  useActions(
    {
      interrupt: options.onInterrupt,
      quit: () => {
        if (!current().typing) options.onQuit();
      },
      help: () => dispatch({ type: 'help', open: !current().helpOpen }),
      cancel: () => {
        const state = controller.getState();
        if (current().helpOpen) dispatch({ type: 'help', open: false });
        else if (state.ask) {
          dispatch({ type: 'askDone' });
          controller.cancelAsk();
        } else if (state.held) controller.dropHeld();
        else if (current().typing) dispatch({ type: 'typing', on: false });
        else options.onLeave?.();
      },
      ...(options.onReport ? { report: options.onReport } : {}),
      run: () => dispatch({ type: 'typing', on: true }),
      edit: () => dispatch({ type: 'typing', on: true }),
      focus: () => {
        if (!controller.getState().ask) return dispatch({ type: 'more', open: !current().more });
        dispatch({ type: 'askDone' });
        controller.authenticateByHand();
      },
      lesson: () => {
        const state = controller.getState();
        const ids = lessonIdsFor(controller, state.protocol);
        const now = state.lesson?.lesson.id;
        const next = now === undefined ? ids[0] : ids[ids.indexOf(now) + 1];
        controller.setLesson(next);
      },
      up: () => (current().typing ? dispatch({ type: 'historyUp' }) : scroll(1)),
      down: () => (current().typing ? dispatch({ type: 'historyDown' }) : scroll(-1)),
      pageUp: () => scroll(Math.max(1, options.page - 1)),
      pageDown: () => scroll(-Math.max(1, options.page - 1)),
    },
    {
      textEntry: () => current().typing,
      onFieldEdit,
      ...(options.isActive !== undefined ? { isActive: options.isActive } : {}),
    },
  );
};
