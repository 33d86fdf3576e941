import {checkJsonSize, emptyCollected, notALayer, storeFailure, storeJson, type Collected, type Tick} from './collected.js';
import {describeProblem} from './errors.js';
import type {OuterEntry} from './outer-entries.js';
import {peek} from './peek.js';
import {sniff} from './sniff.js';

/** One sequential pass over an archive stream (stdin, an engine's save, a gzip'd archive). */
export async function collectStreaming(entries: AsyncIterable<OuterEntry>, tick: Tick): Promise<Collected> {
	const collected = emptyCollected();
	for await (const entry of entries) {
		if (entry.kind === 'symlink') collected.links.set(entry.name, entry.target);
		if (entry.kind !== 'file') continue;
		collected.storedSizes.set(entry.name, entry.size);
		const {head, stream} = await peek(entry.body, 512);
		const kind = sniff(head);
		if (kind === 'json') {
			collected.others.set(entry.name, notALayer(kind, entry.size));
			checkJsonSize(entry.name, entry.size);
			const chunks: Buffer[] = [];
			for await (const chunk of stream) chunks.push(chunk as Buffer);
			storeJson(collected, entry.name, Buffer.concat(chunks));
			tick.found?.(collected);
		} else if (kind === 'tar' || kind === 'gzip' || kind === 'zstd') {
			try {
				// Loaded here, not for the seekable path; `stream` is the peeked one, paused until read.
				const {readLayer} = await import('./read-layer.js');
				const parsed = await readLayer(stream);
				if (parsed) {
					collected.layers.set(entry.name, parsed);
					tick.found?.(collected, {name: entry.name, parsed});
				}
				tick.layer();
			} catch (error) {
				stream.destroy();
				storeFailure(collected, entry.name, describeProblem(error));
			}
		} else {
			stream.resume();
			collected.others.set(entry.name, notALayer(kind, entry.size));
		}
	}
	return collected;
}
