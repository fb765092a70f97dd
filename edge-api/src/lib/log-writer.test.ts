import { describe, expect, it } from "vitest";
import { bufferedLogWriter } from "./log-writer";
import { jsonLines } from "./logger";

function sink(writableLength = 0) {
  const chunks: string[] = [];
  return { chunks, writableLength, write: (chunk: string) => (chunks.push(chunk), true) };
}
const turn = () => new Promise((resolve) => setImmediate(resolve));

describe("bufferedLogWriter", () => {
  it("writes the lines of one event-loop turn in one write, in order", async () => {
    const out = sink();
    const { write } = bufferedLogWriter({ out, err: sink() });
    write("a", "info");
    write("b", "warn");
    expect(out.chunks).toEqual([]);
    await turn();
    expect(out.chunks).toEqual(["a\nb\n"]);
    write("c", "info");
    await turn();
    expect(out.chunks).toEqual(["a\nb\n", "c\n"]);
  });

  it("flushes early past flushBytes", () => {
    const out = sink();
    const { write } = bufferedLogWriter({ out, err: sink(), flushBytes: 4 });
    write("abc", "info");
    expect(out.chunks).toEqual(["abc\n"]);
  });

  it("sends errors to stderr at once, after what was pending", () => {
    const out = sink();
    const err = sink();
    const { write } = bufferedLogWriter({ out, err });
    write("before", "info");
    write("boom", "error");
    expect(out.chunks).toEqual(["before\n"]);
    expect(err.chunks).toEqual(["boom\n"]);
  });

  it("drops lines while stdout is not keeping up, then says how many", async () => {
    const out = sink(100);
    const { write, flush } = bufferedLogWriter({ out, err: sink(), maxPendingBytes: 10 });
    write("lost", "info");
    write("lost too", "info");
    await turn();
    expect(out.chunks).toEqual([]);
    out.writableLength = 0;
    write("kept", "info");
    flush();
    expect(out.chunks).toHaveLength(1);
    const [warning, kept] = out.chunks[0]!.trimEnd().split("\n");
    expect(JSON.parse(warning!)).toMatchObject({
      level: "warn",
      msg: "log lines dropped: stdout was not keeping up",
      dropped: 2,
    });
    expect(kept).toBe("kept");
  });
});

describe("jsonLines", () => {
  it("writes one JSON object per entry, the time first", () => {
    const lines: [string, string][] = [];
    jsonLines((line, level) => lines.push([line, level]))({ level: "warn", msg: 'a "quoted" message', n: 1 });
    const [[line, level]] = lines as [[string, string]];
    expect(level).toBe("warn");
    expect(Object.keys(JSON.parse(line))).toEqual(["time", "level", "msg", "n"]);
    expect(JSON.parse(line)).toMatchObject({
      level: "warn",
      msg: 'a "quoted" message',
      n: 1,
      time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
  });
});
