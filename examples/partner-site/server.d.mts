/** Types of server.mjs (plain JavaScript, so a partner runs it with `node` alone), for the end-to-end tests. */
export interface PartnerSiteOptions {
  port?: number;
  apiUrl: string;
  convexUrl: string;
  scriptUrl: string;
  secret: () => string | null | undefined;
  origins?: string[];
  ttlSeconds?: number;
  log?: (line: string) => void;
}
export interface PartnerSite {
  url: string;
  port: number;
  close(): Promise<void>;
}
export function secretFromEnv(env?: Record<string, string | undefined>): () => string | null | undefined;
export function startPartnerSite(options: PartnerSiteOptions): Promise<PartnerSite>;
