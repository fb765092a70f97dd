/**
 * Fractional order keys: strings that sort (by plain string comparison, as Convex indexes sort
 * them) in the order of a list, where a key can always be made between any two others. Moving an
 * item then rewrites only that item's key, never its neighbours'.
 *
 * The scheme is David Greenspan's "Implementing Fractional Indexing" (the algorithm of the
 * CC0 `fractional-indexing` package): a variable-length integer part, whose first character
 * gives its length, then a fraction in base 62 without trailing zeros. Appending at the end
 * increments the integer part, so keys of a list that only grows at the end stay short.
 */
const DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const ZERO = DIGITS[0]!;
const SMALLEST_INTEGER = "A" + ZERO.repeat(26);

function integerLength(head: string): number {
  if (head >= "a" && head <= "z") return head.charCodeAt(0) - "a".charCodeAt(0) + 2;
  if (head >= "A" && head <= "Z") return "Z".charCodeAt(0) - head.charCodeAt(0) + 2;
  throw new Error(`Invalid order key head: ${head}`);
}

function integerPart(key: string): string {
  const length = integerLength(key[0] ?? "");
  if (length > key.length) throw new Error(`Invalid order key: ${key}`);
  return key.slice(0, length);
}

/** Whether `key` is a key this module could have made (checked before keys from storage are used). */
export function isOrderKey(key: string): boolean {
  try {
    if (key === SMALLEST_INTEGER) return false;
    const int = integerPart(key);
    const fraction = key.slice(int.length);
    return [...key].every((c) => DIGITS.includes(c)) && !fraction.endsWith(ZERO);
  } catch {
    return false;
  }
}

/** A fraction strictly between `a` and `b` (digits after the point; "" is 0, null is 1). */
function midpoint(a: string, b: string | null): string {
  if (b !== null) {
    let n = 0;
    while ((a[n] ?? ZERO) === b[n]) n++;
    if (n > 0) return b.slice(0, n) + midpoint(a.slice(n), b.slice(n));
  }
  const digitA = a ? DIGITS.indexOf(a[0]!) : 0;
  const digitB = b !== null ? DIGITS.indexOf(b[0]!) : DIGITS.length;
  if (digitB - digitA > 1) return DIGITS[Math.round((digitA + digitB) / 2)]!;
  if (b !== null && b.length > 1) return b.slice(0, 1);
  return DIGITS[digitA]! + midpoint(a.slice(1), null);
}

function incrementInteger(int: string): string | null {
  const [head, ...digits] = int.split("") as [string, ...string[]];
  for (let i = digits.length - 1; i >= 0; i--) {
    const d = DIGITS.indexOf(digits[i]!) + 1;
    if (d < DIGITS.length) {
      digits[i] = DIGITS[d]!;
      return head + digits.join("");
    }
    digits[i] = ZERO;
  }
  if (head === "Z") return "a" + ZERO;
  if (head === "z") return null;
  const next = String.fromCharCode(head.charCodeAt(0) + 1);
  if (next > "a") digits.push(ZERO);
  else digits.pop();
  return next + digits.join("");
}

function decrementInteger(int: string): string | null {
  const [head, ...digits] = int.split("") as [string, ...string[]];
  const last = DIGITS[DIGITS.length - 1]!;
  for (let i = digits.length - 1; i >= 0; i--) {
    const d = DIGITS.indexOf(digits[i]!) - 1;
    if (d >= 0) {
      digits[i] = DIGITS[d]!;
      return head + digits.join("");
    }
    digits[i] = last;
  }
  if (head === "a") return "Z" + last;
  if (head === "A") return null;
  const previous = String.fromCharCode(head.charCodeAt(0) - 1);
  if (previous < "Z") digits.push(last);
  else digits.pop();
  return previous + digits.join("");
}

/** A key that sorts after `a` and before `b` (null: no bound on that side). Requires a < b. */
export function keyBetween(a: string | null, b: string | null): string {
  if (a !== null && b !== null && a >= b) throw new Error(`Order keys out of order: ${a} >= ${b}`);
  if (a === null && b === null) return "a" + ZERO;
  if (a === null) {
    const intB = integerPart(b!);
    if (intB === SMALLEST_INTEGER) return intB + midpoint("", b!.slice(intB.length));
    if (intB < b!) return intB;
    const previous = decrementInteger(intB);
    if (previous === null) throw new Error("No order key before the smallest one");
    return previous;
  }
  const intA = integerPart(a);
  const fractionA = a.slice(intA.length);
  if (b === null) return incrementInteger(intA) ?? intA + midpoint(fractionA, null);
  const intB = integerPart(b);
  if (intA === intB) return intA + midpoint(fractionA, b.slice(intB.length));
  const next = incrementInteger(intA);
  if (next !== null && next < b) return next;
  return intA + midpoint(fractionA, null);
}

/** `count` keys in ascending order after `a` (appending several items at the end of a list). */
export function keysAfter(a: string | null, count: number): string[] {
  const keys: string[] = [];
  let last = a;
  for (let i = 0; i < count; i++) keys.push((last = keyBetween(last, null)));
  return keys;
}
