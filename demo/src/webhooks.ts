/**
 * The webhooks page: add an endpoint (its `whsec_` secret shown once), list endpoints with their
 * state, send a test event, enable/disable/remove, and read an endpoint's deliveries with each
 * attempt's status code and timing, replaying any finished one — through `webhooks:*`.
 */
import { WEBHOOK_EVENTS } from "@pixorly/core";
import { action, client, ensureUser, mutation, query } from "./session";
import { announce, errorMessage, formatDateTime, h, isMissingFunction, relative, secretPanel, showError } from "./ui";

interface Endpoint {
  endpointId: string;
  url: string;
  events: string[];
  enabled: boolean;
  createdAt: number;
  failedMessages: number;
  disabledNotice: { at: number; reason: string } | null;
}
interface Attempt {
  attempt: number;
  at: number;
  statusCode: number | null;
  durationMs: number;
  errorClass: string | null;
}
interface Delivery {
  deliveryId: string;
  endpointId: string;
  messageId: string;
  eventType: string;
  payload: string;
  status: "pending" | "delivered" | "failed";
  attempts: number;
  createdAt: number;
  nextAttemptAt: number | null;
  replayOf: string | null;
  log: Attempt[];
}
interface Page {
  page: Delivery[];
  isDone: boolean;
  continueCursor: string;
}

const listEndpoints = query<Record<string, never>, Endpoint[]>("webhooks:list");
const createEndpoint = action<{ url: string; events: string[] }, { endpointId: string; secret: string }>(
  "webhooks:create",
);
const removeEndpoint = mutation<{ endpointId: string }, null>("webhooks:remove");
const setEnabled = mutation<{ endpointId: string; enabled: boolean }, null>("webhooks:setEnabled");
const sendTest = mutation<{ endpointId: string }, { deliveryId: string; messageId: string }>("webhooks:sendTest");
const listDeliveries = query<{ endpointId: string; paginationOpts: { numItems: number; cursor: string | null } }, Page>(
  "webhooks:deliveries",
);
const replay = mutation<{ deliveryId: string }, { deliveryId: string }>("webhooks:replay");

const EVENT_LABELS: Record<string, string> = {
  "generation.started": "A generation started",
  "generation.completed": "A generation completed",
  "generation.failed": "A generation failed",
  "credit.low": "Balance below 10 % of the last grant",
  "credit.depleted": "Balance spent",
};
const PAGE_SIZE = 20;

const form = document.getElementById("add-form") as HTMLFormElement;
const urlInput = document.getElementById("endpoint-url") as HTMLInputElement;
const checks = document.querySelector("#endpoint-events .checks") as HTMLElement;
const addError = document.getElementById("add-error") as HTMLElement;
const newSecret = document.getElementById("new-secret") as HTMLElement;
const endpointsBox = document.getElementById("endpoints") as HTMLElement;
const endpointError = document.getElementById("endpoint-error") as HTMLElement;
const deliveriesCard = document.getElementById("deliveries-card") as HTMLElement;
const deliveriesTitle = document.getElementById("deliveries-title") as HTMLElement;
const deliveriesBox = document.getElementById("deliveries") as HTMLElement;
const deliveryError = document.getElementById("delivery-error") as HTMLElement;
const removeDialog = document.getElementById("remove-dialog") as HTMLDialogElement;

for (const event of WEBHOOK_EVENTS) {
  checks.append(
    h(
      "label",
      {},
      h("input", { type: "checkbox", name: "events", value: event, defaultChecked: true }),
      `${EVENT_LABELS[event] ?? event} `,
      h("code", {}, event),
    ),
  );
}

/** Runs a button's call with the button disabled, announcing the outcome or showing the error. */
async function act(button: HTMLButtonElement, errorBox: HTMLElement, run: () => Promise<string>) {
  button.disabled = true;
  try {
    showError(errorBox, null);
    announce(await run());
  } catch (error) {
    showError(errorBox, errorMessage(error));
  } finally {
    button.disabled = false;
  }
}

let selected: Endpoint | null = null;
let endpoints: Endpoint[] = [];

