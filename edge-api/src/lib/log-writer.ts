/**
 * Node only (never imported by the Worker): log lines to stdout, batched. A log line per request
 * written on its own is a write syscall per request; here lines collect in memory and go out in
 * one write per event-loop turn (or sooner past 64 KB), so logging costs the serialisation and
 * a share of one write. Error lines go to stderr at once, after what is pending, so they are
 * never held back and keep their order.
 *
 * A consumer that stops reading would make Node buffer without bound; past `maxPendingBytes`
 * waiting in the stream, lines are dropped and counted, and a warning line before the next line
 * written says how many.
 */
import fs from "node:fs";
import type { LineWriter } from "./logger";

interface Sink {
  write(chunk: string): boolean;
  readonly writableLength: number;
  readonly fd?: number;
}

export interface BufferedLogWriterOptions {
  out?: Sink;
  err?: Sink;
  /** Flush once this many bytes are pending, without waiting for the end of the turn. */
  flushBytes?: number;
  /** Drop lines while the stream holds more than this many unwritten bytes. */
  maxPendingBytes?: number;
}

export interface BufferedLogWriter {
  write: LineWriter;
  /** Writes what is pending now (also done on process exit). */
  flush(): void;
}

export function bufferedLogWriter({
  out = process.stdout,
  err = process.stderr,
  flushBytes = 64 * 1024,
  maxPendingBytes = 16 * 1024 * 1024,
}: BufferedLogWriterOptions = {}): BufferedLogWriter {
  let pending = "";
  let scheduled = false;
  let dropped = 0;

  function flush() {
    scheduled = false;
    if (pending === "") return;
    const chunk = pending;
    pending = "";
    out.write(chunk);
  }

  // At exit the event loop is gone: write synchronously what is still pending.
  const fd = out.fd;
  if (fd !== undefined) {
    process.on("exit", () => {
      if (pending !== "") fs.writeSync(fd, pending);
    });
  }

  const write: LineWriter = (line, level) => {
    if (level === "error") {
      flush();
      err.write(`${line}\n`);
      return;
    }
    if (out.writableLength > maxPendingBytes) {
      dropped++;
      return;
    }
    if (dropped > 0) {
      pending += `${JSON.stringify({ time: new Date().toISOString(), level: "warn", msg: "log lines dropped: stdout was not keeping up", dropped })}\n`;
      dropped = 0;
    }
    pending += `${line}\n`;
    if (pending.length >= flushBytes) flush();
    else if (!scheduled) {
      scheduled = true;
      setImmediate(flush);
    }
  };
  return { write, flush };
}
