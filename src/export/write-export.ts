import type {Writable} from 'node:stream';
import type {ExportDocument} from './export-types.js';
import {marshalIndentBuffers} from './marshal-indent.js';

const closedEarly = () => new Error('output closed before the export was written');

/**
Writes the export as Go's `MarshalIndent` lays it out (2-space indent, keys in document order) followed by one
newline (dive writes none), as UTF-8 in Buffers of about `chunkSize` bytes (1 MiB: fewer, larger writes than strings
of 64 KiB that the stream would convert one by one), waiting for `drain` whenever the stream asks. Rejects with the
stream's error if it fails or closes meanwhile. Does not end `out`: the caller ends a file stream and waits for it to
finish (listening for errors from then on), and leaves stdout open.
*/
export async function writeExport(doc: ExportDocument | object, out: Writable, chunkSize = 1 << 20): Promise<void> {
	let failure: Error | undefined;
	let wake: (() => void) | undefined;
	const onError = (error: Error) => {
		failure ??= error;
		wake?.();
	};
	const onClose = () => {
		failure ??= closedEarly();
		wake?.();
	};
	const onDrain = () => wake?.();
	out.on('error', onError);
	out.on('close', onClose);
	out.on('drain', onDrain);
	const send = async (chunk: Buffer) => {
		if (failure) throw failure;
		if (out.destroyed || out.writableEnded) throw closedEarly();
		// Once written, the chunk's memory carries the next one (each is a view of a whole buffer: see JsonBytes).
		if (out.write(chunk, () => spare.push(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.buffer.byteLength - chunk.byteOffset)))) return;
		await new Promise<void>(resolve => {
			wake = resolve;
		});
		wake = undefined;
		if (failure) throw failure;
	};
	const spare: Buffer[] = [];
	try {
		for (const chunk of marshalIndentBuffers(doc, chunkSize, '\n', spare)) await send(chunk);
	} finally {
		out.off('error', onError);
		out.off('close', onClose);
		out.off('drain', onDrain);
	}
}
