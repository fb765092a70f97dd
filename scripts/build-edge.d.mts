/** Types of scripts/build-edge.mjs, for the tests that build the edge API's container bundle. */
export function buildEdge(options?: { outfile?: string }): Promise<{ outfile: string; ms: number }>;
