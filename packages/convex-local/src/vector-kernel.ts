/**
 * The dot-product kernel of vector search (vector-index.ts): WebAssembly SIMD (f32x4, two accumulators),
 * 3-5x the plain JS loop on 100,000 x 1,536 (measured on the 2-core VM: ~40-60 ms against ~200 ms a
 * scan), because the scan is bound by memory bandwidth and multiply-adds, which V8 does not vectorise in JS.
 *
 * Rows are `stride` floats apart (the dimensions rounded up to a multiple of 8, padded with zeros), in
 * the module's own memory, so one index holds at most 4 GiB of vectors (about 700,000 of 1,536 dims).
 * Where WebAssembly SIMD is missing (or `CONVEX_LOCAL_VECTOR_KERNEL=js`), the same layout is scanned in JS.
 *
 * The bytes below are this WAT, assembled with wabt 1.0.39 (`parseWat(..., { simd: true }).toBinary({})`):
 *
 * (module
 *   (memory (export "memory") 1)
 *   ;; out[i] = dot(q, row i) for rows 0..n-1 of `data` (rows `stride` floats apart, stride a multiple of 8).
 *   (func (export "scoreRange") (param $q i32) (param $data i32) (param $n i32) (param $stride i32) (param $out i32)
 *     (local $i i32) (local $p i32) (local $j i32) (local $bytes i32) (local $a v128) (local $b v128)
 *     (local.set $bytes (i32.shl (local.get $stride) (i32.const 2)))
 *     (local.set $p (local.get $data))
 *     (block $done
 *       (loop $rows
 *         (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
 *         (local.set $a (v128.const f32x4 0 0 0 0))
 *         (local.set $b (v128.const f32x4 0 0 0 0))
 *         (local.set $j (i32.const 0))
 *         (block $end
 *           (loop $cols
 *             (br_if $end (i32.ge_u (local.get $j) (local.get $bytes)))
 *             (local.set $a (f32x4.add (local.get $a)
 *               (f32x4.mul (v128.load (i32.add (local.get $p) (local.get $j))) (v128.load (i32.add (local.get $q) (local.get $j))))))
 *             (local.set $b (f32x4.add (local.get $b)
 *               (f32x4.mul (v128.load offset=16 (i32.add (local.get $p) (local.get $j))) (v128.load offset=16 (i32.add (local.get $q) (local.get $j))))))
 *             (local.set $j (i32.add (local.get $j) (i32.const 32)))
 *             (br $cols)))
 *         (local.set $a (f32x4.add (local.get $a) (local.get $b)))
 *         (f32.store (i32.add (local.get $out) (i32.shl (local.get $i) (i32.const 2)))
 *           (f32.add
 *             (f32.add (f32x4.extract_lane 0 (local.get $a)) (f32x4.extract_lane 1 (local.get $a)))
 *             (f32.add (f32x4.extract_lane 2 (local.get $a)) (f32x4.extract_lane 3 (local.get $a)))))
 *         (local.set $p (i32.add (local.get $p) (local.get $bytes)))
 *         (local.set $i (i32.add (local.get $i) (i32.const 1)))
 *         (br $rows))))
 *   ;; out[i] = dot(q, row list[i]) for i in 0..n-1.
 *   (func (export "scoreList") (param $q i32) (param $data i32) (param $list i32) (param $n i32) (param $stride i32) (param $out i32)
 *     (local $i i32) (local $p i32) (local $j i32) (local $bytes i32) (local $a v128) (local $b v128)
 *     (local.set $bytes (i32.shl (local.get $stride) (i32.const 2)))
 *     (block $done
 *       (loop $rows
 *         (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
 *         (local.set $p (i32.add (local.get $data)
 *           (i32.mul (i32.load (i32.add (local.get $list) (i32.shl (local.get $i) (i32.const 2)))) (local.get $bytes))))
 *         (local.set $a (v128.const f32x4 0 0 0 0))
 *         (local.set $b (v128.const f32x4 0 0 0 0))
 *         (local.set $j (i32.const 0))
 *         (block $end
 *           (loop $cols
 *             (br_if $end (i32.ge_u (local.get $j) (local.get $bytes)))
 *             (local.set $a (f32x4.add (local.get $a)
 *               (f32x4.mul (v128.load (i32.add (local.get $p) (local.get $j))) (v128.load (i32.add (local.get $q) (local.get $j))))))
 *             (local.set $b (f32x4.add (local.get $b)
 *               (f32x4.mul (v128.load offset=16 (i32.add (local.get $p) (local.get $j))) (v128.load offset=16 (i32.add (local.get $q) (local.get $j))))))
 *             (local.set $j (i32.add (local.get $j) (i32.const 32)))
 *             (br $cols)))
 *         (local.set $a (f32x4.add (local.get $a) (local.get $b)))
 *         (f32.store (i32.add (local.get $out) (i32.shl (local.get $i) (i32.const 2)))
 *           (f32.add
 *             (f32.add (f32x4.extract_lane 0 (local.get $a)) (f32x4.extract_lane 1 (local.get $a)))
 *             (f32.add (f32x4.extract_lane 2 (local.get $a)) (f32x4.extract_lane 3 (local.get $a)))))
 *         (local.set $i (i32.add (local.get $i) (i32.const 1)))
 *         (br $rows))))
 * )
 */

