/**
 * The outbox page: the local user's email outbox (`email:outbox`, live) — offline the stand-in for
 * their mailbox — and data exports: request one (`account:requestExport`), follow it as it builds
 * (`account:exports`), and download a ready one through the edge API's signed link
 * (`POST /v1/account/exports/{id}/url`, with the user's own token).
 */
import { apiUrl, client, ensureUser, mutation, query, userToken } from "./session";
import { announce, errorMessage, formatBytes, formatDateTime, h, relative, showError } from "./ui";

interface Message {
  id: string;
  to: string | null;
  template: string;
  subject: string;
  text: string;
  status: string;
  createdAt: number;
}
interface ExportRow {
  id: string;
  status: "building" | "ready" | "failed";
  createdAt: number;
  completedAt: number | null;
  size: number | null;
}

const outboxQuery = query<Record<string, never>, Message[]>("email:outbox");
const exportsQuery = query<Record<string, never>, ExportRow[]>("account:exports");
const requestExport = mutation<Record<string, never>, string>("account:requestExport");

const TEMPLATE_NAMES: Record<string, string> = {
  accountDeleted: "Account deleted",
  exportReady: "Export ready",
  creditLow: "Low balance",
  endpointDisabled: "Endpoint disabled",
};
const STATUS_NAMES: Record<string, string> = {
  outbox: "In the outbox",
  queued: "Queued",
  sent: "Sent",
  failed: "Not sent",
};

const outbox = document.getElementById("outbox") as HTMLElement;
const exportsBox = document.getElementById("exports") as HTMLElement;
const exportButton = document.getElementById("export-button") as HTMLButtonElement;
const exportError = document.getElementById("export-error") as HTMLElement;

function renderOutbox(messages: Message[]) {
  outbox.removeAttribute("aria-busy");
  if (messages.length === 0) {
    outbox.replaceChildren(
      h(
        "div",
        { class: "empty" },
        h("strong", {}, "No messages yet"),
        'Request a data export above: its "ready" message lands here.',
      ),
    );
    return;
  }
  outbox.replaceChildren(
    h(
      "ul",
      { class: "stack", style: "list-style: none; padding: 0; margin: 0" },
      ...messages.map((m) =>
        h(
          "li",
          {},
          h(
            "details",
            { class: "data" },
            h(
              "summary",
              {},
              h("strong", {}, m.subject),
              " — ",
              h("span", { class: "pill" }, TEMPLATE_NAMES[m.template] ?? m.template),
              " ",
              h(
                "time",
                { dateTime: new Date(m.createdAt).toISOString(), title: formatDateTime(m.createdAt) },
                relative(m.createdAt),
              ),
            ),
            h("p", { class: "hint" }, `To: ${m.to ?? "(no address on file)"} · ${STATUS_NAMES[m.status] ?? m.status}`),
            h("pre", { class: "mono", style: "white-space: pre-wrap; margin: 0" }, m.text),
          ),
        ),
      ),
    ),
  );
}

async function download(row: ExportRow, button: HTMLButtonElement) {
  button.disabled = true;
  try {
    const res = await fetch(`${apiUrl}/v1/account/exports/${encodeURIComponent(row.id)}/url`, {
      method: "POST",
      headers: { Authorization: `Bearer ${await userToken()}` },
    });
    const body = (await res.json().catch(() => ({}))) as { url?: string; filename?: string; message?: string };
    if (!res.ok || !body.url) throw new Error(body.message ?? `The edge API answered ${res.status}.`);
    const link = h("a", { href: body.url, download: body.filename ?? "" });
    document.body.append(link);
    link.click();
    link.remove();
    showError(exportError, null);
    announce(`Downloading ${body.filename ?? "the export"}.`);
  } catch (error) {
    showError(exportError, `Could not get the download link: ${errorMessage(error)}`);
  } finally {
    button.disabled = false;
  }
}

function renderExports(rows: ExportRow[]) {
  exportsBox.removeAttribute("aria-busy");
  exportButton.disabled = rows[0]?.status === "building";
  if (rows.length === 0) {
    exportsBox.replaceChildren(h("p", { class: "hint" }, "No exports yet."));
    return;
  }
  const body = rows.map((row) => {
    const state =
      row.status === "ready"
        ? h("span", { class: "pill pill-ok" }, "Ready")
        : row.status === "failed"
          ? h("span", { class: "pill pill-bad" }, "Failed")
          : h("span", { class: "pill" }, "Building…");
    let action: HTMLElement | string = "—";
    if (row.status === "ready") {
      const button = h(
        "button",
        {
          type: "button",
          class: "button button-secondary",
          "aria-label": `Download the export of ${formatDateTime(row.createdAt)}`,
        },
        "Download",
      );
      button.addEventListener("click", () => void download(row, button));
      action = button;
    }
    return h(
      "tr",
      {},
      h("th", { scope: "row" }, formatDateTime(row.createdAt)),
      h("td", {}, state),
      h("td", { class: "num" }, row.size === null ? "—" : formatBytes(row.size)),
      h("td", {}, action),
    );
  });
  exportsBox.replaceChildren(
    h(
      "div",
      { class: "table-wrap" },
      h(
        "table",
        {},
        h("caption", { class: "visually-hidden" }, "Your data exports, newest first"),
        h(
          "thead",
          {},
          h(
            "tr",
            {},
            h("th", { scope: "col" }, "Requested"),
            h("th", { scope: "col" }, "State"),
            h("th", { scope: "col", class: "num" }, "Size"),
            h("th", { scope: "col" }, "Download"),
          ),
        ),
        h("tbody", {}, ...body),
      ),
    ),
  );
}

exportButton.addEventListener("click", async () => {
  exportButton.disabled = true;
  try {
    await client.mutation(requestExport, {});
    showError(exportError, null);
    announce("Export requested; it is being built.");
  } catch (error) {
    exportButton.disabled = false;
    showError(exportError, `Could not start the export: ${errorMessage(error)}`);
  }
});

ensureUser()
  .then(() => {
    client.onUpdate(outboxQuery, {}, renderOutbox, (error) => {
      outbox.removeAttribute("aria-busy");
      showError(outbox, `Could not load your messages: ${errorMessage(error)}`);
    });
    client.onUpdate(exportsQuery, {}, renderExports, (error) => {
      exportsBox.removeAttribute("aria-busy");
      showError(exportsBox, `Could not load your exports: ${errorMessage(error)}`);
    });
  })
  .catch((error) => {
    for (const el of [outbox, exportsBox]) {
      el.removeAttribute("aria-busy");
      showError(el, `Could not sign in as the local user: ${errorMessage(error)}`);
    }
  });
