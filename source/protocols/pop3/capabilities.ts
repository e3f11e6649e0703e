// What a CAPA answer says the server can do (RFC 2449 6 and the extension RFCs).

export interface Pop3CapabilityTag {
  /** Upper-cased: "SASL". */
  name: string;
  params: string[];
}

export interface Pop3Capabilities {
  tags: Pop3CapabilityTag[];
  /** SASL mechanisms (RFC 5034), upper-cased. */
  sasl: string[];
  stls: boolean;
  user: boolean;
  top: boolean;
  uidl: boolean;
  pipelining: boolean;
  respCodes: boolean;
  authRespCode: boolean;
  utf8: boolean;
  /** EXPIRE: days, or "NEVER"; may carry "USER" after it. */
  expire?: string;
  /** LOGIN-DELAY: seconds between logins. */
  loginDelay?: number;
  implementation?: string;
}

export const parseCapabilities = (lines: readonly string[]): Pop3Capabilities => {
  const caps: Pop3Capabilities = {
    tags: [],
    sasl: [],
    stls: false,
    user: false,
    top: false,
    uidl: false,
    pipelining: false,
    respCodes: false,
    authRespCode: false,
    utf8: false,
  };
  for (const line of lines) {
    const words = line.trim().split(/\s+/).filter(Boolean);
    const head = words[0];
    if (!head) continue;
    const name = head.toUpperCase();
    const params = words.slice(1);
    caps.tags.push({ name, params });
    switch (name) {
      case 'SASL':
        for (const mech of params.map((p) => p.toUpperCase())) {
          if (!caps.sasl.includes(mech)) caps.sasl.push(mech);
        }
        break;
      case 'STLS':
        caps.stls = true;
        break;
      case 'USER':
        caps.user = true;
        break;
      case 'TOP':
        caps.top = true;
        break;
      case 'UIDL':
        caps.uidl = true;
        break;
      case 'PIPELINING':
        caps.pipelining = true;
        break;
      case 'RESP-CODES':
        caps.respCodes = true;
        break;
      case 'AUTH-RESP-CODE':
        caps.authRespCode = true;
        break;
      case 'UTF8':
        caps.utf8 = true;
        break;
      case 'EXPIRE':
        if (params.length > 0) caps.expire = params.join(' ');
        break;
      case 'LOGIN-DELAY': {
        const seconds = Number(params[0]);
        if (Number.isSafeInteger(seconds) && seconds >= 0) caps.loginDelay = seconds;
        break;
      }
      case 'IMPLEMENTATION':
        caps.implementation = params.join(' ');
        break;
      default:
        break;
    }
  }
  return caps;
};
