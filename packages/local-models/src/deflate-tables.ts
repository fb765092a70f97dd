/** The fixed tables of DEFLATE (RFC 1951 §3.2.5): how lengths and distances map to codes. */

export const MAX_MATCH = 258;
export const END_OF_BLOCK = 256;
export const LITERAL_LENGTH_CODES = 286;
export const DISTANCE_CODES = 30;

const LENGTH_BASES = [
  3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258,
];
const LENGTH_EXTRA = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0];
const DISTANCE_BASES = [
  1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145,
  8193, 12289, 16385, 24577,
];
const DISTANCE_EXTRA = [
  0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13,
];

/** For a match length (index 3..258): its length code index 0..28 (symbol = 257 + index). */
export const lengthCodeIndex = new Uint8Array(MAX_MATCH + 1);
/** For a match length: the value of its extra bits. */
export const lengthExtraValue = new Uint16Array(MAX_MATCH + 1);
export const lengthExtraBits = Uint8Array.from(LENGTH_EXTRA);

for (let code = 0; code < LENGTH_BASES.length; code++) {
  const base = LENGTH_BASES[code];
  const end = code + 1 < LENGTH_BASES.length ? Math.min(LENGTH_BASES[code + 1], MAX_MATCH) : MAX_MATCH + 1;
  for (let length = base; length < end; length++) {
    lengthCodeIndex[length] = code;
    lengthExtraValue[length] = length - base;
  }
}

// Distances up to 32768 are looked up in two tables, like zlib: one for distances 1..256 and
// one indexed by (distance - 1) >> 7 for the rest, since those codes all span multiples of 128.
const nearDistanceCode = new Uint8Array(256);
const farDistanceCode = new Uint8Array(256);
for (let code = 0; code < DISTANCE_BASES.length; code++) {
  const base = DISTANCE_BASES[code];
  const end = base + (1 << DISTANCE_EXTRA[code]);
  for (let distance = base; distance < end; distance++) {
    if (distance <= 256) nearDistanceCode[distance - 1] = code;
    else farDistanceCode[(distance - 1) >> 7] = code;
  }
}

export const distanceExtraBits = Uint8Array.from(DISTANCE_EXTRA);
export const distanceBases = Uint16Array.from(DISTANCE_BASES);

export function distanceCode(distance: number): number {
  return distance <= 256 ? nearDistanceCode[distance - 1] : farDistanceCode[(distance - 1) >> 7];
}

/** The order in which code-length code lengths are sent (RFC 1951 §3.2.7). */
export const CODE_LENGTH_ORDER = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];
