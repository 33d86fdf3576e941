/**
Process settings the explorer needs before Ink and React load; `production-mode.ts` applies them to `process.env`.
- React picks its build when first imported: without NODE_ENV it loads the development build, several times slower
  per frame. An explicit NODE_ENV is kept.
- On a terminal the explorer is never "in CI" (the CLI starts it only outside CI mode). Ink (is-in-ci) holds every
  frame back until exit when `CI` or `CONTINUOUS_INTEGRATION` is set to anything but `0`/`false`, and chalk draws
  no colour at all when `CI` merely exists (any value, `false` too), so both are removed, not overridden.
*/
export function prepareTerminalEnv(env: Record<string, string | undefined>, stdoutIsTTY: boolean): void {
	env['NODE_ENV'] ??= 'production';
	if (!stdoutIsTTY) return;
	delete env['CI'];
	delete env['CONTINUOUS_INTEGRATION'];
}
