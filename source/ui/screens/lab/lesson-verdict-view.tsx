// The end of a lesson: whether the diagnosis named the scenario's cause, and the fix on the server
// side. Shown under the steps while the wizard runs against the practice lab.
import { Box, Text } from 'ink';
import { useTone } from '../../theme.js';
import type { LabLesson, LessonVerdict } from './lesson.js';

interface Props {
  lesson: LabLesson;
  verdict: LessonVerdict;
}

export const LessonVerdictView = ({ lesson, verdict }: Props) => {
  const tone = useTone();
  const head = (() => {
    switch (verdict.kind) {
      case 'running':
        return <Text dimColor>Lesson “{lesson.title}”: the verdict comes when the run ends.</Text>;
      case 'healthy':
        return (
          <Text color={tone('ok')}>
            ✓ Lesson “{lesson.title}”: nothing wrong found, as expected. This is what working looks
            like.
          </Text>
        );
      case 'healthy-broken':
        return (
          <Text color={tone('error')}>
            ✗ Lesson “{lesson.title}”: the healthy lab should show no error, but:{' '}
            {verdict.errors.join(', ')}
          </Text>
        );
      case 'found':
        return (
          <Text color={tone('ok')}>
            ✓ Lesson “{lesson.title}”: the diagnosis named the cause: {verdict.finding.title} (
            {verdict.finding.id})
          </Text>
        );
      case 'missed':
        return (
          <Text color={tone('error')}>
            ✗ Lesson “{lesson.title}”: the diagnosis did not name the cause (expected{' '}
            {verdict.expected.join(' or ')})
          </Text>
        );
    }
  })();
  return (
    <Box flexDirection="column">
      {head}
      {verdict.kind === 'found' || verdict.kind === 'missed' ? (
        <Text wrap="wrap">The fix: {verdict.fix}</Text>
      ) : null}
    </Box>
  );
};
