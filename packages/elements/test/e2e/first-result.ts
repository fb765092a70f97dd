// A query's current result over a live client: a subscription closed after its first answer (the e2e tests' `once`).
import type { FunctionArgs, FunctionReference, FunctionReturnType } from "convex/server";
import type { PixorlyClient } from "../../src/client/pixorly-client.js";

export function firstResult<Q extends FunctionReference<"query">>(
  client: PixorlyClient,
  query: Q,
  args: FunctionArgs<Q>,
): Promise<FunctionReturnType<Q>> {
  return new Promise((resolve, reject) => {
    // The callback may run inside watch() itself, before `stop` holds its result: a `const` would throw there.
    let stop: (() => void) | undefined;
    let done = false;
    // eslint-disable-next-line prefer-const -- see above
    stop = client.watch(
      query,
      args,
      (value) => {
        done = true;
        stop?.();
        resolve(value);
      },
      reject,
    );
    if (done) stop();
  });
}
