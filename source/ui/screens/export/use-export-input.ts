// The export dialog's keys. The format list (ink-select-input) reads its own keys; this hook has
// the path field, esc and enter around it. It owns the keyboard while the dialog is open (see
// KeyContext in use-actions.ts), so a letter typed into the path cannot move a step as well.
import type { Dispatch } from 'react';
import { useActions } from '../../use-actions.js';
import type { ExportAction, ExportState } from './reducer.js';

export const EXPORT_OWNER = 'export';

interface Options {
  current: () => ExportState;
  dispatch: Dispatch<ExportAction>;
  /** Enter on the format list: take the highlighted format. */
  onChoose: () => void;
  /** Enter in the path field. */
  onSubmit: () => void;
  onClose: () => void;
  isActive: boolean;
}

export const useExportInput = ({
  current,
  dispatch,
  onChoose,
  onSubmit,
  onClose,
  isActive,
}: Options) => {
  useActions(
    {
      cancel: () => {
        const stage = current().stage;
        if (stage === 'path') dispatch({ type: 'back' });
        else if (stage !== 'writing') onClose();
      },
      run: () => {
        const stage = current().stage;
        if (stage === 'format') onChoose();
        else if (stage === 'failed') dispatch({ type: 'back' });
      },
    },
    {
      isActive,
      owner: EXPORT_OWNER,
      textEntry: () => current().stage === 'path',
      onFieldEdit: (edit) =>
        edit.kind === 'submit' ? onSubmit() : dispatch({ type: 'edit', edit }),
    },
  );
};
