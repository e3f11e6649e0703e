// What support engineers paste: bounces, NDRs, MTA log lines and mail clients' logs, shaped like
// the real ones (documentation addresses). For each, explain() must find the innermost reply, its
// code and enhanced code, and name a vendor only when the text identifies one.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { explain } from '../../source/knowledge/index.js';

interface Case {
  family: string;
  text: string;
  /** The innermost reply's code; null when the text has none. */
  code: number | null;
  enhanced: string | null;
  /** The first vendor named, or null when none may be named. */
  vendor: string | null;
  /** A pattern id that must be among the matches. */
  id?: string;
  /** A fragment the found reply text must contain. */
  reply?: string;
  /** For POP3/IMAP lines: the response code found. */
  mailboxCode?: string;
}

const GMAIL_NO_USER = [
  '<nobody@gmail.com>: host gmail-smtp-in.l.google.com[192.0.2.5] said:',
  '    550-5.1.1 The email account that you tried to reach does not exist. Please',
  "    550-5.1.1 try double-checking the recipient's email address for typos or",
  '    550-5.1.1 unnecessary spaces. Learn more at',
  '    550 5.1.1  https://support.google.com/mail/?p=NoSuchUser a1si123 - gsmtp (in',
  '    reply to RCPT TO command)',
].join('\n');

