/**
 * The offline stack's own partner, so a developer can try the embed flow (`POST /v1/embed/tokens`)
 * without creating one: made on the first `npm start`, its keys kept in `.pixorly/partner.json`
 * (git-ignored, mode 0600), and made again only when that file is missing or names a partner the
 * local database no longer has (a wiped `.pixorly/data`).
 */
import { USER_SCOPES } from "@pixorly/core";
import fs from "node:fs";
import path from "node:path";
import type { PartnerSummary } from "./commands/partner";
import type { Deployment } from "./deployment";

export interface LocalPartnerFile {
  partnerId: string;
  name: string;
  publishableKey: string;
  secretKey: string;
  allowedOrigins: string[];
  allowedScopes: string[];
  createdAt: string;
}

export const LOCAL_PARTNER_NAME = "Local demo partner";

function read(file: string): LocalPartnerFile | null {
  try {
    const data = JSON.parse(fs.readFileSync(file, "utf8")) as Partial<LocalPartnerFile>;
    return typeof data.partnerId === "string" &&
      typeof data.secretKey === "string" &&
      typeof data.publishableKey === "string"
      ? (data as LocalPartnerFile)
      : null;
  } catch {
    return null;
  }
}

/** Returns the local partner's keys, creating the partner (and the file) when needed. */
export async function ensureLocalPartner(
  deployment: Deployment,
  file: string,
  origins: string[],
): Promise<{ partner: LocalPartnerFile; created: boolean }> {
  const saved = read(file);
  if (saved) {
    const partners = await deployment.query<PartnerSummary[]>("partners:list", {});
    const row = partners.find((p) => p.partnerId === saved.partnerId);
    if (row && row.status === "active") {
      // Another DEMO_PORT this time: the partner follows the demo's origins (keeping the ones it has).
      const missing = origins.filter((o) => !row.allowedOrigins.includes(o));
      const allowedOrigins =
        missing.length > 0
          ? await deployment.mutation<string[]>("partners:setOrigins", {
              partnerId: row.partnerId,
              allowedOrigins: [...row.allowedOrigins, ...missing],
            })
          : row.allowedOrigins;
      return { partner: { ...saved, allowedOrigins, allowedScopes: row.allowedScopes }, created: false };
    }
  }
  const created = await deployment.mutation<{ partnerId: string; publishableKey: string; secretKey: string }>(
    "partners:create",
    {
      name: LOCAL_PARTNER_NAME,
      allowedOrigins: origins,
      allowedScopes: [...USER_SCOPES],
    },
  );
  const partner: LocalPartnerFile = {
    ...created,
    name: LOCAL_PARTNER_NAME,
    allowedOrigins: origins,
    allowedScopes: [...USER_SCOPES],
    createdAt: new Date().toISOString(),
  };
  fs.mkdirSync(path.dirname(file), { recursive: true });
  // Written whole to a temporary name and renamed, so a crash never leaves half a secret behind.
  const temporary = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, `${JSON.stringify(partner, null, 2)}\n`, { mode: 0o600 });
  fs.renameSync(temporary, file);
  return { partner, created: true };
}