function renderEndpoints() {
  endpointsBox.removeAttribute("aria-busy");
  if (endpoints.length === 0) {
    endpointsBox.replaceChildren(
      h(
        "div",
        { class: "empty" },
        h("strong", {}, "No endpoints yet"),
        "Add one above to receive events as they happen.",
      ),
    );
    return;
  }
  const rows = endpoints.map((ep) => {
    const state = ep.enabled
      ? h("span", { class: "pill pill-ok" }, "Enabled")
      : h("span", { class: "pill pill-bad" }, "Disabled");
    const notice = ep.disabledNotice
      ? h("div", { class: "hint" }, `Disabled ${formatDateTime(ep.disabledNotice.at)}: ${ep.disabledNotice.reason}`)
      : null;
    const failing =
      ep.enabled && ep.failedMessages > 0
        ? h(
            "div",
            { class: "hint" },
            `${ep.failedMessages} failed message${ep.failedMessages === 1 ? "" : "s"} in a row`,
          )
        : null;
    const test = h(
      "button",
      {
        type: "button",
        class: "button button-secondary",
        disabled: !ep.enabled,
        "aria-label": `Send test to ${ep.url}`,
      },
      "Send test",
    );
    test.addEventListener("click", () =>
      act(test, endpointError, async () => {
        await client.mutation(sendTest, { endpointId: ep.endpointId });
        showDeliveries(ep, false);
        return `Test event queued for ${ep.url}.`;
      }),
    );
    const toggle = h(
      "button",
      {
        type: "button",
        class: "button button-secondary",
        "aria-label": `${ep.enabled ? "Disable" : "Enable"} ${ep.url}`,
      },
      ep.enabled ? "Disable" : "Enable",
    );
    toggle.addEventListener("click", () =>
      act(toggle, endpointError, async () => {
        await client.mutation(setEnabled, { endpointId: ep.endpointId, enabled: !ep.enabled });
        return `${ep.url} is ${ep.enabled ? "disabled" : "enabled"}.`;
      }),
    );
    const remove = h(
      "button",
      {
        type: "button",
        class: "button button-danger",
        "aria-label": `Remove ${ep.url}`,
        onclick: () => confirmRemove(ep),
      },
      "Remove",
    );
    const view = h(
      "button",
      {
        type: "button",
        class: "button button-secondary",
        "aria-label": `Deliveries to ${ep.url}`,
        "aria-pressed": String(selected?.endpointId === ep.endpointId),
        onclick: () => showDeliveries(ep, true),
      },
      "Deliveries",
    );
    return h(
      "tr",
      {},
      h("th", { scope: "row" }, h("code", {}, ep.url), notice, failing),
      h("td", {}, ...ep.events.map((e) => h("span", { class: "pill" }, e))),
      h("td", {}, state),
      h(
        "td",
        {},
        h(
          "time",
          { dateTime: new Date(ep.createdAt).toISOString(), title: formatDateTime(ep.createdAt) },
          relative(ep.createdAt),
        ),
      ),
      h("td", {}, h("div", { class: "actions" }, view, test, toggle, remove)),
    );
  });
  endpointsBox.replaceChildren(
    h(
      "div",
      { class: "table-wrap" },
      h(
        "table",
        {},
        h("caption", { class: "visually-hidden" }, "Your webhook endpoints"),
        h(
          "thead",
          {},
          h(
            "tr",
            {},
            ...["URL", "Events", "State", "Added"].map((t) => h("th", { scope: "col" }, t)),
            h("th", { scope: "col" }, h("span", { class: "visually-hidden" }, "Actions")),
          ),
        ),
        h("tbody", {}, ...rows),
      ),
    ),
  );
}

function confirmRemove(ep: Endpoint) {
  (document.getElementById("remove-text") as HTMLElement).textContent =
    `${ep.url} stops receiving events, and its delivery log is removed.`;
  removeDialog.returnValue = "";
  removeDialog.showModal();
  removeDialog.addEventListener(
    "close",
    async () => {
      if (removeDialog.returnValue !== "remove") return;
      try {
        await client.mutation(removeEndpoint, { endpointId: ep.endpointId });
        if (selected?.endpointId === ep.endpointId) hideDeliveries();
        announce(`Removed ${ep.url}.`);
      } catch (error) {
        showError(endpointError, `Could not remove ${ep.url}: ${errorMessage(error)}`);
      }
    },
    { once: true },
  );
}

