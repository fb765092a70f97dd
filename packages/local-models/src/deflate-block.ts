import type { BitWriter } from "./bit-writer";
import {
  CODE_LENGTH_ORDER,
  DISTANCE_CODES,
  END_OF_BLOCK,
  LITERAL_LENGTH_CODES,
  distanceBases,
  distanceCode,
  distanceExtraBits,
  lengthCodeIndex,
  lengthExtraBits,
  lengthExtraValue,
} from "./deflate-tables";
import { canonicalCodes, huffmanCodeLengths } from "./huffman";

const MAX_CODE_BITS = 15;
const MAX_CODE_LENGTH_BITS = 7;
const MAX_STORED_LENGTH = 65_535;

/**
 * Writes one DEFLATE block for the LZ77 symbols of `data[start, end)`: a dynamic Huffman
 * block, or stored blocks when those are smaller (data that does not compress).
 * A symbol is a literal byte when its distance is 0, else a match length and distance.
 */
export function writeBlock(
  out: BitWriter,
  data: Uint8Array,
  start: number,
  end: number,
  literalOrLength: Uint16Array,
  distances: Uint16Array,
  symbolCount: number,
  final: boolean,
): void {
  // Local aliases: where modules are wrapped (Vitest, CommonJS), every access to an imported
  // binding is a getter call, which the per-symbol loops below would pay millions of times.
  const codeIndex = lengthCodeIndex;
  const lengthExtra = lengthExtraBits;
  const lengthExtraValues = lengthExtraValue;
  const distanceExtra = distanceExtraBits;
  const distanceBase = distanceBases;
  const codeOfDistance = distanceCode;
  const literalFrequencies = new Uint32Array(LITERAL_LENGTH_CODES);
  const distanceFrequencies = new Uint32Array(DISTANCE_CODES);
  let extraBits = 0;
  for (let i = 0; i < symbolCount; i++) {
    const distance = distances[i];
    if (distance === 0) {
      literalFrequencies[literalOrLength[i]]++;
    } else {
      const lengthCode = codeIndex[literalOrLength[i]];
      const distCode = codeOfDistance(distance);
      literalFrequencies[257 + lengthCode]++;
      distanceFrequencies[distCode]++;
      extraBits += lengthExtra[lengthCode] + distanceExtra[distCode];
    }
  }
  literalFrequencies[END_OF_BLOCK]++;
  // zlib's inflate rejects incomplete codes, and a code with one symbol is incomplete;
  // giving two symbols a use keeps every tree complete (zlib's own deflate does the same).
  ensureTwoSymbols(literalFrequencies);
  ensureTwoSymbols(distanceFrequencies);

  const literalLengths = huffmanCodeLengths(literalFrequencies, MAX_CODE_BITS);
  const distanceLengths = huffmanCodeLengths(distanceFrequencies, MAX_CODE_BITS);
  const header = encodeTreeHeader(literalLengths, distanceLengths);

  let dynamicBits = 3 + header.bits + extraBits;
  for (let s = 0; s < LITERAL_LENGTH_CODES; s++) dynamicBits += literalFrequencies[s] * literalLengths[s];
  for (let s = 0; s < DISTANCE_CODES; s++) dynamicBits += distanceFrequencies[s] * distanceLengths[s];
  const storedBits = (end - start + 5 * Math.max(1, Math.ceil((end - start) / MAX_STORED_LENGTH))) * 8 + 7;

  if (storedBits < dynamicBits) {
    writeStoredBlocks(out, data, start, end, final);
    return;
  }

  out.writeBits(final ? 1 : 0, 1);
  out.writeBits(2, 2);
  header.write(out);
  const literalCodes = canonicalCodes(literalLengths);
  const distanceCodes = canonicalCodes(distanceLengths);
  for (let i = 0; i < symbolCount; i++) {
    const distance = distances[i];
    const value = literalOrLength[i];
    if (distance === 0) {
      out.writeBits(literalCodes[value], literalLengths[value]);
      continue;
    }
    const lengthCode = codeIndex[value];
    out.writeBits(literalCodes[257 + lengthCode], literalLengths[257 + lengthCode]);
    if (lengthExtra[lengthCode] > 0) out.writeBits(lengthExtraValues[value], lengthExtra[lengthCode]);
    const distCode = codeOfDistance(distance);
    out.writeBits(distanceCodes[distCode], distanceLengths[distCode]);
    if (distanceExtra[distCode] > 0) out.writeBits(distance - distanceBase[distCode], distanceExtra[distCode]);
  }
  out.writeBits(literalCodes[END_OF_BLOCK], literalLengths[END_OF_BLOCK]);
}