const WASM_BASE64 =
  "AGFzbQEAAAABEgJgBX9/f39/AGAGf39/f39/AAMDAgABBQMBAAEHIwMGbWVtb3J5AgAKc2NvcmVSYW5nZQAACXNjb3JlTGlzdAABCrMDAtMBAgR/AnsgA0ECdCEIIAEhBgJAA0AgBSACTw0B/QwAAAAAAAAAAAAAAAAAAAAAIQn9DAAAAAAAAAAAAAAAAAAAAAAhCkEAIQcCQANAIAcgCE8NASAJIAYgB2r9AAQAIAAgB2r9AAQA/eYB/eQBIQkgCiAGIAdq/QAEECAAIAdq/QAEEP3mAf3kASEKIAdBIGohBwwACwsgCSAK/eQBIQkgBCAFQQJ0aiAJ/R8AIAn9HwGSIAn9HwIgCf0fA5KSOAIAIAYgCGohBiAFQQFqIQUMAAsLC9sBAgR/AnsgBEECdCEJAkADQCAGIANPDQEgASACIAZBAnRqKAIAIAlsaiEH/QwAAAAAAAAAAAAAAAAAAAAAIQr9DAAAAAAAAAAAAAAAAAAAAAAhC0EAIQgCQANAIAggCU8NASAKIAcgCGr9AAQAIAAgCGr9AAQA/eYB/eQBIQogCyAHIAhq/QAEECAAIAhq/QAEEP3mAf3kASELIAhBIGohCAwACwsgCiAL/eQBIQogBSAGQQJ0aiAK/R8AIAr9HwGSIAr9HwIgCv0fA5KSOAIAIAZBAWohBgwACwsL";

export type Kernel = {
  /** Float32 view of the whole memory (renewed after growth). */
  view(): Float32Array;
  /** Makes the memory at least `bytes` long. */
  ensure(bytes: number): void;
  /** out[i] = dot(q, row i), rows 0..n-1 starting at byte 0. Pointers are byte offsets. */
  scoreRange(q: number, n: number, stride: number, out: number): void;
  /** out[i] = dot(q, row list[i]); `list` holds n int32 row numbers. */
  scoreList(q: number, list: number, n: number, stride: number, out: number): void;
};

const MAX_BYTES = 65536 * 65536; // 4 GiB: wasm32's limit

let compiled: WebAssembly.Module | null | undefined;
function wasmModule(): WebAssembly.Module | null {
  if (compiled === undefined) {
    try {
      const bytes = Buffer.from(WASM_BASE64, "base64");
      compiled = WebAssembly.validate(bytes) ? new WebAssembly.Module(bytes) : null;
    } catch {
      compiled = null;
    }
  }
  return compiled;
}

export type KernelKind = "wasm" | "js";

export function defaultKernel(): KernelKind {
  const wanted = process.env.CONVEX_LOCAL_VECTOR_KERNEL;
  if (wanted === "js") return "js";
  return wasmModule() ? "wasm" : "js";
}

function tooLarge(bytes: number): Error {
  return new Error(
    `A vector index would need ${Math.ceil(bytes / 2 ** 20)} MiB; convex-local keeps at most 4 GiB of vectors per index`,
  );
}

export function createKernel(kind: KernelKind = defaultKernel()): Kernel {
  const mod = kind === "wasm" ? wasmModule() : null;
  if (mod) {
    const exports = new WebAssembly.Instance(mod, {}).exports as {
      memory: WebAssembly.Memory;
      scoreRange(q: number, data: number, n: number, stride: number, out: number): void;
      scoreList(q: number, data: number, list: number, n: number, stride: number, out: number): void;
    };
    let view = new Float32Array(exports.memory.buffer);
    return {
      view: () => (view.buffer === exports.memory.buffer ? view : (view = new Float32Array(exports.memory.buffer))),
      ensure(bytes) {
        const have = exports.memory.buffer.byteLength;
        if (bytes <= have) return;
        if (bytes > MAX_BYTES) throw tooLarge(bytes);
        const target = Math.min(MAX_BYTES, Math.max(bytes, have * 1.5));
        exports.memory.grow(Math.ceil((target - have) / 65536));
      },
      scoreRange: (q, n, stride, out) => exports.scoreRange(q, 0, n, stride, out),
      scoreList: (q, list, n, stride, out) => exports.scoreList(q, 0, list, n, stride, out),
    };
  }
  let buffer = new ArrayBuffer(65536);
  let view = new Float32Array(buffer);
  const dot = (f: Float32Array, q: number, row: number, stride: number) => {
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    for (let j = 0; j < stride; j += 4) {
      s0 += f[row + j] * f[q + j];
      s1 += f[row + j + 1] * f[q + j + 1];
      s2 += f[row + j + 2] * f[q + j + 2];
      s3 += f[row + j + 3] * f[q + j + 3];
    }
    return s0 + s1 + s2 + s3;
  };
  return {
    view: () => view,
    ensure(bytes) {
      if (bytes <= buffer.byteLength) return;
      if (bytes > MAX_BYTES) throw tooLarge(bytes);
      const grown = new ArrayBuffer(Math.ceil(Math.max(bytes, buffer.byteLength * 1.5) / 65536) * 65536);
      new Uint8Array(grown).set(new Uint8Array(buffer));
      buffer = grown;
      view = new Float32Array(buffer);
    },
    // Float indexes (`q / 4`) would make every element access a slow keyed load: shifts keep them small integers.
    scoreRange(q, n, stride, out) {
      const f = view;
      const qi = q >>> 2;
      const oi = out >>> 2;
      for (let i = 0; i < n; i++) f[oi + i] = dot(f, qi, i * stride, stride);
    },
    scoreList(q, list, n, stride, out) {
      const f = view;
      const rows = new Int32Array(buffer, list, n);
      const qi = q >>> 2;
      const oi = out >>> 2;
      for (let i = 0; i < n; i++) f[oi + i] = dot(f, qi, rows[i] * stride, stride);
    },
  };
}
