// The settings form: every setting of the run on its own row, the focused one marked "›". The
// password shows as dots while typed and never otherwise; a change applies to the next run.
import { Box, Text } from 'ink';
import { TextField } from '../../components/text-field.js';
import { useTone } from '../../theme.js';
import type { SettingsFormState } from './reducer.js';
import { passwordNeeded, saveRow } from './reducer.js';

const LABEL_WIDTH = 17;

interface Props {
  state: SettingsFormState;
  width: number;
  height: number;
  title?: string;
  subtitle?: string;
  /** The last row's words. */
  save?: string;
}

export const SettingsView = ({
  state,
  width,
  height,
  title = 'Settings',
  subtitle = 'they apply to the next run',
  save = 'Use these settings',
}: Props) => {
  const FIELDS = state.fields;
  const SAVE_ROW = saveRow(state);
  const tone = useTone();
  // Title, blank, the save row and the message take four rows; the rest scroll with the focus.
  const room = Math.max(1, height - 4);
  const first = Math.min(Math.max(0, state.focus - room + 1), Math.max(0, FIELDS.length - room));
  const shown = FIELDS.slice(first, first + room);
  const fieldWidth = Math.max(1, width - 2 - LABEL_WIDTH);
  return (
    <Box flexDirection="column" height={height} overflow="hidden">
      <Text bold wrap="truncate-end">
        {title} <Text dimColor>· {subtitle}</Text>
      </Text>
      <Text> </Text>
      {shown.map((field) => {
        const index = FIELDS.indexOf(field);
        const focused = index === state.focus;
        const raw = state.values[field.id];
        const value = field.masked ? '•'.repeat([...raw].length) : raw;
        const needed = field.id === 'password' && passwordNeeded(state);
        const empty =
          field.id === 'password' && state.hadPassword && !needed
            ? 'kept (type to change)'
            : field.hint;
        return (
          <Box key={field.id}>
            <Text color={focused ? tone('accent') : undefined} bold>
              {focused ? '› ' : '  '}
            </Text>
            <Box width={LABEL_WIDTH} flexShrink={0}>
              <Text bold={focused} wrap="truncate-end">
                {field.label}
              </Text>
            </Box>
            <Box flexShrink={1}>
              {focused && state.editing ? (
                <TextField value={value} cursor={state.cursor} width={fieldWidth} focused />
              ) : field.choices ? (
                <Text wrap="truncate-end">{focused ? `‹ ${raw} ›` : raw}</Text>
              ) : raw ? (
                <Text wrap="truncate-end">{value}</Text>
              ) : (
                <Text
                  dimColor={!needed}
                  color={needed ? tone('warning') : undefined}
                  wrap="truncate-end"
                >
                  {needed ? 'needed: the user changed' : empty}
                </Text>
              )}
            </Box>
          </Box>
        );
      })}
      <Box>
        <Text color={state.focus === SAVE_ROW ? tone('accent') : undefined} bold>
          {state.focus === SAVE_ROW ? '› ' : '  '}
        </Text>
        <Text bold={state.focus === SAVE_ROW}>{save}</Text>
      </Box>
      {state.error ? (
        <Text color={tone('error')} wrap="truncate-end">
          {state.error}
        </Text>
      ) : null}
    </Box>
  );
};
