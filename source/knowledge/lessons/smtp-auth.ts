import type { Lesson } from './types.js';

export const SMTP_AUTH: Lesson = {
  id: 2,
  title: 'SMTP AUTH LOGIN and AUTH PLAIN: base64, and why 334 VXNlcm5hbWU6 is "Username:"',
  protocol: 'smtp',
  port: 587,
  intro:
    'Connect to a submission port (587, or 465 with --tls implicit) where you have an account. Passwords must only cross inside TLS: on 587 you will type STARTTLS first.',
  source: 'RFC 4954 (SMTP AUTH), RFC 4616 (PLAIN), RFC 4648 (base64)',
  steps: [
    {
      type: 'EHLO <your host name>',
      why: 'See what the server offers before TLS: usually STARTTLS, and no AUTH yet.',
      reply: '250 with the extensions. No AUTH line means: encrypt first.',
      done: '^EHLO\\b',
    },
    {
      type: 'STARTTLS',
      why: 'Switch this connection to TLS; the console does the handshake and checks the certificate.',
      reply: '220: go ahead. The handshake follows; then the session starts over inside TLS.',
      done: '^STARTTLS\\b',
    },
    {
      type: 'EHLO <your host name>',
      why: 'RFC 3207: after TLS everything is forgotten; ask again.',
      reply: '250, now with AUTH PLAIN LOGIN (or other mechanisms).',
      done: '^EHLO\\b',
    },
    {
      type: 'AUTH LOGIN',
      why: 'LOGIN asks for the user and the password in two rounds. The console helps: it asks for both, shows the base64 it builds and masks the password.',
      reply:
        '334 VXNlcm5hbWU6 is base64 for "Username:", 334 UGFzc3dvcmQ6 for "Password:". Each answer is base64 too. 235 means authenticated; 535 5.7.8 means the user or password is wrong.',
      done: '^AUTH\\s+LOGIN\\b',
    },
    {
      type: 'RSET',
      why: 'Nothing to undo here; it shows that AUTH stays valid for the whole session.',
      reply: '250.',
      done: '^RSET\\b',
    },
    {
      type: 'AUTH PLAIN <base64 of NUL user NUL password>',
      why: 'PLAIN sends everything in one base64 string: an empty authorization id, NUL, user, NUL, password. Type it by hand (printf "\\0user\\0password" | base64) or type AUTH PLAIN alone and let the helper build it. A second AUTH in the same session is refused (503): see the answer.',
      reply:
        '503 5.5.1: already authenticated. On a fresh connection: 235 success, 535 wrong credentials, 501 when the base64 is broken (echo without -n adds a newline).',
      done: '^AUTH\\s+PLAIN\\b',
    },
    {
      type: 'QUIT',
      why: 'End the session.',
      reply: '221.',
      done: '^QUIT\\b',
    },
  ],
};
