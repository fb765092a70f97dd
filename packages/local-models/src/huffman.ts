/** Length-limited canonical Huffman codes, as DEFLATE (RFC 1951 §3.2.2) needs them. */

/**
 * Code lengths for `frequencies`, none longer than `maxBits`. Symbols with frequency 0 get
 * length 0. When the optimal tree is too deep, frequencies are halved (keeping every used
 * symbol at least 1) and the tree rebuilt: slightly suboptimal, but simple and always ends,
 * because equal frequencies give a balanced tree.
 */
export function huffmanCodeLengths(frequencies: Uint32Array, maxBits: number): Uint8Array {
  const lengths = new Uint8Array(frequencies.length);
  let weights = Array.from(frequencies);
  for (;;) {
    const symbols: number[] = [];
    for (let s = 0; s < weights.length; s++) if (weights[s] > 0) symbols.push(s);
    if (symbols.length === 0) return lengths;
    if (symbols.length === 1) {
      lengths[symbols[0]] = 1;
      return lengths;
    }
    symbols.sort((a, b) => weights[a] - weights[b] || a - b);
    const depths = treeDepths(symbols.map((s) => weights[s]));
    let deepest = 0;
    for (const depth of depths) deepest = Math.max(deepest, depth);
    if (deepest <= maxBits) {
      symbols.forEach((symbol, i) => (lengths[symbol] = depths[i]));
      return lengths;
    }
    weights = weights.map((w) => (w > 0 ? (w >>> 1) | 1 : 0));
  }
}

/**
 * Leaf depths of a Huffman tree over weights sorted ascending, built with the two-queue
 * method: leaves and merged nodes each come out in ascending order, so no heap is needed.
 */
function treeDepths(sortedWeights: number[]): Uint8Array {
  const leafCount = sortedWeights.length;
  const nodeCount = 2 * leafCount - 1;
  const weight = new Float64Array(nodeCount);
  const parent = new Int32Array(nodeCount);
  weight.set(sortedWeights);
  let nextLeaf = 0;
  let nextMerged = leafCount;
  const takeSmallest = (created: number) =>
    nextLeaf < leafCount && (nextMerged >= created || weight[nextLeaf] <= weight[nextMerged])
      ? nextLeaf++
      : nextMerged++;
  for (let created = leafCount; created < nodeCount; created++) {
    const a = takeSmallest(created);
    const b = takeSmallest(created);
    weight[created] = weight[a] + weight[b];
    parent[a] = created;
    parent[b] = created;
  }
  const depth = new Uint8Array(nodeCount);
  for (let node = nodeCount - 2; node >= 0; node--) depth[node] = depth[parent[node]] + 1;
  return depth.subarray(0, leafCount);
}

/**
 * Canonical codes for `lengths` (RFC 1951 §3.2.2), bit-reversed because DEFLATE packs
 * Huffman codes starting from their most significant bit into an LSB-first stream.
 */
export function canonicalCodes(lengths: Uint8Array): Uint16Array {
  const maxBits = Math.max(0, ...lengths);
  const countPerLength = new Uint16Array(maxBits + 1);
  for (const length of lengths) if (length > 0) countPerLength[length]++;
  const nextCode = new Uint16Array(maxBits + 2);
  let code = 0;
  for (let bits = 1; bits <= maxBits; bits++) {
    code = (code + countPerLength[bits - 1]) << 1;
    nextCode[bits] = code;
  }
  const codes = new Uint16Array(lengths.length);
  for (let symbol = 0; symbol < lengths.length; symbol++) {
    const length = lengths[symbol];
    if (length > 0) codes[symbol] = reverseBits(nextCode[length]++, length);
  }
  return codes;
}

function reverseBits(value: number, bitCount: number): number {
  let reversed = 0;
  for (let i = 0; i < bitCount; i++) {
    reversed = (reversed << 1) | (value & 1);
    value >>>= 1;
  }
  return reversed;
}
