/**
tar-stream, loaded on first use. It is a CommonJS package: taken through its default export (its `module.exports`),
which Node and the bundle (build/bundle/) both give a dynamic import; the bundle gives it no named exports.
*/
export async function loadTarStream() {
	return (await import('tar-stream')).default;
}

export type TarStream = Awaited<ReturnType<typeof loadTarStream>>;