function ensureTwoSymbols(frequencies: Uint32Array): void {
  let used = 0;
  for (const frequency of frequencies) if (frequency > 0) used++;
  for (let s = 0; used < 2; s++) {
    if (frequencies[s] === 0) {
      frequencies[s] = 1;
      used++;
    }
  }
}

function writeStoredBlocks(out: BitWriter, data: Uint8Array, start: number, end: number, final: boolean): void {
  let position = start;
  do {
    const length = Math.min(MAX_STORED_LENGTH, end - position);
    const last = position + length === end;
    out.writeBits(final && last ? 1 : 0, 1);
    out.writeBits(0, 2);
    out.alignToByte();
    out.writeBits(length & 0xff, 8);
    out.writeBits(length >>> 8, 8);
    out.writeBits(~length & 0xff, 8);
    out.writeBits((~length >>> 8) & 0xff, 8);
    out.writeBytes(data.subarray(position, position + length));
    position += length;
  } while (position < end);
}

/**
 * The header of a dynamic block (RFC 1951 §3.2.7): both code length lists, run-length
 * encoded with symbols 16–18 and themselves Huffman coded.
 */
function encodeTreeHeader(literalLengths: Uint8Array, distanceLengths: Uint8Array) {
  let literalCount = LITERAL_LENGTH_CODES;
  while (literalCount > 257 && literalLengths[literalCount - 1] === 0) literalCount--;
  let distanceCount = DISTANCE_CODES;
  while (distanceCount > 1 && distanceLengths[distanceCount - 1] === 0) distanceCount--;
  const lengths = new Uint8Array(literalCount + distanceCount);
  lengths.set(literalLengths.subarray(0, literalCount));
  lengths.set(distanceLengths.subarray(0, distanceCount), literalCount);

  const symbols: number[] = [];
  const extras: number[] = [];
  const frequencies = new Uint32Array(19);
  const emit = (symbol: number, extra = 0) => {
    symbols.push(symbol);
    extras.push(extra);
    frequencies[symbol]++;
  };
  for (let i = 0; i < lengths.length;) {
    const value = lengths[i];
    let run = 1;
    while (i + run < lengths.length && lengths[i + run] === value) run++;
    i += run;
    if (value === 0) {
      for (; run >= 11; run -= Math.min(run, 138)) emit(18, Math.min(run, 138) - 11);
      if (run >= 3) {
        emit(17, run - 3);
        run = 0;
      }
    } else {
      emit(value);
      run--;
      for (; run >= 3; run -= Math.min(run, 6)) emit(16, Math.min(run, 6) - 3);
    }
    for (; run > 0; run--) emit(value);
  }
  ensureTwoSymbols(frequencies);
  const codeLengthLengths = huffmanCodeLengths(frequencies, MAX_CODE_LENGTH_BITS);
  const codeLengthCodes = canonicalCodes(codeLengthLengths);
  let codeLengthCount = 19;
  while (codeLengthCount > 4 && codeLengthLengths[CODE_LENGTH_ORDER[codeLengthCount - 1]] === 0) codeLengthCount--;

  const extraBitsOf = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 3, 7];
  let bits = 5 + 5 + 4 + 3 * codeLengthCount;
  for (const symbol of symbols) bits += codeLengthLengths[symbol] + extraBitsOf[symbol];

  return {
    bits,
    write(out: BitWriter): void {
      out.writeBits(literalCount - 257, 5);
      out.writeBits(distanceCount - 1, 5);
      out.writeBits(codeLengthCount - 4, 4);
      for (let i = 0; i < codeLengthCount; i++) out.writeBits(codeLengthLengths[CODE_LENGTH_ORDER[i]], 3);
      symbols.forEach((symbol, i) => {
        out.writeBits(codeLengthCodes[symbol], codeLengthLengths[symbol]);
        if (extraBitsOf[symbol] > 0) out.writeBits(extras[i], extraBitsOf[symbol]);
      });
    },
  };
}
