// The lab's own certificate authority, made fresh at every start: a CA and the server
// certificates the scenarios present (a good one, an expired one, one for the wrong name). P-256
// keys and signatures come from node:crypto in about a millisecond each, so the lab starts fast;
// the lab's sessions trust the CA the way --ca-file does, and nothing else ever will.
import { createHash, generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import {
  bits,
  boolean,
  explicit,
  integer,
  octets,
  oid,
  sequence,
  set,
  time,
  tlv,
  utf8,
} from './der.js';

export interface IssuedCertificate {
  /** PEM of the certificate. */
  cert: string;
  /** PEM (PKCS#8) of its private key. */
  key: string;
}

export interface LabCertificates {
  ca: IssuedCertificate;
  /** For the lab's mail host names, valid now. */
  good: IssuedCertificate;
  /** The same names, but it expired yesterday. */
  expired: IssuedCertificate;
  /** Valid, but for a name the lab's hosts do not have. */
  wrongName: IssuedCertificate;
}

const ECDSA_SHA256 = sequence(oid('1.2.840.10045.4.3.2'));
const DAY = 86_400_000;

const name = (commonName: string): Buffer =>
  sequence(
    set(sequence(oid('2.5.4.10'), utf8('mailmedic practice lab'))),
    set(sequence(oid('2.5.4.3'), utf8(commonName))),
  );

const extension = (id: string, critical: boolean, value: Buffer): Buffer =>
  sequence(oid(id), ...(critical ? [boolean(true)] : []), octets(value));

const keyId = (spki: Buffer): Buffer => createHash('sha1').update(spki).digest();

const ipBytes = (address: string): Buffer | undefined => {
  if (/^\d+\.\d+\.\d+\.\d+$/.test(address)) return Buffer.from(address.split('.').map(Number));
  if (address === '::1') return Buffer.from([...new Array<number>(15).fill(0), 1]);
  return undefined;
};

const altNames = (names: readonly string[]): Buffer =>
  sequence(
    ...names.map((n) => {
      const ip = ipBytes(n);
      return ip ? tlv(0x87, ip) : tlv(0x82, Buffer.from(n, 'ascii'));
    }),
  );

interface Subject {
  commonName: string;
  names?: readonly string[];
  notBefore: Date;
  notAfter: Date;
  ca?: boolean;
}

const pem = (label: string, der: Buffer): string =>
  `-----BEGIN ${label}-----\n${
    der
      .toString('base64')
      .match(/.{1,64}/g)
      ?.join('\n') ?? ''
  }\n-----END ${label}-----\n`;

interface Issuer {
  commonName: string;
  key: KeyObject;
  keyId: Buffer;
}

const issue = (
  subject: Subject,
  publicSpki: Buffer,
  issuer: Issuer | 'self',
  selfKey: KeyObject,
) => {
  const signer =
    issuer === 'self'
      ? { commonName: subject.commonName, key: selfKey, keyId: keyId(publicSpki) }
      : issuer;
  const serial = randomBytes(16);
  serial[0] = serial[0]! & 0x7f;
  const extensions = subject.ca
    ? [
        extension('2.5.29.19', true, sequence(boolean(true))),
        // keyCertSign and cRLSign: bits 5 and 6.
        extension('2.5.29.15', true, bits(Buffer.from([0x06]), 1)),
        extension('2.5.29.14', false, octets(keyId(publicSpki))),
      ]
    : [
        extension('2.5.29.19', true, sequence()),
        // digitalSignature: bit 0.
        extension('2.5.29.15', true, bits(Buffer.from([0x80]), 7)),
        extension('2.5.29.37', false, sequence(oid('1.3.6.1.5.5.7.3.1'))),
        extension('2.5.29.17', false, altNames(subject.names ?? [subject.commonName])),
        extension('2.5.29.14', false, octets(keyId(publicSpki))),
        extension('2.5.29.35', false, sequence(tlv(0x80, signer.keyId))),
      ];
  const tbs = sequence(
    explicit(0, integer(2)),
    integer(serial),
    ECDSA_SHA256,
    name(signer.commonName),
    sequence(time(subject.notBefore), time(subject.notAfter)),
    name(subject.commonName),
    publicSpki,
    explicit(3, sequence(...extensions)),
  );
  const signature = sign('sha256', tbs, signer.key);
  return pem('CERTIFICATE', sequence(tbs, ECDSA_SHA256, bits(signature)));
};

const newKey = () => {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return {
    privateKey,
    spki: publicKey.export({ type: 'spki', format: 'der' }),
    pem: privateKey.export({ type: 'pkcs8', format: 'pem' }) as string,
  };
};

/** A fresh CA and the lab's server certificates for `names` (host names and addresses). */
export const makeLabCertificates = (
  names: readonly string[],
  wrongName: string,
  now = new Date(),
): LabCertificates => {
  const at = now.getTime();
  const caKey = newKey();
  const caName = `mailmedic practice lab CA ${now.toISOString().slice(0, 10)}`;
  const ca = issue(
    {
      commonName: caName,
      notBefore: new Date(at - DAY),
      notAfter: new Date(at + 30 * DAY),
      ca: true,
    },
    caKey.spki,
    'self',
    caKey.privateKey,
  );
  const issuer: Issuer = { commonName: caName, key: caKey.privateKey, keyId: keyId(caKey.spki) };
  // One key for the server certificates: they differ in what they say, not in the key.
  const serverKey = newKey();
  const leaf = (subject: Subject): IssuedCertificate => ({
    cert: issue(subject, serverKey.spki, issuer, serverKey.privateKey),
    key: serverKey.pem,
  });
  return {
    ca: { cert: ca, key: caKey.pem },
    good: leaf({
      commonName: names[0]!,
      names,
      notBefore: new Date(at - DAY),
      notAfter: new Date(at + 30 * DAY),
    }),
    expired: leaf({
      commonName: names[0]!,
      names,
      notBefore: new Date(at - 90 * DAY),
      notAfter: new Date(at - DAY),
    }),
    wrongName: leaf({
      commonName: wrongName,
      names: [wrongName],
      notBefore: new Date(at - DAY),
      notAfter: new Date(at + 30 * DAY),
    }),
  };
};
