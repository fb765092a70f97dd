/**
 * Every request gets an id, echoed in `X-Request-Id` and in every error body and log line.
 * A caller's own id is kept when it is short and plain (letters, digits, `-`, `_`, `=`),
 * so a partner can follow one request across their logs and ours.
 */
import { requestId as honoRequestId } from "hono/request-id";

export const requestId = () => honoRequestId({ headerName: "X-Request-Id", limitLength: 128 });
