// The server side of SASL PLAIN (RFC 4616), shared by the lab's POP3 and IMAP servers.
export const decodePlain = (base64: string): { user: string; password: string } | undefined => {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(base64)) return undefined;
  const parts = Buffer.from(base64, 'base64').toString('utf8').split('\0');
  if (parts.length !== 3) return undefined;
  return { user: parts[1]!, password: parts[2]! };
};
