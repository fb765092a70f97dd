/**
 * The demo site's navigation, the same on every page: a skip link, the page links with
 * `aria-current` on the open one, and the live region the pages announce results in.
 */
const PAGES = [
  { href: "/", label: "Studio" },
  { href: "/keys.html", label: "API keys" },
  { href: "/account.html", label: "Account" },
  { href: "/webhooks.html", label: "Webhooks" },
  { href: "/partner.html", label: "Partner" },
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
