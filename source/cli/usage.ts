// The --help text: the commands and options of SPEC.md, in the words a user needs.
export const USAGE = `mailmedic — find out, step by step, why mail does not work

Usage:
  mailmedic [TARGET] [options]          full-screen wizard
  mailmedic --lab [SCENARIO]            the wizard against the practice lab (not in this build yet)
  mailmedic check [TARGET] [options]    the same diagnosis without the full-screen UI
  mailmedic open REPORT.json            browse a saved session in the wizard, offline
  mailmedic explain CODE-OR-REPLY       explain "550", "5.7.1" or a pasted reply line
  mailmedic lab [SCENARIO]              run the practice lab servers (not in this build yet)

TARGET is a domain (example.com), an address (bob@example.com), a host, or host:port.

Options (wizard and check):
  --server HOST[:PORT]       SMTP server to test; skips MX selection
  --port N                   SMTP port (default 25 for a domain's MX)
  --tls MODE                 auto | starttls | implicit | none (auto: implicit on 465,
                             STARTTLS whenever offered)
  --insecure                 go on despite certificate problems (they stay findings)
  --plaintext-auth           allow credentials over a connection without TLS (always
                             an error finding)
  --ca-file FILE             also trust the CA certificates in FILE (PEM)
  --ehlo NAME                name for EHLO/HELO (default: this machine's host name)
  --auth-user USER           authenticate as USER
  --auth-mech MECH           auto | plain | login | cram-md5 | xoauth2 (default auto)
  --auth-pass-file FILE      read the password from FILE (or set MAILMEDIC_PASSWORD;
                             otherwise you are asked, masked)
  --from ADDR, --to ADDR     envelope; a message is sent only when --to is given
  --header "Name: value"     extra header for the test message (repeatable)
  --body TEXT|@FILE          body of the test message
  --pop3 HOST[:PORT]         retrieve the test message over POP3 (995 implies TLS;
                             pop3s://HOST:PORT for implicit TLS on another port)
  --imap HOST[:PORT]         retrieve the test message over IMAP (993 implies TLS;
                             imaps://HOST:PORT likewise)
  --mailbox-user USER        mailbox login (default --auth-user)
  --dns IP[:PORT]            resolver to ask (repeatable; default the system's)
  --timeout SECONDS          every network wait (default: connect 10 s, others 30 s)
  --steps LIST               subset of dns,connect,banner,ehlo,tls,auth,send,pop3,imap
  --report FILE              write a report: .md .html .json or .txt
  --redact-identities        in reports also mask addresses, host names and IPs
  --json                     (check) the session JSON on stdout, nothing else
  --lab SCENARIO             (check) the practice lab (not in this build yet)
  --domains-file FILE        (check) many domains, one per line ("-" for stdin)
  --concurrency N            (check) with --domains-file, N at a time (default 8)
  --no-color                 no colours (NO_COLOR is honoured too)
  --help, --version

Exit codes (check): 0 no error found, 1 at least one error finding,
2 usage error, 3 mailmedic itself failed.
`;