function attemptText(a: Attempt) {
  const outcome = a.statusCode !== null ? `HTTP ${a.statusCode}` : (a.errorClass ?? "no answer").replace(/_/g, " ");
  return `#${a.attempt} ${formatDateTime(a.at)} — ${outcome}, ${a.durationMs} ms`;
}

function deliveryRow(d: Delivery) {
  const last = d.log.at(-1);
  const status =
    d.status === "delivered"
      ? h("span", { class: "pill pill-ok" }, "Delivered")
      : d.status === "failed"
        ? h("span", { class: "pill pill-bad" }, "Failed")
        : h("span", { class: "pill pill-warn" }, "Pending");
  const replayButton = h(
    "button",
    {
      type: "button",
      class: "button button-secondary",
      disabled: d.status === "pending",
      "aria-label": `Replay ${d.eventType} from ${formatDateTime(d.createdAt)}`,
    },
    "Replay",
  );
  replayButton.addEventListener("click", () =>
    act(replayButton, deliveryError, async () => {
      await client.mutation(replay, { deliveryId: d.deliveryId });
      return `Replaying ${d.eventType}; the new delivery carries the same webhook-id.`;
    }),
  );
  let pretty = d.payload;
  try {
    pretty = JSON.stringify(JSON.parse(d.payload), null, 2);
  } catch {
    // Shown as sent.
  }
  return h(
    "tr",
    {},
    h(
      "th",
      { scope: "row" },
      h("code", {}, d.eventType),
      d.replayOf ? h("div", { class: "hint" }, "Replay") : null,
      h(
        "details",
        { class: "data" },
        h("summary", {}, "Payload and attempts"),
        h("div", { class: "hint" }, "webhook-id ", h("code", {}, d.messageId)),
        h("pre", { class: "mono", style: "white-space: pre-wrap; margin: 0.5rem 0" }, pretty),
        d.log.length === 0
          ? h("p", { class: "hint" }, "No attempts yet.")
          : h("ol", {}, ...d.log.map((a) => h("li", {}, attemptText(a)))),
      ),
    ),
    h("td", {}, status),
    h("td", { class: "num" }, String(d.attempts)),
    h(
      "td",
      {},
      last ? (last.statusCode !== null ? `HTTP ${last.statusCode}` : (last.errorClass ?? "—").replace(/_/g, " ")) : "—",
      last ? h("div", { class: "hint" }, `${last.durationMs} ms`) : null,
    ),
    h(
      "td",
      {},
      h(
        "time",
        { dateTime: new Date(d.createdAt).toISOString(), title: formatDateTime(d.createdAt) },
        relative(d.createdAt),
      ),
      d.nextAttemptAt ? h("div", { class: "hint" }, `next try ${relative(d.nextAttemptAt)}`) : null,
    ),
    h("td", {}, replayButton),
  );
}

let stopDeliveries: (() => void) | null = null;
let older: Delivery[] = [];

function renderDeliveries(first: Page) {
  deliveriesBox.removeAttribute("aria-busy");
  const all = [...first.page, ...older.filter((o) => !first.page.some((d) => d.deliveryId === o.deliveryId))];
  if (all.length === 0) {
    deliveriesBox.replaceChildren(
      h(
        "div",
        { class: "empty" },
        h("strong", {}, "No deliveries yet"),
        "Send a test event, or generate an image in the studio.",
      ),
    );
    return;
  }
  let cursor = first.continueCursor;
  let isDone = first.isDone;
  const more = h("button", { type: "button", class: "button button-secondary" }, "Load older deliveries");
  more.hidden = isDone || older.length > 0;
  more.addEventListener("click", async () => {
    if (!selected) return;
    more.disabled = true;
    try {
      const next = await client.query(listDeliveries, {
        endpointId: selected.endpointId,
        paginationOpts: { numItems: PAGE_SIZE, cursor },
      });
      older = [...older, ...next.page];
      cursor = next.continueCursor;
      isDone = next.isDone;
      tbody.append(...next.page.map(deliveryRow));
      more.hidden = isDone;
      announce(`Loaded ${next.page.length} older deliveries.`);
    } catch (error) {
      showError(deliveryError, `Could not load older deliveries: ${errorMessage(error)}`);
    } finally {
      more.disabled = false;
    }
  });
  const tbody = h("tbody", {}, ...all.map(deliveryRow));
  deliveriesBox.replaceChildren(
    h(
      "div",
      { class: "table-wrap" },
      h(
        "table",
        {},
        h("caption", { class: "visually-hidden" }, `Deliveries to ${selected?.url ?? "this endpoint"}, newest first`),
        h(
          "thead",
          {},
          h(
            "tr",
            {},
            ...["Event", "Status", "Attempts", "Last response", "Created"].map((t, i) =>
              h("th", { scope: "col", class: i === 2 ? "num" : "" }, t),
            ),
            h("th", { scope: "col" }, h("span", { class: "visually-hidden" }, "Actions")),
          ),
        ),
        tbody,
      ),
    ),
    h("div", { class: "actions", style: "margin-top: 0.75rem" }, more),
  );
}

