// The smallest full-screen Ink app, bundled as mailmedic is: what ink, react and yoga cost before
// any of mailmedic's code. Its first frame and memory are the floor under the wizard's figures
// (bench/table.ts, "floor" rows). It leaves by itself, so GNU time can read its peak.
import { Box, Text, render } from 'ink';

declare const __MAILMEDIC_VERSION__: string;

process.stdout.write('\x1b[?1049h');
const app = render(
  <Box borderStyle="round" paddingX={1}>
    <Text bold>mailmedic</Text>
    <Text> v{__MAILMEDIC_VERSION__}</Text>
  </Box>,
);
setTimeout(() => {
  app.unmount();
  process.stdout.write('\x1b[?1049l');
}, 300);
