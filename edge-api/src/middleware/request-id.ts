/**
 * Every request gets an id, echoed in `X-Request-Id` and in every error body and log line.
 * A caller's own id is kept when it is short and plain (letters, digits, `-`, `_`, `=`, at most
 * 128 characters), so a partner can follow one request across their logs and ours.
 */
const PLAIN_ID = /^[\w\-=]{1,128}$/;

export const REQUEST_ID_HEADER = "X-Request-Id";

/** The caller's id when it is plain, else a fresh UUID. */
export function requestIdFor(incoming: string | undefined): string {
  return incoming !== undefined && PLAIN_ID.test(incoming) ? incoming : crypto.randomUUID();
}