const CASES: Case[] = [
  // ------------------------------------------------------------------ Exchange NDRs
  {
    family: 'exchange',
    text: "Remote Server returned '554 5.3.0 < #5.3.0 smtp; 550 Rejected by header based Anti-Spoofing policy: bob@example.com>'",
    code: 550,
    enhanced: null,
    vendor: 'Mimecast',
    reply: 'Rejected by header based Anti-Spoofing policy: bob@example.com',
  },
  {
    family: 'exchange',
    text: "Remote Server returned '554 5.7.1 <DM3NAM03FT063.mail.protection.outlook.com #5.7.1 smtp;550 5.7.1 Service unavailable, Client host [192.0.2.9] blocked using Spamhaus. To request removal from this list see http://www.spamhaus.org/lookup.lasso (AS16012611)>'",
    code: 550,
    enhanced: '5.7.1',
    vendor: 'Microsoft 365',
    id: 'spamhaus-sbl-xbl',
  },
  {
    family: 'exchange',
    text: "Remote Server returned '550 5.1.1 RESOLVER.ADR.RecipNotFound; not found'",
    code: 550,
    enhanced: '5.1.1',
    vendor: 'Microsoft 365',
    reply: 'RESOLVER.ADR.RecipNotFound; not found',
  },
  {
    family: 'exchange',
    text: "Remote Server returned '< #5.0.0 smtp; 5.4.7 - Delivery expired (message too old) 'timeout' (delivery attempts: 0)>'",
    code: null,
    enhanced: '5.4.7',
    vendor: null,
    reply: 'Delivery expired (message too old)',
  },
  {
    family: 'exchange',
    text: '#550 5.1.1 RESOLVER.ADR.RecipNotFound; not found ##',
    code: 550,
    enhanced: '5.1.1',
    vendor: 'Microsoft 365',
    reply: 'RESOLVER.ADR.RecipNotFound; not found',
  },
  {
    family: 'exchange',
    text: "Diagnostic information for administrators:\nGenerating server: EX01.example.org\nbob@example.com\nRemote Server returned '550 5.7.708 Service unavailable. Access denied, traffic not accepted from this IP. [AM0PR01MB1234.eurprd01.prod.exchangelabs.com]'",
    code: 550,
    enhanced: '5.7.708',
    vendor: 'Microsoft 365',
  },
  {
    family: 'exchange',
    text: "Remote Server returned '550 5.7.1 Unfortunately, messages from [192.0.2.1] weren't sent. Please contact your Internet service provider since part of their network is on our block list (S3150). You can also refer your provider to http://mail.live.com/mail/troubleshooting.aspx#errors.'",
    code: 550,
    enhanced: '5.7.1',
    vendor: 'Outlook.com',
  },
  {
    family: 'exchange',
    text: "Remote Server returned '554 5.4.14 Hop count exceeded - possible mail loop ATTR34 [DM6NAM12FT001.eop-nam12.prod.protection.outlook.com]'",
    code: 554,
    enhanced: '5.4.14',
    vendor: null,
  },
  // ------------------------------------------------------------------ Postfix bounces and logs
  {
    family: 'postfix',
    text: GMAIL_NO_USER,
    code: 550,
    enhanced: '5.1.1',
    vendor: 'Gmail',
    id: 'gmail-no-such-user',
    reply: 'https://support.google.com/mail/?p=NoSuchUser a1si123 - gsmtp',
  },
  {
    family: 'postfix',
    text: '<bob@yahoo.com>: host mta5.am0.yahoodns.net[192.0.2.3] said: 554 30 Sorry, your message to bob@yahoo.com cannot be delivered. This mailbox is disabled (554.30). (in reply to end of DATA command)',
    code: 554,
    enhanced: null,
    vendor: 'Yahoo',
  },
  {
    family: 'postfix',
    text: '<bob@t-online.de>: host mx00.t-online.de[192.0.2.9] refused to talk to me: 554 IP=192.0.2.1 - A problem occurred. (Ask your postmaster for help or to contact tosa@rx.t-online.de to clarify.) (BL)',
    code: 554,
    enhanced: null,
    vendor: 'T-Online',
    id: 'tonline-bl',
  },
  {
    family: 'postfix',
    text: 'May  1 10:00:00 mx postfix/smtp[1234]: 4ABC123: to=<bob@gmail.com>, relay=gmail-smtp-in.l.google.com[192.0.2.5]:25, delay=2, delays=0/0/1/1, dsn=4.7.28, status=deferred (host gmail-smtp-in.l.google.com[192.0.2.5] said: 421-4.7.28 Gmail has detected an unusual rate of email originating from your IP address 192.0.2.1. To protect our users from spam, email sent from your IP address has been temporarily rate limited. a1si123 - gsmtp (in reply to end of DATA command))',
    code: 421,
    enhanced: '4.7.28',
    vendor: 'Gmail',
  },
  {
    family: 'postfix',
    text: 'May  1 10:00:00 mx postfix/smtp[1234]: 4ABC123: to=<bob@example.com>, relay=mx.example.com[192.0.2.1]:25, delay=1, dsn=4.2.0, status=deferred (host mx.example.com[192.0.2.1] said: 450 4.2.0 <bob@example.com>: Recipient address rejected: Greylisted, see http://postgrey.schweikert.ch/help/example.com.html (in reply to RCPT TO command))',
    code: 450,
    enhanced: '4.2.0',
    vendor: 'postgrey',
  },
  {
    family: 'postfix',
    text: 'May  1 10:00:00 mx postfix/smtp[1234]: 4ABC123: to=<bob@example.com>, relay=none, delay=30, dsn=4.4.1, status=deferred (connect to mx.example.com[192.0.2.1]:25: Connection timed out)',
    code: null,
    enhanced: '4.4.1',
    vendor: 'Postfix',
    id: 'postfix-connect-failed',
  },
  {
    family: 'postfix',
    text: 'May  1 10:00:00 mx postfix/smtpd[2768]: NOQUEUE: reject: RCPT from unknown[192.0.2.1]: 554 5.7.1 <bob@example.org>: Relay access denied; from=<a@example.com> to=<bob@example.org> proto=ESMTP helo=<client>',
    code: 554,
    enhanced: '5.7.1',
    vendor: 'Postfix',
    reply: '<bob@example.org>: Relay access denied',
  },
  {
    family: 'postfix',
    text: 'May  1 10:00:00 mx postfix/smtpd[2768]: NOQUEUE: reject: RCPT from unknown[192.0.2.1]: 554 5.7.1 Service unavailable; Client host [192.0.2.1] blocked using zen.spamhaus.org; https://www.spamhaus.org/query/ip/192.0.2.1; from=<a@example.com> to=<bob@example.org> proto=ESMTP helo=<client>',
    code: 554,
    enhanced: '5.7.1',
    vendor: 'Spamhaus',
  },
  {
    family: 'postfix',
    text: "<bob@gmail.com>: host gmail-smtp-in.l.google.com[192.0.2.5] said:\n    550-5.7.26 Unauthenticated email from example.com is not accep\n    ted due to domain's DMARC policy. Please contact the administrator of\n    example.com domain if this was a legitimate mail. (in reply to end of DATA\n    command)",
    code: 550,
    enhanced: '5.7.26',
    vendor: 'Gmail',
    id: 'gmail-dmarc-policy',
  },
  {
    family: 'postfix',
    text: '<bob@comcast.net>: host mx1a1.comcast.net[192.0.2.4] said: 554 resimta-po-01v.sys.comcast.net resimta-po-01v.sys.comcast.net 192.0.2.1 found on one or more DNSBLs, see http://postmaster.comcast.net/smtp-error-codes.php#BL000001 (in reply to MAIL FROM command)',
    code: 554,
    enhanced: null,
    vendor: 'Comcast',
  },
  {
    family: 'postfix',
    text: '<bob@orange.fr>: host smtp-in.orange.fr[192.0.2.10] refused to talk to me: 421 mwinf5c01 ME Trop de connexions, veuillez verifier votre configuration. Too many connections, slow down. OFR004_104 [104]',
    code: 421,
    enhanced: null,
    vendor: 'Orange',
  },
  {
    family: 'postfix',
    text: '<bob@free.fr>: host mx1.free.fr[192.0.2.11] said: 421 Too many spams from your IP (192.0.2.1), please visit http://postmaster.free.fr/ (in reply to RCPT TO command)',
    code: 421,
    enhanced: null,
    vendor: 'Free',
  },
  {
    family: 'postfix',
    text: '<bob@example.com>: host mx0a-001b2d01.pphosted.com[192.0.2.12] said: 554 5.7.1 Blocked - see https://ipcheck.proofpoint.com/?ip=192.0.2.1 (in reply to MAIL FROM command)',
    code: 554,
    enhanced: '5.7.1',
    vendor: 'Proofpoint',
  },
  {
    family: 'postfix',
    text: '<bob@example.com>: host mx.example.com[192.0.2.1] said: 550 Mailbox not found (in reply to RCPT TO command)',
    code: 550,
    enhanced: null,
    vendor: null,
    reply: 'Mailbox not found',
  },
  {
    family: 'postfix',
    text: '<abc123@privaterelay.appleid.com>: host mx01.mail.icloud.com[192.0.2.7] said: 550 5.1.1 <abc123@privaterelay.appleid.com>: unknown or illegal alias (in reply to RCPT TO command)',
    code: 550,
    enhanced: '5.1.1',
    vendor: 'iCloud',
    id: 'icloud-hide-my-email-relay',
  },
  // ------------------------------------------------------------------ greetings and multi-line
  {
    family: 'greeting',
    text: '554-gmx.net (mxgmx104) Nemesis ESMTP Service not available 554-No SMTP service 554-IP address is block listed. 554 For explanation visit https://postmaster.gmx.net/en/case?c=r0201&i=ip&v=192.0.2.1&r=1MNcgj',
    code: 554,
    enhanced: null,
    vendor: 'GMX',
    reply: 'IP address is block listed',
  },
  {
    family: 'greeting',
    text: '554-web.de (mxweb112) Nemesis ESMTP Service not available\n554-No SMTP service\n554-IP address is block listed.\n554 For explanation visit https://postmaster.web.de/en/case?c=r0201&i=ip&v=192.0.2.1&r=1abc',
    code: 554,
    enhanced: null,
    vendor: 'WEB.DE',
  },
  {
    family: 'greeting',
    text: '554-mx.example.com ESMTP not accepting messages\n554 Too many connections from your network',
    code: 554,
    enhanced: null,
    vendor: null,
    reply: 'Too many connections from your network',
  },
  {
    family: 'multi-line',
    text: '550-5.7.26 This mail has been blocked because the sender is 550-5.7.26 unauthenticated. Gmail requires all senders to authenticate with 550-5.7.26 either SPF or DKIM. 550-5.7.26 550-5.7.26  Authentication results: 550-5.7.26  DKIM = did not pass 550-5.7.26  SPF [example.com] with ip: [192.0.2.1] = did not pass 550 5.7.26 a1si123 - gsmtp',
    code: 550,
    enhanced: '5.7.26',
    vendor: 'Gmail',
    id: 'gmail-unauthenticated',
  },
  {
    family: 'multi-line',
    text: '550-Mailbox unknown.  Either there is no mailbox associated with this\n550-name or you do not have authorization to see it.\n550 5.1.1 User unknown',
    code: 550,
    enhanced: null,
    vendor: 'Cyrus',
  },
  // ------------------------------------------------------------------ Exim
  {
    family: 'exim',
    text: '2024-05-01 12:00:00 1rA2bC-000123-AB ** bob@example.com R=dnslookup T=remote_smtp H=mx.example.com [192.0.2.9]: SMTP error from remote mail server after RCPT TO:<bob@example.com>: 550 5.1.1 <bob@example.com>: Recipient address rejected: User unknown in virtual mailbox table',
    code: 550,
    enhanced: '5.1.1',
    vendor: 'Postfix',
  },
  {
    family: 'exim',
    text: '2024-05-01 12:00:00 1rA2bC-000123-AB == bob@example.com R=dnslookup T=remote_smtp defer (-45) H=mx.example.com [192.0.2.9]: SMTP error from remote mail server after MAIL FROM:<alice@example.org> SIZE=1234: 451 4.7.1 Please try again later',
    code: 451,
    enhanced: '4.7.1',
    vendor: null,
  },
  {
    family: 'exim',
    text: "This message was created automatically by mail delivery software.\n\nA message that you sent could not be delivered to one or more of its\nrecipients. This is a permanent error. The following address(es) failed:\n\n  bob@hotmail.com\n    host hotmail-com.olc.protection.outlook.com [192.0.2.33]\n    SMTP error from remote mail server after pipelined MAIL FROM:<alice@example.org> SIZE=1655:\n    550 5.7.1 Unfortunately, messages from [192.0.2.1] weren't sent. Please contact your Internet service provider since part of their network is on our block list (S3140). You can also refer your provider to http://mail.live.com/mail/troubleshooting.aspx#errors. [AM5EUR02FT027.eop-EUR02.prod.protection.outlook.com]",
    code: 550,
    enhanced: '5.7.1',
    vendor: 'Outlook.com',
  },
  {
    family: 'exim',
    text: '2024-05-01 12:00:00 1rA2bC-000123-AB ** bob@icloud.com R=dnslookup T=remote_smtp H=mx01.mail.icloud.com [192.0.2.7]: SMTP error from remote mail server after end of data: 554 5.7.1 [CS02] Message rejected due to local policy. Please visit https://support.apple.com/en-us/HT204137',
    code: 554,
    enhanced: '5.7.1',
    vendor: 'iCloud',
  },
  {
    family: 'exim',
    text: '2024-05-01 12:00:00 H=(client) [192.0.2.1] F=<a@example.org> rejected RCPT <bob@example.com>: relay not permitted',
    code: null,
    enhanced: null,
    vendor: 'Exim',
  },
  {
    family: 'exim',
    text: '  bob@example.com\n    host mx.example.com [192.0.2.9]\n    SMTP error from remote mail server after RCPT TO:<bob@example.com>:\n    550 Invalid Recipient - https://community.mimecast.com/docs/DOC-1369#550 [a1b2c3.uk1]',
    code: 550,
    enhanced: null,
    vendor: 'Mimecast',
  },
  // ------------------------------------------------------------------ qmail
  {
    family: 'qmail',
    text: "Hi. This is the qmail-send program at mail.example.org.\nI'm afraid I wasn't able to deliver your message to the following addresses.\n\n<bob@hotmail.com>:\nConnected to 192.0.2.184 but sender was rejected.\nRemote host said: 550 SC-001 (SNT004-MC4F53) Unfortunately, messages from 192.0.2.137 weren't sent. Please contact your Internet service provider since part of their network is on our block list. You can also refer your provider to http://mail.live.com/mail/troubleshooting.aspx#errors.",
    code: 550,
    enhanced: null,
    vendor: 'Outlook.com',
  },
  {
    family: 'qmail',
    text: "<bob@example.com>:\nConnected to 192.0.2.1 but sender was rejected.\nRemote host said: 553 sorry, that domain isn't in my list of allowed rcpthosts (#5.7.1)",
    code: 553,
    enhanced: '5.7.1',
    vendor: 'qmail',
    reply: "sorry, that domain isn't in my list of allowed rcpthosts",
  },
  {
    family: 'qmail',
    text: '<bob@example.com>:\n192.0.2.1 does not like recipient.\nRemote host said: 550 Invalid recipient: <bob@example.com>\nGiving up on 192.0.2.1.',
    code: 550,
    enhanced: null,
    vendor: null,
    reply: 'Invalid recipient: <bob@example.com>',
  },
  {
    family: 'qmail',
    text: '<bob@example.com>:\nSorry, no mailbox here by that name. (#5.1.1)',
    code: null,
    enhanced: '5.1.1',
    vendor: 'qmail',
  },
  // ------------------------------------------------------------------ application logs
  {
    family: 'app-log',
    text: '{"level":"error","msg":"send failed","error":"550-5.7.1 [192.0.2.1] Our system has detected that this message is\\n550-5.7.1 likely unsolicited mail. To reduce the amount of spam sent to Gmail,\\n550 5.7.1 this message has been blocked. a1si123 - gsmtp"}',
    code: 550,
    enhanced: '5.7.1',
    vendor: 'Gmail',
    id: 'gmail-likely-unsolicited',
    reply: 'this message has been blocked. a1si123 - gsmtp',
  },
  {
    family: 'app-log',
    text: 'Error: Invalid login: 535-5.7.8 Username and Password not accepted. Learn more at\n535 5.7.8  https://support.google.com/mail/?p=BadCredentials a1sm123 - gsmtp',
    code: 535,
    enhanced: '5.7.8',
    vendor: 'Gmail',
  },
  {
    family: 'app-log',
    text: "smtplib.SMTPAuthenticationError: (535, b'5.7.8 Username and Password not accepted. Learn more at\\n5.7.8  https://support.google.com/mail/?p=BadCredentials a1sm123 - gsmtp')",
    code: 535,
    enhanced: '5.7.8',
    vendor: 'Gmail',
    reply:
      'Username and Password not accepted. Learn more at https://support.google.com/mail/?p=BadCredentials',
  },
  {
    family: 'app-log',
    text: 'An error occurred while sending mail. The mail server responded: 5.7.1 <bob@example.com>: Relay access denied. Please check the message recipient "bob@example.com" and try again.',
    code: null,
    enhanced: '5.7.1',
    vendor: 'Postfix',
  },
  {
    family: 'app-log',
    text: "The following recipient(s) cannot be reached:\n\n      'bob@example.com' on 5/1/2024 10:00 AM\n            550 5.1.1 <bob@example.com>: Recipient address rejected: User unknown in local recipient table",
    code: 550,
    enhanced: '5.1.1',
    vendor: 'Postfix',
  },
  {
    family: 'app-log',
    text: 'System.Net.Mail.SmtpException: The SMTP server requires a secure connection or the client was not authenticated. The server response was: 5.7.57 Client not authenticated to send mail. Error: 535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Tenant. Visit https://aka.ms/smtp_auth_disabled for more information.',
    code: 535,
    enhanced: '5.7.139',
    vendor: 'Microsoft 365',
    id: 'microsoft-smtp-auth-disabled',
  },
  // ------------------------------------------------------------------ bare replies (providers)
  {
    family: 'reply',
    text: '554 5.2.0 STOREDRV.Submission.Exception:SendAsDeniedException.MapiExceptionSendAsDenied; Failed to process message due to a permanent exception with message Cannot submit message.',
    code: 554,
    enhanced: '5.2.0',
    vendor: 'Microsoft 365',
    id: 'microsoft-sendas-denied-exception',
  },
  {
    family: 'reply',
    text: "535 5.7.139 Authentication unsuccessful, user is locked by your organization's security defaults policy. Contact your administrator.",
    code: 535,
    enhanced: '5.7.139',
    vendor: 'Microsoft 365',
    id: 'microsoft-security-defaults',
  },
  {
    family: 'reply',
    text: '421 4.7.0 [TSS04] Messages from 192.0.2.1 temporarily deferred due to unexpected volume or user complaints - 4.16.55.1; see https://senders.yahooinc.com/error-codes',
    code: 421,
    enhanced: '4.7.0',
    vendor: 'Yahoo',
  },
  {
    family: 'reply',
    text: '554 5.7.9 Message not accepted for policy reasons. [PH01] See https://senders.yahooinc.com/error-codes',
    code: 554,
    enhanced: '5.7.9',
    vendor: 'Yahoo',
    id: 'yahoo-ph01-policy',
  },
  {
    family: 'reply',
    text: '552-5.7.0 This message was blocked because its content presents a potential\n552-5.7.0 security issue. Please visit\n552-5.7.0  https://support.google.com/mail/?p=BlockedMessage to review our\n552 5.7.0 message content and attachment content guidelines. a1si123 - gsmtp',
    code: 552,
    enhanced: '5.7.0',
    vendor: 'Gmail',
    id: 'gmail-blocked-attachment',
  },
  {
    family: 'reply',
    text: '421 4.7.28 Your email has been temporarily rate limited due to very low reputation of the sending domain. a1si123 - gsmtp',
    code: 421,
    enhanced: '4.7.28',
    vendor: 'Gmail',
  },
  {
    family: 'reply',
    text: '554 Service unavailable; Client host [192.0.2.1] blocked using Barracuda Reputation; http://www.barracudanetworks.com/reputation/?pr=1&ip=192.0.2.1',
    code: 554,
    enhanced: null,
    vendor: 'Barracuda',
  },
  {
    family: 'reply',
    text: '550 permanent failure for one or more recipients (bob@example.com:blocked)',
    code: 550,
    enhanced: null,
    vendor: 'Barracuda',
  },
  {
    family: 'reply',
    text: "554 Your access to this mail system has been rejected due to the sending MTA's poor reputation. If you believe that this failure is in error, please contact the intended recipient via alternate means.",
    code: 554,
    enhanced: null,
    vendor: 'Cisco Secure Email',
  },
  {
    family: 'reply',
    text: '550 #5.1.0 Address rejected bob@example.com',
    code: 550,
    enhanced: '5.1.0',
    vendor: 'Cisco Secure Email',
  },
  {
    family: 'reply',
    text: '550 5.7.1 Service unavailable; client [192.0.2.1] blocked using Trend Micro Email Reputation database. Please see https://servicecentral.trendmicro.com/en-us/ers/ip-lookup/?ip=192.0.2.1',
    code: 550,
    enhanced: '5.7.1',
    vendor: 'Trend Micro',
  },
  {
    family: 'reply',
    text: '550 5.7.1 Service unavailable; Client host [192.0.2.1] blocked using Cloudmark Sender Intelligence; see https://csi.cloudmark.com/reset-request/?ip=192.0.2.1',
    code: 550,
    enhanced: '5.7.1',
    vendor: 'Cloudmark',
  },
  {
    family: 'reply',
    text: '554 5.7.1 Service unavailable; Client host [192.0.2.1] blocked using bl.spamcop.net; Blocked - see https://www.spamcop.net/bl.shtml?192.0.2.1',
    code: 554,
    enhanced: '5.7.1',
    vendor: 'SpamCop',
  },
  {
    family: 'reply',
    text: '554 5.7.1 Service unavailable; Client host [192.0.2.1] blocked using zen.spamhaus.org; Error: open resolver; https://check.spamhaus.org/returnc/pub/192.0.2.53/',
    code: 554,
    enhanced: '5.7.1',
    vendor: 'Spamhaus',
    id: 'spamhaus-open-resolver',
  },
  {
    family: 'reply',
    text: '553 5.1.8 <alice@nonexistent.example>... Domain of sender address alice@nonexistent.example does not exist',
    code: 553,
    enhanced: '5.1.8',
    vendor: 'Sendmail',
  },
  {
    family: 'reply',
    text: '571 Delivery not authorized, message refused.',
    code: 571,
    enhanced: null,
    vendor: 'Courier',
  },
  {
    family: 'reply',
    text: '550 5.7.1 [CS01] Message rejected due to local policy. Please visit https://support.apple.com/en-us/HT204137',
    code: 550,
    enhanced: '5.7.1',
    vendor: 'iCloud',
  },
  // ------------------------------------------------------------------ POP3 / IMAP in client logs
  {
    family: 'mailbox-log',
    text: '2024-05-01 10:00:00.123 - IMAP: S: 5 NO [AUTHENTICATIONFAILED] Invalid credentials (Failure)',
    code: null,
    enhanced: null,
    vendor: 'Gmail',
    mailboxCode: 'AUTHENTICATIONFAILED',
  },
  {
    family: 'mailbox-log',
    text: 'fetchmail: IMAP< A0002 NO [AUTHENTICATIONFAILED] Authentication failed.',
    code: null,
    enhanced: null,
    vendor: 'Dovecot',
    mailboxCode: 'AUTHENTICATIONFAILED',
  },
  {
    family: 'mailbox-log',
    text: 'fetchmail: POP3< -ERR [AUTH] Username and password not accepted.',
    code: null,
    enhanced: null,
    vendor: 'Gmail',
    mailboxCode: 'AUTH',
  },
  {
    family: 'mailbox-log',
    text: "Receiving reported error (0x800CCC92) : 'Your e-mail server rejected your login. Verify your user name and password for your incoming e-mail server in Account Settings. The server responded: -ERR Logon failure: unknown user name or bad password.'",
    code: null,
    enhanced: null,
    vendor: 'Microsoft 365',
  },
  {
    family: 'mailbox-log',
    text: 'IMAP< A0001 NO [WEBALERT https://accounts.google.com/signin/continue?sarp=1&scc=1&plt=AKgnsbs] Web login required.',
    code: null,
    enhanced: null,
    vendor: 'Gmail',
    mailboxCode: 'WEBALERT',
  },
  {
    family: 'mailbox-log',
    text: 'S: A1 NO AUTHENTICATE failed.',
    code: null,
    enhanced: null,
    vendor: 'Microsoft 365',
  },
  {
    family: 'mailbox-log',
    text: 'POP3 server said: -ERR Invalid user name or password. Please use full email address as user name.',
    code: null,
    enhanced: null,
    vendor: 'hMailServer',
  },
  {
    family: 'mailbox-log',
    text: 'imap: S: * BYE Disconnected for inactivity.',
    code: null,
    enhanced: null,
    vendor: 'Dovecot',
  },
  {
    family: 'mailbox-log',
    text: 'IMAP< A0001 NO [ALERT] Application-specific password required: https://support.google.com/accounts/answer/185833 (Failure)',
    code: null,
    enhanced: null,
    vendor: 'Gmail',
    mailboxCode: 'ALERT',
  },
  {
    family: 'mailbox-log',
    text: 'imapsync: Failure: can not login: a1 NO Login failed: authentication failure',
    code: null,
    enhanced: null,
    vendor: 'Cyrus',
  },
  {
    family: 'mailbox-log',
    text: 'zmmailboxd: authentication failed for [bob@example.com] (account.AUTH_FAILED)',
    code: null,
    enhanced: null,
    vendor: 'Zimbra',
  },
];

