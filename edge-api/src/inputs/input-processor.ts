/**
 * What the upload routes need of an input processor, without the processor itself: the Workers
 * bundle imports this module, never `process-input.ts` (sharp), which only the Node entry passes in.
 */
import type { ErrorCode, InputFormat, InputKind } from "@pixorly/core";

/** An upload after its checks: the bytes to store (oriented upright, metadata stripped) and what they are. */
export interface ProcessedInput {
  body: Uint8Array;
  format: InputFormat;
  contentType: string;
  width: number;
  height: number;
}

export type InputProcessor = (bytes: Uint8Array, kind: InputKind) => Promise<ProcessedInput>;

/** An upload refused for what its bytes are; the message names the problem and may be shown as is. */
export class InputRejection extends Error {
  constructor(
    readonly code: Extract<
      ErrorCode,
      "INPUT_UNSUPPORTED_TYPE" | "INPUT_TOO_LARGE" | "INPUT_TOO_MANY_PIXELS" | "INPUT_UNREADABLE"
    >,
    message: string,
  ) {
    super(message);
    this.name = "InputRejection";
  }
}
