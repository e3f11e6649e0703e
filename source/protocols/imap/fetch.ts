// The attributes of a "* n FETCH (...)" response (RFC 3501 7.4.2, RFC 9051 7.5.2), the parts a
// retrieval needs named, the rest kept as parsed values.
import { RemoteProtocolError } from '../common/errors.js';
import type { ImapValue } from './values.js';
import { listTexts, valueText } from './values.js';

export interface ImapFetch {
  /** Message sequence number. */
  number: number;
  uid?: number;
  /** RFC822.SIZE */
  size?: number;
  flags?: string[];
  internalDate?: string;
  /** BODY[HEADER] or RFC822.HEADER. */
  header?: Buffer;
  /** BODY[] (whole or partial) or RFC822. */
  body?: Buffer;
  /** Every body section by the name the server gave it, upper-cased ("BODY[HEADER.FIELDS (MESSAGE-ID)]"); NIL is null. */
  sections: Record<string, Buffer | null>;
  /** Attributes not modelled here, as parsed. */
  other: Record<string, ImapValue>;
}

/** Parses the attribute list; `raw` (the response's first line) goes on any error. */
export const parseFetch = (number: number, attributes: ImapValue, raw?: Uint8Array): ImapFetch => {
  const fail = (message: string): never => {
    throw new RemoteProtocolError(`malformed FETCH response: ${message}`, raw);
  };
  const numberOf = (name: string, value: ImapValue): number =>
    value.type === 'number' ? value.value : fail(`${name} is not a number`);
  const sectionData = (name: string, value: ImapValue): Buffer | null => {
    if (value.type === 'nil') return null;
    if (value.type === 'string') return value.value;
    return fail(`${name} is not a string`);
  };
  if (attributes.type !== 'list') return fail('the attributes are not a parenthesised list');
  const items = attributes.items;
  if (items.length % 2 !== 0) fail('an attribute has no value');
  const fetch: ImapFetch = { number, sections: {}, other: {} };
  for (let i = 0; i < items.length; i += 2) {
    const key = items[i]!;
    const value = items[i + 1]!;
    if (key.type !== 'atom') return fail(`expected an attribute name, got a ${key.type}`);
    const name = key.value.toUpperCase();
    if (name === 'UID') fetch.uid = numberOf(name, value);
    else if (name === 'RFC822.SIZE') fetch.size = numberOf(name, value);
    else if (name === 'FLAGS') fetch.flags = listTexts(value) ?? fail('FLAGS is not a list');
    else if (name === 'INTERNALDATE')
      fetch.internalDate = valueText(value) ?? fail('INTERNALDATE is not a string');
    else if (name.startsWith('BODY[') || name.startsWith('BINARY[') || name.startsWith('RFC822')) {
      const data = sectionData(name, value);
      fetch.sections[name] = data;
      if (data === null) continue;
      if (name === 'BODY[HEADER]' || name === 'RFC822.HEADER') fetch.header = data;
      if (name === 'BODY[]' || name.startsWith('BODY[]<') || name === 'RFC822') fetch.body = data;
    } else {
      fetch.other[name] = value;
    }
  }
  return fetch;
};
