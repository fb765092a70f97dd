// The few Mocha globals the tests use (wtr runs Mocha). Declared here rather than
// adding @types/mocha: that would be one more install for five signatures.
type MochaTest = (this: { timeout(ms: number): void }) => unknown;
interface MochaTestFn {
  (name: string, fn: MochaTest): void;
  skip(name: string, fn?: MochaTest): void;
  only(name: string, fn: MochaTest): void;
}
declare const describe: MochaTestFn;
declare const it: MochaTestFn;
declare function before(fn: MochaTest): void;
declare function after(fn: MochaTest): void;
declare function beforeEach(fn: MochaTest): void;
declare function afterEach(fn: MochaTest): void;
