// The tag=value TXT records that sit beside a mail domain: DMARC (RFC 7489) at _dmarc, MTA-STS
// (RFC 8461) at _mta-sts and SMTP TLS reporting (RFC 8460) at _smtp._tls. Each is recognised by
// its version tag; more than one such record means receivers use none of them.

export interface TagRecord {
  /** Tag names lower-cased, in record order; a later duplicate does not replace the first. */
  tags: Record<string, string>;
  errors: string[];
}

/** "v=X; a=b; c=d" into tags. The version tag must come first. */
export const parseTags = (record: string, version: string): TagRecord => {
  const tags: Record<string, string> = {};
  const errors: string[] = [];
  const parts = record.split(';').map((p) => p.trim());
  if (parts.length > 0 && parts[parts.length - 1] === '') parts.pop();
  parts.forEach((part, index) => {
    const eq = part.indexOf('=');
    if (eq <= 0) {
      errors.push(`"${part}" is not tag=value`);
      return;
    }
    const name = part.slice(0, eq).trim().toLowerCase();
    const value = part.slice(eq + 1).trim();
    if (!/^[a-z][a-z0-9_]*$/.test(name)) errors.push(`"${name}" is not a valid tag name`);
    if (index === 0 && (name !== 'v' || value !== version))
      errors.push(`the record must start with "v=${version}"`);
    if (name in tags) errors.push(`tag ${name} appears more than once`);
    else tags[name] = value;
  });
  if (parts.length === 0) errors.push(`the record is empty, expected "v=${version}; ..."`);
  return { tags, errors };
};

const startsWithVersion = (text: string, version: string): boolean =>
  new RegExp(`^v\\s*=\\s*${version}\\s*(;|$)`).test(text);

export const selectTagged = (txts: readonly string[], version: string): string[] =>
  txts.filter((t) => startsWithVersion(t, version));

export interface DmarcFacts {
  policy?: string;
  subdomainPolicy?: string;
  pct?: number;
  rua: string[];
}

const DMARC_POLICIES = new Set(['none', 'quarantine', 'reject']);

const uriList = (value: string | undefined): string[] =>
  value === undefined
    ? []
    : value
        .split(',')
        .map((u) => u.trim())
        .filter((u) => u !== '');

export const analyseDmarc = (record: string): TagRecord & DmarcFacts => {
  const parsed = parseTags(record, 'DMARC1');
  const { tags, errors } = parsed;
  const facts: DmarcFacts = { rua: uriList(tags.rua) };
  if (tags.p === undefined)
    errors.push('the required p= tag (none, quarantine or reject) is missing');
  else if (!DMARC_POLICIES.has(tags.p.toLowerCase()))
    errors.push(`p=${tags.p} is not none, quarantine or reject`);
  else facts.policy = tags.p.toLowerCase();
  if (tags.sp !== undefined) {
    if (DMARC_POLICIES.has(tags.sp.toLowerCase())) facts.subdomainPolicy = tags.sp.toLowerCase();
    else errors.push(`sp=${tags.sp} is not none, quarantine or reject`);
  }
  if (tags.pct !== undefined) {
    if (/^[0-9]{1,3}$/.test(tags.pct) && Number(tags.pct) <= 100) facts.pct = Number(tags.pct);
    else errors.push(`pct=${tags.pct} is not a number from 0 to 100`);
  }
  for (const tag of ['adkim', 'aspf'] as const) {
    const value = tags[tag];
    if (value !== undefined && value !== 'r' && value !== 's')
      errors.push(`${tag}=${value} is not r or s`);
  }
  for (const uri of [...facts.rua, ...uriList(tags.ruf)]) {
    if (!/^[a-z][a-z0-9+.-]*:/i.test(uri))
      errors.push(`"${uri}" is not a URI (reports go to mailto:...)`);
  }
  return { ...parsed, ...facts };
};

export const analyseMtaSts = (record: string): TagRecord & { id?: string } => {
  const parsed = parseTags(record, 'STSv1');
  const id = parsed.tags.id;
  if (id === undefined) parsed.errors.push('the required id= tag is missing');
  else if (!/^[A-Za-z0-9]{1,32}$/.test(id))
    parsed.errors.push(`id=${id} must be 1 to 32 letters and digits`);
  return id !== undefined && /^[A-Za-z0-9]{1,32}$/.test(id) ? { ...parsed, id } : parsed;
};

export const analyseTlsRpt = (record: string): TagRecord & { rua: string[] } => {
  const parsed = parseTags(record, 'TLSRPTv1');
  const rua = uriList(parsed.tags.rua);
  if (parsed.tags.rua === undefined) parsed.errors.push('the required rua= tag is missing');
  for (const uri of rua) {
    if (!/^(mailto:|https:)/i.test(uri))
      parsed.errors.push(`"${uri}" is neither mailto: nor https:`);
  }
  return { ...parsed, rua };
};
