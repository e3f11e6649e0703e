// What each step is called on screen and what it will do, in the words a support engineer would
// use on a call. Wording only; the steps themselves live in session/.
import type { StepId } from '../record/types.js';

export interface StepInfo {
  title: string;
  does: string;
}

export const STEP_INFO: Record<StepId, StepInfo> = {
  dns: {
    title: 'DNS',
    does: "Look up the domain's MX records and the addresses of its mail servers.",
  },
  connect: {
    title: 'Connect',
    does: 'Open a TCP connection to the mail server, the way telnet would.',
  },
  banner: {
    title: 'Banner',
    does: 'Read the greeting the server sends first (220) and who it says it is.',
  },
  ehlo: {
    title: 'EHLO',
    does: 'Introduce ourselves with EHLO and read which extensions the server offers.',
  },
  tls: {
    title: 'TLS',
    does: 'Switch to an encrypted connection (STARTTLS or implicit) and check the certificate.',
  },
  auth: {
    title: 'Authentication',
    does: 'Log in with the chosen mechanism; secrets are masked in the transcript.',
  },
  send: {
    title: 'Send',
    does: 'Hand over a test message: MAIL FROM, RCPT TO, DATA, and the queue id.',
  },
  pop3: {
    title: 'POP3',
    does: 'Log in to the mailbox over POP3 and look for the test message.',
  },
  imap: {
    title: 'IMAP',
    does: 'Log in to the mailbox over IMAP and look for the test message.',
  },
};
