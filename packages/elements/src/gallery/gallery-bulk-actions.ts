/**
 * The gallery's bulk actions over a selection: split into calls of the backend's size
 * (`LIBRARY_LIMITS`), one at a time, with one message at the end; deletes go through the
 * undo window first.
 */
import { LIBRARY_LIMITS } from "@pixorly/core";
import type { ReactiveControllerHost } from "lit";
import { api, type CollectionDoc } from "../client/api.js";
import { toUserFacingError } from "../client/errors.js";
import { DownloadUnsupportedError, MAX_ZIP_IDS } from "../client/downloads.js";
import type { StudioClient } from "../client/studio-client.js";
import { msg, str } from "../i18n/localize.js";
import { downloadNavigation } from "../internal/save-file.js";
import { ShownError, shownMessage } from "../internal/shown-error.js";
import { checkTag } from "../library/tag-input.js";
import type { BulkAction } from "./gallery-bulk.js";
import { UndoableDelete } from "./undoable-delete.js";

export interface BulkReports {
  /** A sentence for the live region. */
  report: (message: string) => void;
  deleted: (imageIds: string[]) => void;
  failed: (code: string, message: string) => void;
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let start = 0; start < items.length; start += size) out.push(items.slice(start, start + size));
  return out;
}

const plural = (count: number) => (count === 1 ? msg("1 image") : msg(str`${count} images`));

export class GalleryBulkActions {
  busy = false;
  /** Why the last bulk tag was refused ('' when it was not). */
  tagError = "";
  private readonly deletes: UndoableDelete;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly getClient: () => StudioClient | undefined,
    private readonly reports: BulkReports,
  ) {
    this.deletes = new UndoableDelete(
      (ids) => this.sendDelete(ids),
      () => host.requestUpdate(),
    );
  }

  /** Ids hidden during the undo window. */
  get pendingDelete(): string[] {
    return this.deletes.pending;
  }

  async run(action: Exclude<BulkAction, "delete">, ids: string[]): Promise<void> {
    const done: Record<typeof action, string> = {
      favorite: msg(str`${plural(ids.length)} added to favorites.`),
      unfavorite: msg(str`${plural(ids.length)} removed from favorites.`),
      public: msg(str`${plural(ids.length)} made public.`),
      private: msg(str`${plural(ids.length)} made private.`),
    };
    await this.each(ids, LIBRARY_LIMITS.idsPerCall, done[action], (client, part) =>
      action === "favorite" || action === "unfavorite"
        ? client.mutation(api.images.setFavorite, { ids: part, favorite: action === "favorite" })
        : client.mutation(api.images.setVisibility, { ids: part, isPublic: action === "public" }),
    );
  }

  async addToCollection(collectionId: string, collections: readonly CollectionDoc[], ids: string[]): Promise<void> {
    const name = collections.find((collection) => collection._id === collectionId)?.name ?? msg("the collection");
    const done = msg(str`${plural(ids.length)} added to ${name}.`);
    await this.each(ids, LIBRARY_LIMITS.idsPerCall, done, (client, part) =>
      client.mutation(api.collections.addImages, { id: collectionId, imageIds: part }),
    );
  }

  /** Adds one tag (normalised as the backend stores it) to every image in `ids`; resolves to whether it was. */
  async addTag(text: string, ids: string[]): Promise<boolean> {
    const checked = checkTag(text);
    if (checked.error !== undefined) {
      this.tagError = checked.error;
      this.host.requestUpdate();
      return false;
    }
    this.tagError = "";
    const { tag } = checked;
    const ok = await this.each(
      ids,
      LIBRARY_LIMITS.idsPerCall,
      msg(str`Tagged ${plural(ids.length)} “${tag}”.`),
      (client, part) => client.mutation(api.images.addTags, { ids: part, tags: [tag] }),
    );
    if (!ok) this.tagError = this.lastFailure;
    return ok;
  }

  clearTagError(): void {
    if (!this.tagError) return;
    this.tagError = "";
    this.host.requestUpdate();
  }

  /** Saves the selection as one ZIP (the edge API signs it; following the link saves it). */
  async downloadZip(ids: string[]): Promise<void> {
    if (ids.length > MAX_ZIP_IDS) {
      const message = msg(str`A ZIP holds at most ${MAX_ZIP_IDS} images; ${ids.length} are selected. Select fewer.`);
      this.reports.report(message);
      this.reports.failed("INVALID_ARGUMENT", message);
      return;
    }
    let name = "";
    await this.each(
      ids,
      MAX_ZIP_IDS,
      () => msg(str`Downloading ${name}.`),
      async (client, part) => {
        let link;
        try {
          link = await client.zipUrl(part);
        } catch (error) {
          if (error instanceof DownloadUnsupportedError)
            throw new ShownError(msg("Downloading a ZIP is not available on this Pixorly server."));
          throw error;
        }
        name = link.filename;
        downloadNavigation.follow(link.url);
      },
    );
  }

  deleteWithUndo(ids: string[], windowMs: number): void {
    if (ids.length > 0) this.deletes.start(ids, windowMs);
  }

  undoDelete(): void {
    const count = this.deletes.pending.length;
    this.deletes.undo();
    this.reports.report(msg(str`${plural(count)} restored.`));
  }

  flushDelete(): Promise<void> {
    return this.deletes.flush();
  }

  private async sendDelete(ids: string[]): Promise<void> {
    const ok = await this.each(
      ids,
      LIBRARY_LIMITS.removeManyIds,
      msg(str`${plural(ids.length)} deleted.`),
      (client, part) => client.mutation(api.images.removeMany, { ids: part }),
    );
    if (ok) this.reports.deleted(ids);
  }

  private lastFailure = "";

  /** Runs `call` over `ids` in parts of `size`; stops at the first failure and says so. */
  private async each(
    ids: string[],
    size: number,
    done: string | (() => string),
    call: (client: StudioClient, part: string[]) => Promise<unknown>,
  ): Promise<boolean> {
    const client = this.getClient();
    if (!client || ids.length === 0) return false;
    this.busy = true;
    this.host.requestUpdate();
    try {
      for (const part of chunks(ids, size)) await call(client, part);
      this.reports.report(typeof done === "string" ? done : done());
      return true;
    } catch (error) {
      const problem = toUserFacingError(error);
      const message = shownMessage(error, problem.message);
      this.lastFailure = message;
      this.reports.report(message);
      this.reports.failed(problem.code, message);
      return false;
    } finally {
      this.busy = false;
      this.host.requestUpdate();
    }
  }
}
