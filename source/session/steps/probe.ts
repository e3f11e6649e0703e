// A connect-only probe: after port 25 times out, does the submission port of the same host
// answer? If it does, the path to the host works and port 25 is blocked on the way (very often
// by the network or ISP of the person asking).
import { Connection } from '../../net/connection.js';
import { MailmedicError } from '../../protocols/common/errors.js';
import type { StepContext } from './context.js';

export const SUBMISSION_PORT = 587;

export const probeSubmissionPort = async (ctx: StepContext, host: string): Promise<void> => {
  const { recorder, config } = ctx;
  recorder.note(
    'connect',
    `port 25 did not answer; probing port ${SUBMISSION_PORT} on the same host to tell a blocked port from a dead host`,
  );
  const started = Date.now();
  try {
    const connection = await Connection.open({
      host,
      port: SUBMISSION_PORT,
      deadlines: { connect: config.deadlines.connect },
    });
    connection.destroy();
    const ms = Date.now() - started;
    recorder.fact('connect.probe', { host, port: SUBMISSION_PORT, reachable: true, ms });
    recorder.note(
      'connect',
      `port ${SUBMISSION_PORT} answers (${ms} ms): the host is up, port 25 is blocked somewhere between here and there`,
    );
  } catch (error) {
    const code = error instanceof MailmedicError ? error.code : 'EINTERNAL';
    const ms = Date.now() - started;
    recorder.fact('connect.probe', { host, port: SUBMISSION_PORT, reachable: false, code, ms });
    recorder.note(
      'connect',
      `port ${SUBMISSION_PORT} does not answer either (${code}): the host or the path to it is down`,
    );
  }
};
