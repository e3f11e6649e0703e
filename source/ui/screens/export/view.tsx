// The export dialog in the main panel: the formats as a list (ink-select-input), then the path in
// the project's own text field, then where it was written or why not. Also the clipboard notice.
import { Box, Text } from 'ink';
import SelectInput from 'ink-select-input';
import { TextField } from '../../components/text-field.js';
import { useTone } from '../../theme.js';
import type { ReportFormat } from '../../../report/index.js';
import type { ExportState } from './reducer.js';
import { FORMATS } from './reducer.js';

interface Props {
  state: ExportState;
  width: number;
  /** Called by the list when its highlight moves; enter is the input hook's. */
  onHighlight: (format: ReportFormat) => void;
  /** The list has the keyboard (the dialog is on its format stage and on screen). */
  listFocused: boolean;
  /** Without a session (the start screen) there is nothing to export yet. */
  hasSession: boolean;
}

const ITEMS = FORMATS.map((choice) => ({
  key: choice.format,
  label: choice.label,
  value: choice.format,
}));

export const ExportView = ({ state, width, onHighlight, listFocused, hasSession }: Props) => {
  const tone = useTone();
  if (!hasSession && state.stage !== 'copied') {
    return (
      <Box flexDirection="column">
        <Text bold>Export a report</Text>
        <Text> </Text>
        <Text wrap="wrap">Nothing to export yet: choose a target first. esc closes this.</Text>
      </Box>
    );
  }
  if (state.stage === 'copied') {
    return (
      <Box flexDirection="column">
        <Text bold>{state.result ? 'Summary not copied' : 'Summary copied to the clipboard'}</Text>
        <Text dimColor wrap="wrap">
          {state.result
            ? `Not sent: ${state.result}. Select the lines below with the mouse instead.`
            : 'Sent with OSC 52, which works over SSH; a terminal that refuses clipboard requests ignores it silently.'}
        </Text>
        <Text> </Text>
        {(state.copied ?? '').split('\n').map((line, i) => (
          <Text key={i} wrap="truncate-end">
            {line}
          </Text>
        ))}
      </Box>
    );
  }
  const format = FORMATS.find((choice) => choice.format === state.format);
  return (
    <Box flexDirection="column">
      <Text bold>Export a report</Text>
      <Text> </Text>
      {state.stage === 'format' ? (
        <SelectInput
          items={ITEMS}
          isFocused={listFocused}
          initialIndex={Math.max(
            0,
            FORMATS.findIndex((choice) => choice.format === state.format),
          )}
          // Enter is taken by the dialog's own hook, from the highlight as it is when the key
          // arrives: the list's onSelect would see it once more after the path field opened.
          onHighlight={(item) => onHighlight(item.value)}
        />
      ) : (
        <>
          <Text wrap="truncate-end">
            <Text dimColor>Format </Text>
            {format?.label ?? state.format}
          </Text>
          <Box>
            <Box width={7} flexShrink={0}>
              <Text dimColor>Path</Text>
            </Box>
            <TextField
              value={state.path}
              cursor={state.cursor}
              width={Math.max(1, width - 7)}
              focused={state.stage === 'path'}
            />
          </Box>
          <Text dimColor wrap="truncate-end">
            {state.stage === 'path'
              ? 'enter writes it (relative to the directory mailmedic was started in)'
              : ''}
          </Text>
        </>
      )}
      {state.error ? (
        <Text color={tone('error')} wrap="wrap">
          ✗ {state.error}
        </Text>
      ) : null}
      {state.stage === 'writing' ? <Text dimColor>writing…</Text> : null}
      {state.stage === 'written' ? (
        <Text color={tone('ok')} wrap="wrap">
          ✓ Written to {state.result}
        </Text>
      ) : null}
      {state.stage === 'failed' ? (
        <Text color={tone('error')} wrap="wrap">
          ✗ Not written: {state.result}
        </Text>
      ) : null}
    </Box>
  );
};
