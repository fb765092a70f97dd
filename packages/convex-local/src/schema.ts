/** The parts of `schema.ts` the server enforces: document validators, indexes, search indexes. */
import { defaultIndexes, SYSTEM_TABLES, type IndexDef } from "./store.js";
import type { SearchIndexDef } from "./search.js";
import type { ValidatorJSON } from "./validators.js";

export type AppSchema = {
  /** Validators by table; empty when there is no schema. */
  documentTypes: Map<string, ValidatorJSON>;
  schemaValidation: boolean;
  /** Whether a schema exists at all (then writes to undeclared tables fail). */
  declared: boolean;
  indexes: IndexDef[];
  searchIndexes: Map<string, SearchIndexDef>;
};

type ExportedSchema = {
  tables: {
    tableName: string;
    indexes: { indexDescriptor: string; fields: string[] }[];
    searchIndexes: { indexDescriptor: string; searchField: string; filterFields: string[] }[];
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
  }
  for (const table of tables) indexes.push(...defaultIndexes(table));
  return {
    documentTypes,
    schemaValidation: exported.schemaValidation !== false,
    declared: schema !== null,
    indexes,
    searchIndexes,
  };
}
