import {cleanEntryPath} from '../../core/paths.js';
import type {Readable} from 'node:stream';
import type {ContentSource} from '../../loader/content-source.js';
import type {FilePreview} from '../state/ui-state.js';
import {describeBinary} from './describe-binary.js';

/** What the preview needs to know about a node. */
export type PreviewTarget = {
	readonly path: string;
	readonly type: string;
	readonly size: number;
	readonly layer: number;
	readonly linkTarget: string;
};

export const previewLimit = 64 * 1024;

/** Thrown inside `onEntry` to stop reading a layer once the wanted entry has been read. */
class Done extends Error {}

/**
Reads the start of a file as of a layer: the entry `path` of that layer's own tar (a hard link reads its target).
At most `limit` bytes are kept; the rest of the layer is not read.
*/
export async function readFilePreview(content: ContentSource, target: PreviewTarget, limit = previewLimit): Promise<FilePreview> {
	if (!content.available) return {kind: 'none', message: `Cannot show file content: ${content.unavailableReason}`};
	// Named as the loader names tar entries (Go's path.Clean, made relative), so a hard link finds its target.
	const wanted = cleanEntryPath(target.type === 'hardlink' ? target.linkTarget : target.path);
	let head: Buffer | undefined;
	let size = 0;
	try {
		await content.forEachEntry(target.layer, path => head === undefined && path === wanted, async (entry, body) => {
			size = entry.size;
			head = await readHead(body, limit);
			throw new Done();
		});
	} catch (error) {
		if (!(error instanceof Done)) return {kind: 'none', message: `Cannot read ${target.path}: ${error instanceof Error ? error.message : String(error)}`};
	}
	if (head === undefined) return {kind: 'none', message: `${target.path} was not found in layer ${target.layer}'s tar.`};
	return classify(head, size);
}

/** Reads up to `limit` bytes of a stream, then stops listening (the caller abandons the rest). */
function readHead(body: Readable, limit: number): Promise<Buffer> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		let length = 0;
		const finish = () => {
			body.off('data', onData);
			body.off('end', finish);
			body.off('error', reject);
			body.pause();
			resolve(Buffer.concat(chunks, Math.min(length, limit)));
		};
		const onData = (chunk: Buffer) => {
			chunks.push(chunk);
			length += chunk.length;
			if (length >= limit) finish();
		};
		body.on('data', onData);
		body.once('end', finish);
		body.once('error', reject);
	});
}

/** Text when it has no NUL byte and decodes as UTF-8 (a sequence cut at the limit is fine); else binary. */
export function classify(head: Buffer, size: number): FilePreview {
	const truncated = size > head.length;
	if (head.includes(0)) return {kind: 'binary', size, description: describeBinary(head)};
	let text: string;
	try {
		text = new TextDecoder('utf-8', {fatal: true}).decode(head, {stream: truncated});
	} catch {
		return {kind: 'binary', size, description: describeBinary(head)};
	}
	const lines = text.split('\n').map(line => line.replace(/\r$/, ''));
	if (lines.length > 1 && lines.at(-1) === '') lines.pop();
	return {kind: 'text', lines, truncated, size, shownBytes: head.length};
}
