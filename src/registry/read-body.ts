/**
Reads a response body whole, up to `limit` bytes: past that the body is cancelled and undefined returned, so a
registry that streams a "manifest" (or an error page, or a token answer) forever costs at most `limit` bytes.
*/
export async function readCapped(response: Response, limit: number): Promise<Buffer | undefined> {
	if (!response.body) return Buffer.alloc(0);
	const chunks: Buffer[] = [];
	let length = 0;
	const reader = response.body.getReader();
	for (;;) {
		const {done, value} = await reader.read();
		if (done) break;
		length += value.byteLength;
		if (length > limit) {
			await reader.cancel().catch(() => {});
			return undefined;
		}
		chunks.push(Buffer.from(value.buffer, value.byteOffset, value.byteLength));
	}
	return Buffer.concat(chunks, length);
}
