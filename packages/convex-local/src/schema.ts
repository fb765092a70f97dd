/** The parts of `schema.ts` the server enforces: document validators, indexes, search indexes. */
import { defaultIndexes, SYSTEM_TABLES, type IndexDef } from "./store.js";
import type { SearchIndexDef } from "./search.js";
import type { ValidatorJSON } from "./validators.js";
import { MAX_DIMENSIONS, MAX_VECTOR_FILTER_FIELDS, MIN_DIMENSIONS, type VectorIndexDef } from "./vector-index.js";

export type AppSchema = {
  /** Validators by table; empty when there is no schema. */
  documentTypes: Map<string, ValidatorJSON>;
  schemaValidation: boolean;
  /** Whether a schema exists at all (then writes to undeclared tables fail). */
  declared: boolean;
  indexes: IndexDef[];
  searchIndexes: Map<string, SearchIndexDef>;
  vectorIndexes: Map<string, VectorIndexDef>;
  /** `table.index` of staged indexes (`staged: true`): defined but not built nor queryable, as on Convex. */
  stagedIndexes: Set<string>;
};

type ExportedSchema = {
  tables: {
    tableName: string;
    indexes: { indexDescriptor: string; fields: string[] }[];
    searchIndexes: { indexDescriptor: string; searchField: string; filterFields: string[] }[];
    vectorIndexes?: { indexDescriptor: string; vectorField: string; dimensions: number; filterFields: string[] }[];
    stagedDbIndexes?: { indexDescriptor: string }[];
    stagedSearchIndexes?: { indexDescriptor: string }[];
    stagedVectorIndexes?: { indexDescriptor: string }[];
    documentType: ValidatorJSON;
  }[];
  schemaValidation: boolean;
};

const RESERVED_INDEX_NAMES = new Set(["by_id", "by_creation_time"]);

export function parseSchema(schema: { export(): string } | null, knownTables: string[]): AppSchema {
  const exported: ExportedSchema = schema ? JSON.parse(schema.export()) : { tables: [], schemaValidation: false };
  const documentTypes = new Map<string, ValidatorJSON>();
  const indexes: IndexDef[] = [];
  const searchIndexes = new Map<string, SearchIndexDef>();
  const vectorIndexes = new Map<string, VectorIndexDef>();
  const stagedIndexes = new Set<string>();
  const tables = new Set<string>([...knownTables, ...SYSTEM_TABLES]);
  for (const t of exported.tables) {
    tables.add(t.tableName);
    documentTypes.set(t.tableName, t.documentType);
    for (const idx of t.indexes) {
      if (RESERVED_INDEX_NAMES.has(idx.indexDescriptor)) {
        throw new Error(`Index name ${idx.indexDescriptor} on table ${t.tableName} is reserved`);
      }
      indexes.push({
        name: `${t.tableName}.${idx.indexDescriptor}`,
        table: t.tableName,
        fields: [...idx.fields, "_creationTime", "_id"],
      });
    }
    for (const s of t.searchIndexes) {
      searchIndexes.set(`${t.tableName}.${s.indexDescriptor}`, {
        name: `${t.tableName}.${s.indexDescriptor}`,
        table: t.tableName,
        searchField: s.searchField,
        filterFields: s.filterFields,
      });
    }
    for (const vi of t.vectorIndexes ?? []) {
      const name = `${t.tableName}.${vi.indexDescriptor}`;
      if (!Number.isInteger(vi.dimensions) || vi.dimensions < MIN_DIMENSIONS || vi.dimensions > MAX_DIMENSIONS) {
        throw new Error(
          `Vector index ${name} has ${vi.dimensions} dimensions; it must be a whole number from ${MIN_DIMENSIONS} to ${MAX_DIMENSIONS}`,
        );
      }
      if (vi.filterFields.length > MAX_VECTOR_FILTER_FIELDS) {
        throw new Error(
          `Vector index ${name} has ${vi.filterFields.length} filter fields; at most ${MAX_VECTOR_FILTER_FIELDS} are allowed`,
        );
      }
      vectorIndexes.set(name, {
        name,
        table: t.tableName,
        vectorField: vi.vectorField,
        dimensions: vi.dimensions,
        filterFields: vi.filterFields,
      });
    }
    for (const staged of [
      ...(t.stagedDbIndexes ?? []),
      ...(t.stagedSearchIndexes ?? []),
      ...(t.stagedVectorIndexes ?? []),
    ]) {
      stagedIndexes.add(`${t.tableName}.${staged.indexDescriptor}`);
    }
  }
  for (const table of tables) indexes.push(...defaultIndexes(table));
  return {
    documentTypes,
    schemaValidation: exported.schemaValidation !== false,
    declared: schema !== null,
    indexes,
    searchIndexes,
    vectorIndexes,
    stagedIndexes,
  };
}
