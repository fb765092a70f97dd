/** Numbers and money in the page's Pixorly locale, through `Intl` (cached formatters). */
import { CREDITS_PER_USD } from "@pixorly/core";
import { currentLocale, msg, str } from "./localize.js";

const formatters = new Map<string, Intl.NumberFormat>();

function formatter(options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const locale = currentLocale();
  const key = `${locale}|${JSON.stringify(options)}`;
  let known = formatters.get(key);
  if (!known) {
    known = new Intl.NumberFormat(locale, options);
    formatters.set(key, known);
  }
  return known;
}

/** `1999` → "1,999" (en) / "1.999" (de). */
export function formatNumber(value: number, options: Intl.NumberFormatOptions = {}): string {
  return formatter(options).format(value);
}

/** Cents in a currency → "$29.00" (en) / "29,00 $" (de). */
export function formatMoney(cents: number, currency = "USD"): string {
  return formatter({ style: "currency", currency }).format(cents / 100);
}

/** What `credits` cost in dollars (core's `CREDITS_PER_USD`): "$0.002", "$29.00" (en) / "0,002 $" (de). */
export function formatCreditsAsUsd(credits: number): string {
  return formatter({ style: "currency", currency: "USD", minimumFractionDigits: 2, maximumFractionDigits: 3 }).format(
    credits / CREDITS_PER_USD,
  );
}

/** A credit amount in words: "1,999 credits" (en) / "1.999 Credits" (de); 1 credit = $0.001. */
export function formatCredits(credits: number): string {
  const amount = formatNumber(credits);
  return credits === 1 ? msg("1 credit") : msg(str`${amount} credits`);
}
