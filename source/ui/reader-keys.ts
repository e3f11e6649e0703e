// Footer and help entries for reading a transcript (see use-reader-input.ts).
import type { HelpItem } from './components/help-panel.js';
import type { FooterItem } from './keymap.js';
import type { ReaderState } from './transcript-reader.js';

export const READER_HELP: readonly HelpItem[] = [
  { actions: ['top', 'bottom'], description: 'First or last line of the transcript' },
  { actions: ['find'], description: 'Find text in the transcript (enter: go, esc: clear)' },
  { actions: ['findNext', 'findPrevious'], description: 'Next or previous match, while finding' },
  { actions: ['selectPrevious', 'selectNext'], description: 'Select the previous or next reply' },
  { actions: ['explain'], description: 'Full explanation of the selected line (esc closes)' },
  {
    actions: ['tools'],
    description: 'The same check with swaks, openssl, curl or dig (esc closes)',
  },
];

/** While finding, the footer is about finding; otherwise the screen's own (undefined). */
export const readerFooter = (state: ReaderState): FooterItem[] | undefined => {
  if (state.typing)
    return [
      { actions: ['run'], label: 'find' },
      { actions: ['cancel'], label: 'cancel' },
    ];
  if (state.tools) return [{ actions: ['tools'], label: 'close' }];
  if (state.panel)
    return [
      { actions: ['selectPrevious'], label: 'previous' },
      { actions: ['selectNext'], label: 'next' },
      { actions: ['explain'], label: 'close' },
    ];
  if (state.searching)
    return [
      { actions: ['findNext', 'findPrevious'], label: 'match' },
      { actions: ['explain'], label: 'explain' },
      { actions: ['cancel'], label: 'clear' },
    ];
  return undefined;
};
