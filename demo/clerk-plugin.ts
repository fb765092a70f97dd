/**
 * First-party sign-in through Clerk on the demo site, only when configured: with `CLERK_PUBLISHABLE_KEY` in
 * the environment of `npm start` / `vite build`, every page gets a meta tag with the key (public by design: it
 * names the Clerk instance) and one with the edge API that exchanges Clerk sessions (`POST /v1/session/token`);
 * `src/sign-in.ts` then loads @clerk/clerk-js instead of the offline sign-in. Without the key the pages carry
 * neither tag and never load Clerk.
 */
import type { HtmlTagDescriptor, Plugin } from "vite";

/**
 * Runs while the page is parsed, before any module (so before pixorly.js defines `<pixorly-studio>`, whatever
 * order a build puts the scripts in): every studio drops the offline `token-url` and waits for its tokens from
 * the sign-in, which nav.ts hands over through `__pixorlyClerkTokens` once its module runs.
 */
export const STUDIO_HANDOFF =
  "(()=>{let give;const tokens=new Promise((r)=>(give=r));window.__pixorlyClerkTokens=give;" +
  'for(const s of document.querySelectorAll("pixorly-studio")){s.removeAttribute("token-url");s.tokenProvider=()=>tokens.then((t)=>t());}})();';

export function clerkSignIn(apiUrl: string, env: Record<string, string | undefined> = process.env): Plugin {
  const key = env.CLERK_PUBLISHABLE_KEY?.trim();
  if (key && !/^pk_(test|live)_/.test(key)) {
    throw new Error(
      `CLERK_PUBLISHABLE_KEY must be a Clerk publishable key (pk_test_… or pk_live_…), not "${key.slice(0, 8)}…".`,
    );
  }
  return {
    name: "pixorly-clerk-sign-in",
    transformIndexHtml: (): HtmlTagDescriptor[] =>
      key
        ? [
            { tag: "meta", attrs: { name: "pixorly-clerk-publishable-key", content: key }, injectTo: "head-prepend" },
            { tag: "meta", attrs: { name: "pixorly-session-api-url", content: apiUrl }, injectTo: "head-prepend" },
            { tag: "script", children: STUDIO_HANDOFF, injectTo: "body" },
          ]
        : [],
  };
}
