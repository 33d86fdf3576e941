/**
Imported by the explorer's entry right after production-mode, before Ink. Ink's layout engine (yoga-layout) is
WebAssembly inlined as a data: URL, which its Emscripten loader fetches whenever a global `fetch` exists: on Node that
loads the whole HTTP client (undici) and decodes the bytes through it, about 150 ms of the explorer's start. Until
`restoreFetch`, `fetch` refuses data: URLs, so the loader falls back to decoding them itself (atob); any other request
(the registry client's, which may run meanwhile) goes through untouched.
*/
const original = globalThis.fetch;

if (typeof original === 'function') {
	globalThis.fetch = (input, init) => {
		if (typeof input === 'string' && input.startsWith('data:')) return Promise.reject(new TypeError('data: URLs are decoded by the caller'));
		return original(input, init);
	};
}

/** Puts the global `fetch` back (the explorer's entry calls it once Ink, and so yoga, has loaded). */
export function restoreFetch(): void {
	if (typeof original === 'function') globalThis.fetch = original;
}
