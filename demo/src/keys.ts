/**
 * The API keys page: create a key (shown once, with a copy button), list keys with their prefix,
 * permissions, expiry and last use, and revoke one — through `apiKeys:create`, `apiKeys:list` and
 * `apiKeys:revoke` (first-party sessions only), live over the Convex socket.
 */
import { USER_SCOPES, type UserScope } from "@pixorly/core";
import { apiUrl, client, ensureUser, mutation, query } from "./session";
import { announce, errorMessage, formatDate, formatDateTime, h, relative, secretPanel, showError } from "./ui";

interface KeySummary {
  id: string;
  name: string;
  prefix: string;
  permissions: string[];
  createdAt: number;
  expiresAt?: number;
  lastUsedAt?: number;
  revokedAt?: number;
}

const listKeys = query<Record<string, never>, KeySummary[]>("apiKeys:list");
const createKey = mutation<
  { name: string; permissions: string[]; expiresAt?: number },
  { id: string; key: string; prefix: string }
>("apiKeys:create");
const revokeKey = mutation<{ id: string }, null>("apiKeys:revoke");

const SCOPE_LABELS: Record<UserScope, string> = {
  generate: "Generate images and follow jobs",
  "images:read": "Read images",
  "images:write": "Change and delete images",
  "collections:write": "Manage collections",
};

const form = document.getElementById("create-form") as HTMLFormElement;
const nameInput = document.getElementById("key-name") as HTMLInputElement;
const expiry = document.getElementById("key-expiry") as HTMLSelectElement;
const checks = document.querySelector("#key-permissions .checks") as HTMLElement;
const formError = document.getElementById("create-error") as HTMLElement;
const newKey = document.getElementById("new-key") as HTMLElement;
const list = document.getElementById("key-list") as HTMLElement;
const dialog = document.getElementById("revoke-dialog") as HTMLDialogElement;

for (const scope of USER_SCOPES) {
  checks.append(
    h(
      "label",
      {},
      h("input", { type: "checkbox", name: "permissions", value: scope, defaultChecked: scope !== "images:write" }),
      `${SCOPE_LABELS[scope]} `,
      h("code", {}, scope),
    ),
  );
}

function status(key: KeySummary, now: number) {
  if (key.revokedAt !== undefined) return h("span", { class: "pill pill-bad" }, `Revoked ${formatDate(key.revokedAt)}`);
  if (key.expiresAt !== undefined && key.expiresAt <= now) return h("span", { class: "pill pill-bad" }, "Expired");
  return h("span", { class: "pill pill-ok" }, "Active");
}

function render(keys: KeySummary[]) {
  list.removeAttribute("aria-busy");
  if (keys.length === 0) {
    list.replaceChildren(
      h(
        "div",
        { class: "empty" },
        h("strong", {}, "No API keys yet"),
        "Create one above to call the REST API from your server.",
      ),
    );
    return;
  }
  const now = Date.now();
  const rows = keys.map((key) => {
    const usable = key.revokedAt === undefined && (key.expiresAt === undefined || key.expiresAt > now);
    return h(
      "tr",
      {},
      h("th", { scope: "row" }, key.name),
      h("td", {}, h("code", {}, `${key.prefix}…`)),
      h("td", {}, ...key.permissions.map((p) => h("span", { class: "pill" }, p))),
      h("td", {}, formatDate(key.createdAt)),
      h(
        "td",
        {},
        key.expiresAt === undefined
          ? "Never"
          : h(
              "time",
              { dateTime: new Date(key.expiresAt).toISOString(), title: formatDateTime(key.expiresAt) },
              relative(key.expiresAt, now),
            ),
      ),
      h(
        "td",
        {},
        key.lastUsedAt === undefined
          ? "Never used"
          : h(
              "time",
              { dateTime: new Date(key.lastUsedAt).toISOString(), title: formatDateTime(key.lastUsedAt) },
              relative(key.lastUsedAt, now),
            ),
      ),
      h("td", {}, status(key, now)),
      h(
        "td",
        {},
        usable
          ? h(
              "button",
              {
                type: "button",
                class: "button button-danger",
                "aria-label": `Revoke ${key.name}`,
                onclick: () => confirmRevoke(key),
              },
              "Revoke",
            )
          : "",
      ),
    );
  });
  list.replaceChildren(
    h(
      "div",
      { class: "table-wrap" },
      h(
        "table",
        {},
        h("caption", { class: "visually-hidden" }, "Your API keys, newest first"),
        h(
          "thead",
          {},
          h(
            "tr",
            {},
            ...["Name", "Key", "Permissions", "Created", "Expires", "Last used", "Status"].map((t) =>
              h("th", { scope: "col" }, t),
            ),
            h("th", { scope: "col" }, h("span", { class: "visually-hidden" }, "Actions")),
          ),
        ),
        h("tbody", {}, ...rows),
      ),
    ),
  );
}

function confirmRevoke(key: KeySummary) {
  (document.getElementById("revoke-text") as HTMLElement).textContent =
    `“${key.name}” (${key.prefix}…) stops working at once. Anything that uses it will get 401 errors. This cannot be undone.`;
  dialog.returnValue = "";
  dialog.showModal();
  dialog.addEventListener(
    "close",
    async () => {
      if (dialog.returnValue !== "revoke") return;
      try {
        await client.mutation(revokeKey, { id: key.id });
        announce(`Revoked ${key.name}.`);
      } catch (error) {
        showError(formError, `Could not revoke “${key.name}”: ${errorMessage(error)}`);
      }
    },
    { once: true },
  );
}

form.addEventListener("submit", async (event) => {
  event.preventDefault();
  const name = nameInput.value.trim();
  const permissions = [...checks.querySelectorAll<HTMLInputElement>("input:checked")].map((c) => c.value);
  const problems = [
    !name && "Give the key a name.",
    permissions.length === 0 && "Choose at least one permission.",
  ].filter(Boolean) as string[];
  nameInput.setAttribute("aria-invalid", String(!name));
  if (problems.length > 0) {
    showError(formError, problems.join(" "));
    (name ? (checks.querySelector("input") as HTMLInputElement) : nameInput).focus();
    return;
  }
  showError(formError, null);
  const submit = form.querySelector("button[type=submit]") as HTMLButtonElement;
  submit.disabled = true;
  try {
    const days = expiry.value === "never" ? null : Number(expiry.value);
    const created = await client.mutation(createKey, {
      name,
      permissions,
      ...(days ? { expiresAt: Date.now() + days * 86_400_000 } : {}),
    });
    form.reset();
    secretPanel(
      newKey,
      "Your new API key",
      created.key,
      "Copy it now: it is shown only this once. Send it from your server as a bearer token.",
    );
    newKey
      .querySelector(".secret-panel")
      ?.append(
        h(
          "p",
          { class: "hint" },
          "Try it: ",
          h("code", {}, `curl -H "Authorization: Bearer ${created.key}" ${apiUrl}/api/v1/models`),
        ),
      );
    announce(`Created the key ${name}. It is shown once below.`);
  } catch (error) {
    showError(formError, `Could not create the key: ${errorMessage(error)}`);
  } finally {
    submit.disabled = false;
  }
});

ensureUser()
  .then(() => {
    client.onUpdate(listKeys, {}, render, (error) => {
      list.removeAttribute("aria-busy");
      showError(list, `Could not load your keys: ${errorMessage(error)}`);
    });
  })
  .catch((error) => {
    list.removeAttribute("aria-busy");
    showError(list, `Could not sign in as the local user: ${errorMessage(error)}`);
  });
