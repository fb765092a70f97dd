/**
 * Credit arithmetic. **1 credit = $0.001 (one tenth of a US cent).**
 *
 * Balances, reservations, prices and refunds are whole credits held in plain `number`s.
 * Every helper keeps them non-negative safe integers, so no floating-point rounding can
 * ever create or lose money; amounts that arrive as decimal strings (provider prices such
 * as OpenRouter's "0.04") are parsed digit by digit, never through `parseFloat`.
 */

/** How many credits one US dollar buys. */
export const CREDITS_PER_USD = 1000;

/** Decimal places of a dollar amount that one credit can represent (1 credit = $0.001). */
const CREDIT_DECIMALS = 3;

// Only plain decimal notation: provider price strings are like "0.04" or "0.0025"; a sign,
// exponent or thousands separator would mean the source is not what we think it is.
const USD_DECIMAL = /^(\d+)(?:\.(\d+))?$/;

/** Throws unless `credits` is a whole, non-negative, safely representable number of credits. */
export function assertCredits(credits: number, label = "credits"): void {
  if (!Number.isSafeInteger(credits) || credits < 0) {
    throw new RangeError(`${label} must be a non-negative safe integer, got ${String(credits)}`);
  }
}

/**
 * Parses a US-dollar decimal string into credits, rounding any fraction of a credit up
 * (we never charge less than the provider charges us), e.g. "0.04" → 40, "0.0025" → 3.
 */
export function usdToCredits(usd: string): number {
  const match = USD_DECIMAL.exec(usd);
  if (!match) {
    throw new RangeError(
      `usdToCredits expects a non-negative decimal dollar amount such as "0.04", got ${JSON.stringify(usd)}`,
    );
  }
  const whole = match[1] ?? "0";
  const fraction = match[2] ?? "";
  const wholeDollars = Number(whole);
  const wholeCredits = wholeDollars * CREDITS_PER_USD;
  const fractionCredits = Number(fraction.slice(0, CREDIT_DECIMALS).padEnd(CREDIT_DECIMALS, "0"));
  const hasRemainder = /[1-9]/.test(fraction.slice(CREDIT_DECIMALS));
  const credits = wholeCredits + fractionCredits + (hasRemainder ? 1 : 0);
  if (!Number.isSafeInteger(wholeDollars) || !Number.isSafeInteger(credits)) {
    throw new RangeError(`usdToCredits: ${JSON.stringify(usd)} is too large to count in credits`);
  }
  return credits;
}

/**
 * Formats credits as a dollar string without a currency sign: at least two decimals,
 * and the third only when it is not zero ("0.04", "0.001", "29.00").
 */
export function creditsToUsdString(credits: number): string {
  assertCredits(credits);
  const dollars = Math.floor(credits / CREDITS_PER_USD);
  const milliDollars = String(credits % CREDITS_PER_USD).padStart(CREDIT_DECIMALS, "0");
  const decimals = milliDollars.endsWith("0") ? milliDollars.slice(0, 2) : milliDollars;
  return `${dollars}.${decimals}`;
}

/** Formats credits for people: "1 credit", "1,250 credits". */
export function formatCredits(credits: number): string {
  assertCredits(credits);
  // Grouped by hand rather than with Intl: not every runtime we ship to carries full ICU data.
  const grouped = String(credits).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `${grouped} ${credits === 1 ? "credit" : "credits"}`;
}

/** Adds credit amounts; throws if any is invalid or the total is no longer a safe integer. */
export function sumCredits(amounts: readonly number[]): number {
  let total = 0;
  for (const amount of amounts) {
    assertCredits(amount, "each amount");
    total += amount;
    if (!Number.isSafeInteger(total)) {
      throw new RangeError("sumCredits: the total is too large to count in credits");
    }
  }
  return total;
}

/** Multiplies a per-unit price in credits by a whole count (e.g. cost per image × images). */
export function multiplyCredits(credits: number, count: number): number {
  assertCredits(credits);
  assertCredits(count, "count");
  const product = credits * count;
  if (!Number.isSafeInteger(product)) {
    throw new RangeError("multiplyCredits: the product is too large to count in credits");
  }
  return product;
}

/** Subtracts credits (e.g. a refund of reserved minus actual cost); never goes below zero silently. */
export function subtractCredits(from: number, amount: number): number {
  assertCredits(from, "from");
  assertCredits(amount, "amount");
  if (amount > from) {
    throw new RangeError(`subtractCredits: cannot take ${amount} from ${from} credits`);
  }
  return from - amount;
}