function hideDeliveries() {
  stopDeliveries?.();
  stopDeliveries = null;
  selected = null;
  deliveriesCard.hidden = true;
  renderEndpoints();
}

function showDeliveries(ep: Endpoint, moveFocus: boolean) {
  if (selected?.endpointId !== ep.endpointId) {
    stopDeliveries?.();
    older = [];
    selected = ep;
    deliveriesCard.hidden = false;
    deliveriesTitle.textContent = `Deliveries to ${ep.url}`;
    deliveriesBox.setAttribute("aria-busy", "true");
    deliveriesBox.replaceChildren(h("p", { class: "loading" }, "Loading deliveries…"));
    showError(deliveryError, null);
    stopDeliveries = client.onUpdate(
      listDeliveries,
      { endpointId: ep.endpointId, paginationOpts: { numItems: PAGE_SIZE, cursor: null } },
      renderDeliveries,
      (error) => {
        deliveriesBox.removeAttribute("aria-busy");
        deliveriesBox.replaceChildren();
        showError(deliveryError, `Could not load deliveries: ${errorMessage(error)}`);
      },
    );
    renderEndpoints();
  }
  if (moveFocus) deliveriesTitle.focus();
}

form.addEventListener("submit", async (event) => {
  event.preventDefault();
  const url = urlInput.value.trim();
  const events = [...checks.querySelectorAll<HTMLInputElement>("input:checked")].map((c) => c.value);
  const problems = [
    !/^https?:\/\/\S+$/i.test(url) && "Give the endpoint's http(s) URL.",
    events.length === 0 && "Choose at least one event.",
  ].filter(Boolean) as string[];
  urlInput.setAttribute("aria-invalid", String(!/^https?:\/\/\S+$/i.test(url)));
  if (problems.length > 0) {
    showError(addError, problems.join(" "));
    (/^https?:\/\/\S+$/i.test(url) ? (checks.querySelector("input") as HTMLInputElement) : urlInput).focus();
    return;
  }
  showError(addError, null);
  const submit = form.querySelector("button[type=submit]") as HTMLButtonElement;
  submit.disabled = true;
  try {
    const created = await client.action(createEndpoint, { url, events });
    form.reset();
    secretPanel(
      newSecret,
      "Signing secret",
      created.secret,
      "Copy it now: it is shown only this once. Verify each request with it, e.g. new Webhook(secret).verify(body, headers) from the standardwebhooks package.",
    );
    announce(`Added ${url}. Its signing secret is shown once below.`);
  } catch (error) {
    showError(addError, `Could not add the endpoint: ${errorMessage(error)}`);
  } finally {
    submit.disabled = false;
  }
});

ensureUser()
  .then(() => {
    client.onUpdate(
      listEndpoints,
      {},
      (list) => {
        endpoints = list;
        if (selected && !list.some((e) => e.endpointId === selected!.endpointId)) hideDeliveries();
        else renderEndpoints();
      },
      (error) => {
        endpointsBox.removeAttribute("aria-busy");
        if (isMissingFunction(error)) {
          endpointsBox.replaceChildren(
            h(
              "div",
              { class: "empty" },
              h("strong", {}, "Webhooks are not available"),
              "This deployment does not have webhooks yet.",
            ),
          );
          form.querySelector<HTMLButtonElement>("button[type=submit]")!.disabled = true;
        } else showError(endpointsBox, `Could not load your endpoints: ${errorMessage(error)}`);
      },
    );
  })
  .catch((error) => {
    endpointsBox.removeAttribute("aria-busy");
    showError(endpointsBox, `Could not sign in as the local user: ${errorMessage(error)}`);
  });