describe('pasted texts: the innermost reply, its codes and its vendor', () => {
  it('covers at least 60 texts across every family', () => {
    assert.ok(CASES.length >= 60, `only ${CASES.length} cases`);
    const families = new Set(CASES.map((c) => c.family));
    for (const family of [
      'exchange',
      'postfix',
      'exim',
      'qmail',
      'greeting',
      'app-log',
      'mailbox-log',
    ])
      assert.ok(families.has(family), family);
  });

  for (const c of CASES) {
    it(`${c.family}: ${c.text.replace(/\s+/g, ' ').slice(0, 90)}`, () => {
      const e = explain(c.text);
      assert.notEqual(e.kind, 'unknown', e.notes.join(' '));
      assert.equal(e.basic?.code ?? null, c.code, 'reply code');
      assert.equal(e.enhanced?.code ?? null, c.enhanced, 'enhanced code');
      const vendors = e.vendor.map((pattern) => pattern.vendor);
      assert.equal(
        vendors[0] ?? null,
        c.vendor,
        `vendors: ${e.vendor.map((p) => p.id).join(', ')}`,
      );
      if (c.vendor === null) assert.deepEqual(vendors, []);
      if (c.id)
        assert.ok(
          e.vendor.some((pattern) => pattern.id === c.id),
          `expected ${c.id} in ${e.vendor.map((p) => p.id).join(', ')}`,
        );
      if (c.reply) assert.ok(e.replyText?.includes(c.reply), `reply text: ${e.replyText}`);
      if (c.mailboxCode) assert.equal(e.imap?.code ?? e.pop3?.code, c.mailboxCode);
    });
  }
});

describe('pasted texts: hostile or huge input', () => {
  it('explains or declines every shape without throwing, and reads at most 64 KiB', () => {
    const inputs = [
      '550: 421- 5.7.1 ; ( < # '.repeat(4000),
      `${'<'.repeat(70000)}550 5.1.1 x`,
      "Remote Server returned '554 5.3.0 < #5.3.0 smtp; 550 ".repeat(500),
      '550-\u001b[31mred\u001b[0m 550 5.7.1 \u0000 done',
      '\\n\\n\\n550\\n',
      ")))))>>>>>'''550 5.7.1 x(((((",
    ];
    for (const input of inputs) {
      const e = explain(input);
      assert.ok(e.layers.length <= 40, `${e.layers.length} layers`);
      assert.ok((e.replyText ?? '').length <= 64 * 1024);
    }
    // A reply after the first 64 KiB is not read.
    assert.equal(explain(`${'x '.repeat(40000)}550 5.1.1 late`).kind, 'unknown');
  });
});
