/**
 * The demo site's navigation, the same on every page: a skip link, the page links with
 * `aria-current` on the open one, the live region the pages announce results in, and — with Clerk
 * configured — the sign-in button or user button, with every `<pixorly-studio>` signed in through it.
 */
import { clerkConfigured, signIn } from "./sign-in";

const PAGES = [
  { href: "/", label: "Home" },
  { href: "/studio.html", label: "Studio" },
  { href: "/library.html", label: "Library" },
  { href: "/collections.html", label: "Collections" },
  { href: "/keys.html", label: "API keys" },
  { href: "/account.html", label: "Account" },
  { href: "/webhooks.html", label: "Webhooks" },
  { href: "/partner.html", label: "Partner" },
  { href: "/outbox.html", label: "Outbox" },
  { href: "/ops.html", label: "Operations" },
];

const here = location.pathname === "/index.html" ? "/" : location.pathname;
const nav = document.getElementById("site-nav");
if (nav) {
  nav.setAttribute("aria-label", "Demo pages");
  const list = document.createElement("ul");
  for (const page of PAGES) {
    const link = document.createElement("a");
    link.href = page.href;
    link.textContent = page.label;
    if (page.href === here) link.setAttribute("aria-current", "page");
    const item = document.createElement("li");
    item.append(link);
    list.append(item);
  }
  nav.replaceChildren(list);
}
if (!document.getElementById("announcer")) {
  const region = document.createElement("div");
  region.id = "announcer";
  region.className = "visually-hidden";
  region.setAttribute("aria-live", "polite");
  document.body.append(region);
}

// With Clerk, the studios take their tokens from the sign-in instead of the offline dev route: the inline
// script clerk-plugin.ts puts at the end of the body already switched them over and waits for this.
if (clerkConfigured()) {
  (window as Window & { __pixorlyClerkTokens?: (provider: () => Promise<string>) => void }).__pixorlyClerkTokens?.(() =>
    signIn().token(),
  );
  const controls = document.createElement("div");
  controls.className = "sign-in-controls";
  controls.setAttribute("aria-label", "Your account");
  controls.setAttribute("role", "group");
  (nav?.parentElement ?? document.body).append(controls);
  signIn().mountControls(controls);
}
