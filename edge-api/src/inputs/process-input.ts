/**
 * Checks an uploaded image from its bytes and re-encodes it with sharp (Node only; the Node entry
 * passes `processInput` to the app). In order, each refusal before any more work is done:
 * the size; the real type from the magic number (a file's declared Content-Type or name counts for
 * nothing); the pixel count from the header alone, before a pixel is decoded, so a small file
 * declaring a huge image (a decompression bomb) costs nothing; then the decode itself. The stored
 * copy is turned upright by its EXIF orientation and carries no metadata (sharp writes none unless
 * asked), so location and camera data never reach storage. Masks become 8-bit grayscale PNGs.
 */
import sharp, { type Metadata, type OutputInfo } from "sharp";
import { IMAGE_INPUT_LIMITS, type InputFormat, type InputKind } from "@pixorly/core";
import { sniffImageType } from "../cdn/sniff";
import { InputRejection, type InputProcessor } from "./input-processor";

const CONTENT_TYPES: Readonly<Record<InputFormat, string>> = {
  png: "image/png",
  jpeg: "image/jpeg",
  webp: "image/webp",
};
/** libvips stops decoding after this long. */
const TIMEOUT_SECONDS = 20;
const MB = 1024 * 1024;

export const processInput: InputProcessor = async (bytes, kind: InputKind) => {
  const { maxBytes, maxPixels } = IMAGE_INPUT_LIMITS;
  if (bytes.byteLength > maxBytes)
    throw new InputRejection(
      "INPUT_TOO_LARGE",
      `The file is ${(bytes.byteLength / MB).toFixed(1)} MB; at most ${maxBytes / MB} MB is accepted.`,
    );
  if (bytes.byteLength === 0) throw new InputRejection("INPUT_UNSUPPORTED_TYPE", "The file is empty.");
  const sniffed = sniffImageType(bytes);
  if (sniffed !== "png" && sniffed !== "jpeg" && sniffed !== "webp") {
    throw new InputRejection(
      "INPUT_UNSUPPORTED_TYPE",
      sniffed
        ? `The file is a ${sniffed.toUpperCase()} image; upload a PNG, JPEG or WebP.`
        : "The file is not a PNG, JPEG or WebP image (judged from its content, not its name or declared type).",
    );
  }
  const source = () =>
    sharp(bytes, { limitInputPixels: maxPixels, failOn: "truncated" }).timeout({ seconds: TIMEOUT_SECONDS });
  let metadata: Metadata;
  try {
    // The header alone (no pixel is decoded), without sharp's pixel limit, so the refusal below can say how big it is.
    metadata = await sharp(bytes, { limitInputPixels: false }).metadata();
  } catch {
    throw new InputRejection(
      "INPUT_UNREADABLE",
      `The file starts like a ${sniffed.toUpperCase()} image but its header cannot be read.`,
    );
  }
  if (metadata.format !== sniffed || !metadata.width || !metadata.height)
    throw new InputRejection(
      "INPUT_UNREADABLE",
      `The file starts like a ${sniffed.toUpperCase()} image but is not one.`,
    );
  const pixels = metadata.width * metadata.height;
  if (pixels > maxPixels) {
    throw new InputRejection(
      "INPUT_TOO_MANY_PIXELS",
      `The image is ${metadata.width}×${metadata.height} (${(pixels / 1e6).toFixed(1)} megapixels); at most ${maxPixels / 1e6} megapixels are accepted.`,
    );
  }
  // `rotate()` without an angle applies the EXIF orientation; nothing of the metadata is written back.
  let pipeline = source().rotate();
  let format: InputFormat = sniffed;
  if (kind === "mask") {
    pipeline = pipeline.flatten({ background: "#000000" }).toColourspace("b-w").png();
    format = "png";
  } else if (sniffed === "png") pipeline = pipeline.png();
  else if (sniffed === "jpeg") pipeline = pipeline.jpeg({ quality: 92, mozjpeg: false });
  else pipeline = pipeline.webp({ quality: 92 });
  let output: { data: Buffer; info: OutputInfo };
  try {
    output = await pipeline.toBuffer({ resolveWithObject: true });
  } catch {
    throw new InputRejection(
      "INPUT_UNREADABLE",
      `The ${sniffed.toUpperCase()} image is damaged or truncated and cannot be read.`,
    );
  }
  return {
    body: new Uint8Array(output.data.buffer, output.data.byteOffset, output.data.byteLength),
    format,
    contentType: CONTENT_TYPES[format],
    width: output.info.width,
    height: output.info.height,
  };
};
