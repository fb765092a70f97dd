/**
 * The gallery's bulk actions over a selection: split into calls of the backend's size
 * (`LIBRARY_LIMITS`), one at a time, with one message at the end; deletes go through the
 * undo window first.
 */
import { LIBRARY_LIMITS, normalizeTag } from '@pixorly/core';
import type { ReactiveControllerHost } from 'lit';
import { api, type CollectionDoc } from '../client/api.js';
import { toUserFacingError } from '../client/errors.js';
import type { StudioClient } from '../client/studio-client.js';
import type { BulkAction } from './gallery-bulk.js';
import { UndoableDelete } from './undoable-delete.js';

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

const plural = (count: number) => (count === 1 ? '1 image' : `${count} images`);

export class GalleryBulkActions {
  busy = false;
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

  async run(action: Exclude<BulkAction, 'delete'>, ids: string[]): Promise<void> {
    const done: Record<typeof action, string> = {
      favorite: `${plural(ids.length)} added to favorites.`,
      unfavorite: `${plural(ids.length)} removed from favorites.`,
      public: `${plural(ids.length)} made public.`,
      private: `${plural(ids.length)} made private.`,
    };
    await this.each(ids, LIBRARY_LIMITS.idsPerCall, done[action], (client, part) =>
      action === 'favorite' || action === 'unfavorite'
        ? client.mutation(api.images.setFavorite, { ids: part, favorite: action === 'favorite' })
        : client.mutation(api.images.setVisibility, { ids: part, isPublic: action === 'public' }),
    );
  }

  async addToCollection(collectionId: string, collections: readonly CollectionDoc[], ids: string[]): Promise<void> {
    const name = collections.find((collection) => collection._id === collectionId)?.name ?? 'the collection';
    await this.each(ids, LIBRARY_LIMITS.idsPerCall, `${plural(ids.length)} added to ${name}.`, (client, part) =>
      client.mutation(api.collections.addImages, { id: collectionId, imageIds: part }),
    );
  }

  /** Adds one tag (normalised as the backend stores it) to every image in `ids`. */
  async addTag(text: string, ids: string[]): Promise<void> {
    const tag = normalizeTag(text);
    if (!tag) {
      this.reports.report('Type a tag first.');
      return;
    }
    await this.each(ids, LIBRARY_LIMITS.idsPerCall, `Tagged ${plural(ids.length)} “${tag}”.`, (client, part) =>
      client.mutation(api.images.addTags, { ids: part, tags: [tag] }),
    );
  }

  deleteWithUndo(ids: string[], windowMs: number): void {
    if (ids.length > 0) this.deletes.start(ids, windowMs);
  }

  undoDelete(): void {
    const count = this.deletes.pending.length;
    this.deletes.undo();
    this.reports.report(`${plural(count)} restored.`);
  }

  flushDelete(): Promise<void> {
    return this.deletes.flush();
  }

  private async sendDelete(ids: string[]): Promise<void> {
    const ok = await this.each(ids, LIBRARY_LIMITS.removeManyIds, `${plural(ids.length)} deleted.`, (client, part) =>
      client.mutation(api.images.removeMany, { ids: part }),
    );
    if (ok) this.reports.deleted(ids);
  }

  /** Runs `call` over `ids` in parts of `size`; stops at the first failure and says so. */
  private async each(ids: string[], size: number, done: string, call: (client: StudioClient, part: string[]) => Promise<unknown>): Promise<boolean> {
    const client = this.getClient();
    if (!client || ids.length === 0) return false;
    this.busy = true;
    this.host.requestUpdate();
    try {
      for (const part of chunks(ids, size)) await call(client, part);
      this.reports.report(done);
      return true;
    } catch (error) {
      const problem = toUserFacingError(error);
      this.reports.report(problem.message);
      this.reports.failed(problem.code, problem.message);
      return false;
    } finally {
      this.busy = false;
      this.host.requestUpdate();
    }
  }
}
