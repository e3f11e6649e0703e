// OpenSSL's error strings ("80FC21E41C7F0000:error:0A00010B:SSL routines:ssl3_get_record:wrong
// version number:../deps/openssl/ssl/record/ssl3_record.c:350:\n") carry one readable part, the
// reason; the rest is a thread id, a packed code, a function and a source file. Shown to people,
// only the reason (and anything around the OpenSSL string) is kept. net/ may already have joined
// the lines and dropped the last colon ("…ssl3_record.c:350"): that form is read the same way.

const OPENSSL_ERROR =
  /(?:\b[0-9A-F]{8,16}:)?error:[0-9A-F]{6,8}:[^:\n]*:[^:\n]*:([^:\n]+):[^:\s]*:\d+(?::[^\n]*?)?(?=\\n|\n|$)/gi;

/** A TLS error message as a sentence: OpenSSL internals reduced to their reason, no "\n". */
export const readableTlsError = (message: string): string =>
  message
    .replace(OPENSSL_ERROR, (_all, reason: string) => reason.trim())
    .replace(/\\n|\r?\n/g, ' ')
    .replace(/\s+/g, ' ')
    .replace(/[\s:;,]+$/, '')
    .trim();
