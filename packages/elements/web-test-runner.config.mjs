/**
 * `wtr`: the component tests (next to the code under src/) and, as the `e2e` group, the
 * end-to-end tests in test/e2e against the real backend (see stack-plugin.mjs), all in
 * Debian's Chromium through the Playwright launcher (`npx playwright install` cannot
 * download browsers here, and needs not).
 */
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { playwrightLauncher } from '@web/test-runner-playwright';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { pixorlyStackPlugin } from './test/e2e/stack-plugin.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const chromium = process.env.PIXORLY_CHROMIUM ?? '/usr/bin/chromium';

export default {
  rootDir: path.resolve(here, '../..'),
  // An address, not 'localhost': what that name resolves to (::1 first, or nothing) depends on the machine.
  hostname: '127.0.0.1',
  files: ['src/**/*.test.ts'],
  nodeResolve: { exportConditions: ['browser', 'import', 'default'], extensions: ['.ts', '.mjs', '.js'] },
  plugins: [esbuildPlugin({ ts: true, tsconfig: path.join(here, 'tsconfig.json'), target: 'es2022' }), pixorlyStackPlugin()],
  groups: [{ name: 'e2e', files: ['test/e2e/**/*.test.ts'] }],
  browsers: [
    playwrightLauncher({
      product: 'chromium',
      launchOptions: {
        executablePath: chromium,
        headless: true,
        args: [
          '--headless',
          '--no-sandbox',
          '--disable-gpu',
          '--disable-background-networking',
          '--disable-component-update',
          '--no-first-run',
          // Two pages run at once and only one has focus: the other must not have its timers, frames or
          // ResizeObservers throttled or frozen, or a test there stalls until its neighbour closes.
          '--disable-background-timer-throttling',
          '--disable-backgrounding-occluded-windows',
          '--disable-renderer-backgrounding',
          '--disable-features=IntensiveWakeUpThrottling',
        ],
      },
    }),
  ],
  // Two cores: more parallel pages only make every test slower.
  concurrency: 2,
  browserStartTimeout: 60_000,
  testsStartTimeout: 60_000,
  testsFinishTimeout: 300_000,
  testFramework: { config: { timeout: 10_000 } },
};
