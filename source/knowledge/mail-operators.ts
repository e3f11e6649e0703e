// Who runs a mail server, from its host name or from a marker its replies carry. Used to say
// "this reply came from Gmail" when the reply text alone does not identify the provider; a host
// name is identifying text, generic wording is not.

export interface MailOperator {
  operator: string;
  /** Host names the operator's inbound servers use (matched against the end of the name). */
  hosts: RegExp;
  /** Text its replies carry, when any ("gsmtp" ends Google's replies). */
  marker?: RegExp;
}

export const MAIL_OPERATORS: MailOperator[] = [
  {
    operator: 'Gmail',
    hosts: /(?:^|\.)(?:google\.com|googlemail\.com)$/i,
    marker: /\s-\s+gsmtp\b/,
  },
  {
    operator: 'Microsoft 365 / Outlook.com',
    hosts: /(?:^|\.)(?:outlook\.com|hotmail\.com|office365\.com|microsoft\.com)$/i,
    marker:
      /\.prod\.(?:protection\.)?outlook\.com\b|\.eop-[a-z0-9]+\.prod\.protection\.outlook\.com/i,
  },
  { operator: 'Yahoo / AOL', hosts: /(?:^|\.)(?:yahoodns\.net|yahoo\.com|aol\.com)$/i },
  { operator: 'iCloud', hosts: /(?:^|\.)(?:icloud\.com|me\.com|mac\.com|apple\.com)$/i },
  { operator: 'Comcast', hosts: /(?:^|\.)comcast\.net$/i },
  { operator: 'GMX', hosts: /(?:^|\.)gmx\.(?:net|com|de)$/i },
  { operator: 'WEB.DE', hosts: /(?:^|\.)web\.de$/i },
  { operator: 'T-Online', hosts: /(?:^|\.)t-online\.de$/i },
  { operator: 'Orange', hosts: /(?:^|\.)(?:orange\.fr|wanadoo\.fr)$/i },
  { operator: 'Free', hosts: /(?:^|\.)free\.fr$/i },
  { operator: 'Proofpoint', hosts: /(?:^|\.)(?:pphosted\.com|ppe-hosted\.com)$/i },
  { operator: 'Mimecast', hosts: /(?:^|\.)mimecast\.com$/i },
  { operator: 'Barracuda', hosts: /(?:^|\.)barracudanetworks\.com$/i },
  { operator: 'Cisco Secure Email', hosts: /(?:^|\.)iphmx\.com$/i },
];

/** The operator behind a host name or a reply text, when one is known. */
export const mailOperator = (host: string | undefined, text: string): string | undefined => {
  const name = host?.toLowerCase().replace(/\.$/, '');
  for (const entry of MAIL_OPERATORS) {
    if (name && entry.hosts.test(name)) return entry.operator;
    if (entry.marker?.test(text)) return entry.operator;
  }
  return undefined;
};
