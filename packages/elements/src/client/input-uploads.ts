/**
 * Uploads an image (or a mask) to work from: `POST {apiUrl}/v1/inputs` with the caller's token, the
 * raw file as the body (issue 16). The edge API checks the bytes and answers `{ inputId, … }` or the
 * house error body `{ code, message }`, whose message is shown as it is. XMLHttpRequest rather than
 * `fetch`: only it reports upload progress in every supported browser.
 */
import { IMAGE_INPUT_LIMITS, type InputKind, type UploadedInput } from "@pixorly/core";
import { msg, str } from "../i18n/localize.js";

export interface UploadInputOptions {
  kind?: InputKind;
  /** Called with the share sent so far, 0–1. */
  onProgress?: (fraction: number) => void;
  signal?: AbortSignal;
}

/** The upload was refused or failed: `code` from core's error table (or `NETWORK`), `message` for people. */
export class InputUploadError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "InputUploadError";
  }
}

const TYPES = ["image/png", "image/jpeg", "image/webp"];

/**
 * What is wrong with `file` before it is sent (its type as the browser names it, its size), or null.
 * The edge API checks the bytes again: a file may lie about its type.
 */
export function inputFileProblem(file: { type: string; size: number; name?: string }): string | null {
  const name = file.name || msg("This file");
  const limit = IMAGE_INPUT_LIMITS.maxBytes / 1024 / 1024;
  if (!TYPES.includes(file.type)) return msg(str`${name} is not a PNG, JPEG or WebP image.`);
  if (file.size > IMAGE_INPUT_LIMITS.maxBytes)
    return msg(str`${name} is ${(file.size / 1024 / 1024).toFixed(1)} MB; images can be at most ${limit} MB.`);
  if (file.size === 0) return msg(str`${name} is empty.`);
  return null;
}

export function uploadInput(
  apiUrl: string,
  token: string | null,
  file: Blob,
  options: UploadInputOptions = {},
): Promise<UploadedInput> {
  return new Promise((resolve, reject) => {
    if (!token) return reject(new InputUploadError("UNAUTHENTICATED", msg("Sign in to upload images.")));
    const request = new XMLHttpRequest();
    const url = new URL("v1/inputs", apiUrl.endsWith("/") ? apiUrl : `${apiUrl}/`);
    if (options.kind === "mask") url.searchParams.set("kind", "mask");
    request.open("POST", url);
    request.setRequestHeader("Authorization", `Bearer ${token}`);
    request.setRequestHeader("Content-Type", file.type || "application/octet-stream");
    request.responseType = "json";
    request.upload.onprogress = (event) => {
      if (event.lengthComputable) options.onProgress?.(event.loaded / event.total);
    };
    request.onload = () => {
      const body = (request.response ?? {}) as Partial<UploadedInput> & { code?: string; message?: string };
      if (request.status === 201 && typeof body.inputId === "string") {
        options.onProgress?.(1);
        return resolve(body as UploadedInput);
      }
      reject(
        new InputUploadError(
          body.code ?? `HTTP_${request.status}`,
          body.message ?? msg(str`The upload was refused (HTTP ${request.status}).`),
        ),
      );
    };
    request.onerror = () =>
      reject(
        new InputUploadError("NETWORK", msg("The upload could not reach Pixorly. Check the connection and try again.")),
      );
    request.onabort = () => reject(new DOMException(msg("The upload was cancelled."), "AbortError"));
    options.signal?.addEventListener("abort", () => request.abort(), { once: true });
    request.send(file);
  });
}
