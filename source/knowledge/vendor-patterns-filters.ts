// Mail filtering services and block lists: Proofpoint, Mimecast, Barracuda, Cisco Secure Email,
// Trend Micro, Cloudmark, Spamhaus and SpamCop. They sit in front of many organisations' own
// servers, so their replies arrive from hosts that are not theirs; each pattern keys on the
// service's own wording, its list zone or its lookup URL. Written from the vendors' public
// documentation; examples use documentation addresses.
import type { VendorPattern } from './types.js';

const PROOFPOINT_BLOCKS = 'https://ipcheck.proofpoint.com/';
const MIMECAST_CODES =
  'https://mimecastsupport.zendesk.com/hc/en-us/articles/34000709564691-Policies-Mimecast-SMTP-Error-Codes';
const BARRACUDA_BRBL = 'https://www.barracudacentral.org/rbl';
const BARRACUDA_ESG = 'https://campus.barracuda.com/product/emailsecuritygateway/';
const CISCO_ESA =
  'https://www.cisco.com/c/en/us/support/security/email-security-appliance/products-user-guide-list.html';
const TREND_ERS = 'https://servicecentral.trendmicro.com/en-us/ers/';
const CLOUDMARK_CSI = 'https://csi.cloudmark.com/';
const SPAMHAUS_FAQ = 'https://www.spamhaus.org/faqs/';
const SPAMCOP_BL = 'https://www.spamcop.net/bl.shtml';

