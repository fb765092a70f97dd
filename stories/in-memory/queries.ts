/**
 * The in-memory backend's queries, by their Convex names, with the arguments and result
 * shapes of `packages/elements/src/client/api.ts`. Reads only: writes are in backend.ts.
 */
import type { ImageDoc } from "../../packages/elements/src/client/api.js";
import type { InMemoryBackend } from "./backend.js";
import { paginate } from "./pagination.js";

type Handler = (args: any) => unknown;

export function queriesOf(backend: InMemoryBackend): Record<string, Handler> {
  return {
    "models:list": () => backend.models,
    "jobs:get": ({ jobId }) => backend.jobs.get(jobId) ?? null,
    "jobs:list": ({ paginationOpts }) =>
      paginate(
        [...backend.jobs.values()].sort((a, b) => b._creationTime - a._creationTime),
        paginationOpts,
      ),
    "jobs:listActive": () =>
      [...backend.jobs.values()]
        .filter((job) => job.status === "pending" || job.status === "processing")
        .sort((a, b) => b._creationTime - a._creationTime),
    "jobs:me": () => ({ ...backend.account }),
    "images:get": ({ imageId }) => {
      const image = backend.image(imageId);
      return image ? backend.withPlaceholders([image])[0] : null;
    },
    "images:list": ({ paginationOpts, ...filter }) => {
      const result = paginate(backend.filtered(filter), paginationOpts);
      return { ...result, page: backend.withPlaceholders(result.page) };
    },
    "images:search": ({ paginationOpts, ...filter }) => {
      const result = paginate(backend.filtered(filter), paginationOpts);
      return { ...result, page: backend.withPlaceholders(result.page) };
    },
    "images:tags": () => [...new Set(backend.images.flatMap((image) => image.tags ?? []))].sort(),
    "collections:list": () => backend.collections.map((collection) => backend.collectionDoc(collection)),
    "collections:forImage": ({ imageId }) =>
      backend.collections.filter(({ imageIds }) => imageIds.includes(imageId)).map(({ doc }) => doc._id),
    "collections:images": ({ id, paginationOpts }) => {
      const images = backend
        .collection(id)
        .imageIds.map((imageId) => backend.image(imageId))
        .filter((image): image is ImageDoc => !!image);
      const result = paginate(images, paginationOpts);
      return { ...result, page: backend.withPlaceholders(result.page) };
    },
    "collections:publicView": ({ shareId }) => {
      const found = backend.collections.find(({ doc }) => doc.isPublic && doc.shareId === shareId);
      if (!found) return null;
      const { name, imageCount, cover } = backend.collectionDoc(found);
      return { name, imageCount, cover };
    },
    "collections:publicImages": ({ shareId, paginationOpts }) => {
      const found = backend.collections.find(({ doc }) => doc.isPublic && doc.shareId === shareId);
      const images = (found?.imageIds ?? [])
        .map((id) => backend.image(id))
        .filter((image): image is ImageDoc => !!image);
      const result = paginate(images, paginationOpts);
      return {
        ...result,
        page: backend
          .withPlaceholders(result.page)
          .map(({ _id, width, height, placeholder, format, prompt, model }) => ({
            _id,
            width,
            height,
            placeholder,
            format,
            prompt,
            model,
            s3Key: `images/${_id}.png`,
          })),
      };
    },
    "images:lineage": ({ imageId }) => backend.lineage(imageId),
    "inputs:list": () => backend.inputs,
    "prompts:recent": () => backend.prompts,
    "presets:list": () => backend.presets,
  };
}
