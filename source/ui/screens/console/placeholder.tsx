// What the console would do and where it would connect, shown when it cannot open here: a saved
// session, or a connection that failed (the reason comes first).
import { Box, Text } from 'ink';
import type { ConsoleTarget } from '../../controller.js';

export const ConsolePlaceholder = ({
  target,
  problem,
}: {
  target?: ConsoleTarget;
  problem?: string;
}) => (
  <Box flexDirection="column">
    <Text bold>Manual console</Text>
    <Text> </Text>
    {problem ? <Text wrap="wrap">{problem}</Text> : null}
    <Text wrap="wrap">
      {target
        ? `It will connect to ${target.host} port ${target.port}${target.tls ? ' with TLS' : ''}, the way telnet or openssl s_client would.`
        : 'It will connect to any host and port you name, the way telnet or openssl s_client would.'}
    </Text>
    <Text wrap="wrap">
      You type each command yourself; mailmedic warns before a line that does not fit the
      conversation (you may send it anyway), masks AUTH payloads, explains every reply as it
      arrives, and does the TLS handshake after STARTTLS.
    </Text>
    <Text> </Text>
    <Text dimColor wrap="wrap">
      Esc: back.
    </Text>
  </Box>
);