export const FILTER_PATTERNS: VendorPattern[] = [
  // ---------------------------------------------------------------- Proofpoint
  {
    id: 'proofpoint-ip-blocked',
    vendor: 'Proofpoint',
    label: 'IP blocked by Proofpoint reputation',
    pattern: /ipcheck\.proofpoint\.com|support\.proofpoint\.com\/dnsbl-lookup/i,
    summary: "Proofpoint's reputation service blocked the sending IP",
    detail:
      "Organisations behind Proofpoint (its hosts end in pphosted.com or ppe-hosted.com) refuse IPs that Proofpoint's own reputation data marks as spam sources; the same block applies at every Proofpoint customer.",
    fix: 'Look the IP up at the URL in the reply and use the removal request there, after fixing whatever sent spam from the IP.',
    reference: PROOFPOINT_BLOCKS,
    examples: [
      '554 5.7.1 Blocked - see https://ipcheck.proofpoint.com/?ip=192.0.2.1',
      '550 5.7.1 Blocked - see https://support.proofpoint.com/dnsbl-lookup.cgi?ip=192.0.2.1',
    ],
  },
  // ---------------------------------------------------------------- Mimecast
  {
    id: 'mimecast-anti-spoofing',
    vendor: 'Mimecast',
    label: 'anti-spoofing policy',
    pattern:
      /Rejected by header based Anti-Spoofing policy|Anti-Spoofing policy - Inbound not allowed/i,
    summary: "Mimecast refused mail that claims to come from the recipient's own domain",
    detail:
      "Mimecast's anti-spoofing policy rejects inbound mail whose sender address uses one of the organisation's own domains but that arrives from outside (a web form, a marketing service, a scanner sending through another provider).",
    fix: "The recipient's Mimecast administrator must add an anti-spoofing bypass for the sending service (by IP or by a passing SPF/DKIM check); senders should send from their own domain or be authorised.",
    reference: MIMECAST_CODES,
    examples: [
      '550 Rejected by header based Anti-Spoofing policy: bob@example.com',
      '550 Anti-Spoofing policy - Inbound not allowed',
    ],
  },
  {
    id: 'mimecast-envelope-blocked',
    vendor: 'Mimecast',
    label: 'envelope blocked (blocked senders policy)',
    pattern: /Administrative prohibition - envelope blocked|Envelope blocked - (?:User|Policy)/i,
    summary: "A Mimecast blocked-senders policy or a user's block list refused this sender",
    detail:
      '"User Entry" or "User Domain Entry" means a recipient blocked the address or domain themselves; otherwise an administrator\'s policy did.',
    fix: 'Ask the recipient (for a user entry) or their Mimecast administrator (for a policy) to remove the block.',
    reference: MIMECAST_CODES,
    examples: [
      '550 Administrative prohibition - envelope blocked - https://community.mimecast.com/docs/DOC-1369#550',
      '550 Envelope blocked - User Entry - https://community.mimecast.com/docs/DOC-1369#550',
    ],
  },
  {
    id: 'mimecast-invalid-recipient',
    vendor: 'Mimecast',
    label: 'invalid recipient',
    pattern: /Invalid Recipient - https?:\/\/\S*mimecast/i,
    summary: 'Mimecast does not know this recipient address for the organisation',
    detail:
      "Mimecast checks recipients against the addresses it synchronises from the customer's directory; an address missing there is refused, even if the mailbox exists on the server behind.",
    fix: "Check the address; if it is right, the recipient's administrator must add it in Mimecast (or fix directory synchronisation).",
    reference: MIMECAST_CODES,
    examples: ['550 Invalid Recipient - https://community.mimecast.com/docs/DOC-1369#550'],
  },
  {
    id: 'mimecast-greylisting',
    vendor: 'Mimecast',
    label: 'greylisting / reputation deferral',
    pattern: /Internal resource temporarily unavailable - https?:\/\/\S*mimecast/i,
    summary: 'Mimecast deferred the message (greylisting or a poor IP reputation); retry later',
    detail:
      'A 451 from Mimecast asks the sending server to come back later: first contact from a new sender triple, or a reputation check that wants more time.',
    fix: 'Nothing to change for a normal server: the queue retries and the mail goes through; if it never does, ask the recipient to allow the sender.',
    reference: MIMECAST_CODES,
    examples: [
      '451 Internal resource temporarily unavailable - https://community.mimecast.com/docs/DOC-1369#451',
    ],
  },
  {
    id: 'mimecast-security-policy',
    vendor: 'Mimecast',
    label: 'rejected due to security policies',
    pattern: /Email rejected due to security policies/i,
    summary:
      'A Mimecast security policy (virus, attachment, URL or impersonation check) refused it',
    detail:
      "Mimecast's content checks found something its policies do not allow: malware, a blocked attachment type, a dangerous link, or signs of impersonation.",
    fix: "Remove the attachment or link in question, or ask the recipient's administrator which policy matched.",
    reference: MIMECAST_CODES,
    examples: [
      '554 Email rejected due to security policies - https://community.mimecast.com/docs/DOC-1369#554',
    ],
  },
  {
    id: 'mimecast-open-relay',
    vendor: 'Mimecast',
    label: 'open relay not allowed',
    pattern: /Open relay not allowed - https?:\/\/\S*mimecast/i,
    summary: "Mimecast will not relay: the recipient domain is not one of this customer's domains",
    detail:
      'Mimecast accepted the connection on behalf of a customer, but the recipient domain is not registered for that customer (or an outbound sender is not authorised).',
    fix: "For inbound, check the recipient domain's MX really points to Mimecast for that customer; for outbound, the administrator must add the sending IP or authenticate the connection.",
    reference: MIMECAST_CODES,
    examples: ['451 Open relay not allowed - https://community.mimecast.com/docs/DOC-1369#451'],
  },
  // ---------------------------------------------------------------- Barracuda
  {
    id: 'barracuda-brbl',
    vendor: 'Barracuda',
    label: 'Barracuda Reputation Block List',
    pattern:
      /blocked using Barracuda Reputation|barracudacentral\.org|barracudanetworks\.com\/reputation|b\.barracudacentral\.org/i,
    summary: 'The sending IP is on the Barracuda Reputation Block List (BRBL)',
    detail:
      "BRBL is Barracuda's public list of IPs seen sending spam; Barracuda appliances use it by default and many other servers query it too, so the server replying need not be a Barracuda.",
    fix: 'Look the IP up at barracudacentral.org and ask for removal there after fixing the cause (a compromised account, an open relay, a missing PTR record).',
    reference: BARRACUDA_BRBL,
    examples: [
      '554 Service unavailable; Client host [192.0.2.1] blocked using Barracuda Reputation; http://www.barracudanetworks.com/reputation/?pr=1&ip=192.0.2.1',
      '554 5.7.1 Service unavailable; Client host [192.0.2.1] blocked using b.barracudacentral.org',
    ],
  },
  {
    id: 'barracuda-recipients-blocked',
    vendor: 'Barracuda',
    label: 'permanent failure for one or more recipients (blocked)',
    pattern:
      /permanent failure for one or more recipients \([^)]*:\s*(?:blocked|quarantined|rejected)/i,
    summary: 'A Barracuda Email Security Gateway blocked the message for the listed recipients',
    detail:
      'The word after the colon is the verdict: blocked by a spam score, a policy, an intent (URL) check or a virus scan on the appliance in front of the recipient.',
    fix: "Ask the recipient's administrator to look up the message in the Barracuda message log, which shows the reason, and to allow the sender if it is wanted.",
    reference: BARRACUDA_ESG,
    examples: ['550 permanent failure for one or more recipients (bob@example.com:blocked)'],
  },
  // ---------------------------------------------------------------- Cisco Secure Email (IronPort)
  {
    id: 'cisco-sbrs-poor-reputation',
    vendor: 'Cisco Secure Email',
    label: "rejected due to the sending MTA's poor reputation",
    pattern: /rejected due to the sending MTA'?s poor reputation/i,
    summary:
      "Cisco Secure Email (IronPort) refused the connection on the sender's reputation score",
    detail:
      "The gateway's host access table looked the IP up in Talos reputation (SBRS) and the score fell in the block range, so it refused at connection time.",
    fix: 'Check the IP at talosintelligence.com and request a reputation review there; fix what lowered it (spam, compromised accounts, no PTR).',
    reference: 'https://talosintelligence.com/reputation_center',
    examples: [
      "554 Your access to this mail system has been rejected due to the sending MTA's poor reputation. If you believe that this failure is in error, please contact the intended recipient via alternate means.",
    ],
  },
  {
    id: 'cisco-too-many-recipients-hour',
    vendor: 'Cisco Secure Email',
    label: 'too many recipients received this hour',
    pattern: /Too many recipients received this hour/i,
    summary: 'Cisco Secure Email rate-limited this sender (recipients per hour); retry later',
    detail:
      "The gateway's mail flow policy caps how many recipients an IP or sender group may send to per hour; once reached, more are deferred.",
    fix: "Let the queue retry; for legitimate volume, ask the recipient's administrator to place the IP in a sender group with a higher limit.",
    reference: CISCO_ESA,
    examples: ['452 Too many recipients received this hour'],
  },
  {
    id: 'cisco-address-rejected',
    vendor: 'Cisco Secure Email',
    label: '#5.1.0 Address rejected',
    pattern: /(?:#|\b)5\.1\.0 Address rejected\b/i,
    summary: 'Cisco Secure Email does not know this recipient (LDAP accept query failed)',
    detail:
      'The gateway checks recipients against the organisation\'s directory before accepting; an unknown address is refused with its "#5.1.0 Address rejected" wording.',
    fix: "Check the address; if it is right, the recipient's administrator must fix the directory entry or the accept query.",
    reference: CISCO_ESA,
    examples: ['550 #5.1.0 Address rejected bob@example.com'],
    caution:
      'Cisco uses 5.1.0 here for an unknown recipient; the IANA registry X.1.0 is "other address status", so the registry adds nothing.',
  },
  // ---------------------------------------------------------------- Trend Micro
  {
    id: 'trendmicro-ers',
    vendor: 'Trend Micro',
    label: 'Email Reputation Services (ERS) block',
    pattern:
      /Trend Micro (?:Email Reputation|ERS)|ers\.trendmicro\.com|servicecentral\.trendmicro\.com\/\S*ers/i,
    summary: "The sending IP is on Trend Micro's Email Reputation Services list",
    detail:
      'Trend Micro ERS (the former MAPS RBL+) lists IPs that sent spam or that look dynamic; Trend Micro gateways and hosted filters refuse them, so the reply may come from any customer.',
    fix: 'Look the IP up at the Trend Micro ERS portal and request delisting after fixing the cause.',
    reference: TREND_ERS,
    examples: [
      '550 5.7.1 Service unavailable; client [192.0.2.1] blocked using Trend Micro Email Reputation database. Please see https://servicecentral.trendmicro.com/en-us/ers/ip-lookup/?ip=192.0.2.1',
    ],
  },
  {
    id: 'trendmicro-mail-abuse',
    vendor: 'Trend Micro',
    label: 'MAPS (mail-abuse.com) listing',
    pattern: /mail-abuse\.(?:com|org)/i,
    summary: 'The sending IP is on a MAPS list, now run by Trend Micro',
    detail:
      'MAPS (mail-abuse.com) block lists are part of Trend Micro Email Reputation; older servers still link to mail-abuse.com in their replies.',
    fix: 'Look the IP up in the Trend Micro ERS portal and request removal there.',
    reference: TREND_ERS,
    examples: [
      '550 5.7.1 Service unavailable; Client host [192.0.2.1] blocked using Trend Micro RBL+. Please see http://www.mail-abuse.com/cgi-bin/lookup?ip_address=192.0.2.1',
    ],
  },
  // ---------------------------------------------------------------- Cloudmark
  {
    id: 'cloudmark-csi',
    vendor: 'Cloudmark',
    label: 'Cloudmark Sender Intelligence (CSI) block',
    pattern: /csi\.cloudmark\.com|Cloudmark (?:Sender Intelligence|CSI)/i,
    summary: 'The sending IP has a poor score in Cloudmark Sender Intelligence',
    detail:
      'Cloudmark CSI (now part of Proofpoint) scores IPs from spam reports; many providers (Comcast, Orange, Cox and others) refuse IPs it lists.',
    fix: 'Request a reset at csi.cloudmark.com after stopping the spam source; the reply usually gives the lookup link.',
    reference: CLOUDMARK_CSI,
    examples: [
      '550 5.7.1 Service unavailable; Client host [192.0.2.1] blocked using Cloudmark Sender Intelligence; see https://csi.cloudmark.com/reset-request/?ip=192.0.2.1',
    ],
  },
  // ---------------------------------------------------------------- Spamhaus
  {
    id: 'spamhaus-pbl',
    vendor: 'Spamhaus',
    label: 'PBL: IP should not send mail directly',
    pattern:
      /pbl\.spamhaus\.org|spamhaus\.org\/(?:pbl|query\/ip\/\S+[^]*?\bPBL\b)|check\.spamhaus\.org\/\S*pbl/i,
    summary: 'The IP is on the Spamhaus PBL: an address range that should not send mail directly',
    detail:
      'The Policy Block List holds dynamic and end-user ranges, listed by their own ISP; it is not a spam verdict. A home connection or a cloud VM without a mail-server setup sending straight to MX hosts gets this.',
    fix: "Send through the provider's authenticated submission server (port 587); a real mail server on a static IP can be removed from the PBL via the Spamhaus lookup page.",
    reference: 'https://www.spamhaus.org/blocklists/policy-blocklist/',
    examples: [
      '554 5.7.1 Service unavailable; Client host [192.0.2.1] blocked using zen.spamhaus.org; https://www.spamhaus.org/query/ip/192.0.2.1 PBL',
      '550 5.7.1 Client host [192.0.2.1] blocked using pbl.spamhaus.org',
    ],
  },
  {
    id: 'spamhaus-sbl-xbl',
    vendor: 'Spamhaus',
    label: 'SBL/XBL/CSS listing',
    pattern:
      /^(?![^]*(?:Error: open resolver|spamhaus\.org\/returnc))[^]*?(?:(?:zen|sbl|xbl|sbl-xbl)\.spamhaus\.org(?![^]*\bPBL\b)|spamhaus\.org\/(?:sbl|xbl|css)\b|spamhaus\.org\/query\/(?:bl|ip)\b(?![^]*\bPBL\b)|blocked using Spamhaus(?!\.org))/i,
    summary: 'The sending IP is on a Spamhaus list of spam sources or compromised hosts',
    detail:
      'SBL lists spam operations and their hosting, XBL and CSS list hosts that are compromised or sending low-reputation mail. Most servers on the internet consult Spamhaus ZEN, so one listing blocks mail widely.',
    fix: 'Look the IP up at check.spamhaus.org: it says which list and why. Fix the cause (malware, an abused account, an open proxy) before requesting removal.',
    reference: SPAMHAUS_FAQ,
    examples: [
      '554 5.7.1 Service unavailable; Client host [192.0.2.1] blocked using zen.spamhaus.org; https://www.spamhaus.org/sbl/query/SBL123456',
      '550 5.7.1 Service unavailable, Client host [192.0.2.1] blocked using Spamhaus. To request removal from this list see https://www.spamhaus.org/query/ip/192.0.2.1 (AS3130). [DM6NAM12FT001.eop-nam12.prod.protection.outlook.com]',
    ],
  },
  {
    id: 'spamhaus-dbl',
    vendor: 'Spamhaus',
    label: 'DBL: a domain in the message is listed',
    pattern: /dbl\.spamhaus\.org|spamhaus\.org\/(?:dbl|query\/domain)|Spamhaus DBL/i,
    summary: 'A domain in the message (sender, HELO or link) is on the Spamhaus Domain Block List',
    detail:
      'The DBL lists domains used in spam; receivers check the sender domain, the HELO name and every link in the body. A shared link shortener can be the listed domain.',
    fix: 'Find which domain is listed (check.spamhaus.org), remove it from the message or get it delisted, and resend.',
    reference: 'https://www.spamhaus.org/blocklists/domain-blocklist/',
    examples: [
      '554 5.7.1 <bob@example.com>: Sender address rejected: blocked using dbl.spamhaus.org',
    ],
  },
  {
    id: 'spamhaus-open-resolver',
    vendor: 'Spamhaus',
    label: 'receiver queried through a public resolver',
    pattern: /Error: open resolver|spamhaus\.org\/returnc|127\.255\.255\.25[2-5]/i,
    summary:
      "The receiving server's Spamhaus lookup was refused: the fault is on the receiving side",
    detail:
      'Spamhaus does not answer queries that come through public DNS resolvers (8.8.8.8, 1.1.1.1 and the like) or exceed the free limit; it returns a 127.255.255.x error code, which a misconfigured server treats as a listing and refuses everyone.',
    fix: "Nothing is wrong with the sender: tell the receiving server's administrator to query Spamhaus through their own resolver or a Data Query Service key.",
    reference: SPAMHAUS_FAQ,
    examples: [
      '554 5.7.1 Service unavailable; Client host [192.0.2.1] blocked using zen.spamhaus.org; Error: open resolver; https://check.spamhaus.org/returnc/pub/192.0.2.53/',
    ],
  },
  // ---------------------------------------------------------------- SpamCop
  {
    id: 'spamcop-bl',
    vendor: 'SpamCop',
    label: 'SpamCop block list',
    pattern: /bl\.spamcop\.net|spamcop\.net\/(?:bl\.shtml|w3m)/i,
    summary: 'The sending IP is on the SpamCop Blocking List, built from recent spam reports',
    detail:
      'SpamCop lists IPs that users reported for spam in the last days; listings expire on their own within about a day after reports stop.',
    fix: 'Look the IP up on spamcop.net to see when and why, stop the source, and wait for the listing to expire.',
    reference: SPAMCOP_BL,
    examples: [
      '554 5.7.1 Service unavailable; Client host [192.0.2.1] blocked using bl.spamcop.net; Blocked - see https://www.spamcop.net/bl.shtml?192.0.2.1',
    ],
  },
];
