/**
 * The opt-in for error reports: a host with a `report-errors` attribute (a Sentry DSN) loads
 * `error-reporting.ts` on connect and stops it on disconnect; without the attribute nothing is loaded
 * and nothing is sent. A controller, so the studio gains it with one line.
 */
import type { ReactiveController, ReactiveControllerHost } from "lit";

export const REPORT_ERRORS_ATTRIBUTE = "report-errors";

export class ErrorReportingController implements ReactiveController {
  private stop: (() => void) | undefined;
  private connected = false;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly load: () => Promise<typeof import("./error-reporting.js")> = () => import("./error-reporting.js"),
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.connected = true;
    const dsn = this.host.getAttribute(REPORT_ERRORS_ATTRIBUTE)?.trim();
    if (!dsn || this.stop) return;
    void this.load().then((module) => {
      if (this.connected && !this.stop) this.stop = module.attachErrorReporting(this.host, dsn);
    });
  }

  hostDisconnected(): void {
    this.connected = false;
    this.stop?.();
    this.stop = undefined;
  }
}
