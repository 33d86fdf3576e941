import {Readable} from 'node:stream';

/** Reads the first `size` bytes of a stream and returns them with a stream that still yields every byte. */
export async function peek(stream: Readable, size: number): Promise<{head: Buffer; stream: Readable}> {
	const iterator = stream[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
	const chunks: Buffer[] = [];
	let length = 0;
	let done = false;
	while (length < size) {
		const next = await iterator.next();
		if (next.done) {
			done = true;
			break;
		}
		chunks.push(next.value);
		length += next.value.length;
	}
	const head = Buffer.concat(chunks);
	async function* rest() {
		if (head.length > 0) yield head;
		if (done) return;
		while (true) {
			const next = await iterator.next();
			if (next.done) return;
			yield next.value;
		}
	}
	const whole = Readable.from(rest(), {objectMode: false});
	// The source's failure reaches whoever reads `whole` (an iterator rejects, a pipe's owner listens on the source);
	// a `whole` nobody reads any more (skipped, or dropped after its layer failed) must not crash the process with it.
	whole.on('error', () => {});
	whole.on('close', () => {
		if (!done) stream.destroy();
	});
	return {head: head.subarray(0, size), stream: whole};
}
