// The start screen: what the user is trying to fix, as a list of choices; then only the questions
// that goal needs. Every refusal says exactly what is wrong and puts the cursor where to fix it.
import { Box, Text } from 'ink';
import { ChoiceList } from '../../components/choice-list.js';
import { useTone } from '../../theme.js';
import { SettingsView } from '../settings/view.js';
import type { StartState } from './reducer.js';
import { GOALS } from './reducer.js';

interface Props {
  state: StartState;
  /** Why the controller could not start the last request; the screen's own refusal comes first. */
  problem?: string;
  scenarios: readonly string[];
  width: number;
  height: number;
}

export const StartView = ({ state, problem, scenarios, width, height }: Props) => {
  const tone = useTone();
  const error = state.error ?? problem;
  const chosen = GOALS.find((g) => g.goal === state.goal);
  if (chosen && state.form) {
    return (
      <Box flexDirection="column">
        <SettingsView
          state={state.form}
          width={width}
          height={Math.max(3, height - (problem ? 1 : 0))}
          title={chosen.label}
          subtitle={`${chosen.detail} · esc: back`}
          save={chosen.goal === 'console' ? 'Open the console' : 'Start'}
        />
        {problem && !state.form.error ? (
          <Text color={tone('error')} wrap="truncate-end">
            {problem}
          </Text>
        ) : null}
      </Box>
    );
  }
  if (chosen?.goal === 'lab') {
    return (
      <Box flexDirection="column">
        <Text bold>Practice lab</Text>
        <Text> </Text>
        {scenarios.length === 0 ? (
          <Text wrap="wrap">
            No practice lab here (a saved session has no servers to start). The lab runs built-in
            servers on this machine, one lesson per scenario: `mailmedic --lab`. Esc: back.
          </Text>
        ) : (
          <ChoiceList
            items={scenarios.map((scenario) => ({ key: scenario, label: scenario }))}
            index={state.choice}
          />
        )}
        {error ? (
          <Text color={tone('error')} wrap="truncate-end">
            {error}
          </Text>
        ) : null}
      </Box>
    );
  }
  return (
    <Box flexDirection="column">
      <Text bold>What should mailmedic diagnose? What are you trying to fix?</Text>
      <Text> </Text>
      <ChoiceList
        items={GOALS.map((g) => ({ key: g.goal, label: `${g.label}  (${g.detail})` }))}
        index={state.choice}
      />
      {error ? (
        <>
          <Text> </Text>
          <Text color={tone('error')} wrap="wrap">
            {error}
          </Text>
        </>
      ) : null}
      <Text> </Text>
      <Text dimColor wrap="truncate-end">
        Or start with a target: mailmedic example.com · mailmedic mail.example.com:587 --auth-user …
      </Text>
    </Box>
  );
};
