/** What the journeys know about the running stack (global-setup.ts puts it in PIXORLY_E2E). */
export interface E2eStack {
  demoUrl: string;
  partnerUrl: string;
  edgeUrl: string;
  convexUrl: string;
  partnerId: string;
  partnerTokenTtlSeconds: number;
}

export function stackInfo(): E2eStack {
  const json = process.env.PIXORLY_E2E;
  if (!json)
    throw new Error(
      "PIXORLY_E2E is not set: run the journeys with `npm run test:e2e` (playwright.config.ts starts the stack).",
    );
  return JSON.parse(json) as E2eStack;
}
