import type {LayerEntry} from '../core/model.js';
import {mayHoldSecret, secretPeekBytes, secretPeekMaxSize} from '../core/hints/secret-rules.js';
import {hintsDisabled} from './hint-inputs.js';

/** Whether the loader records a file's first bytes: a small regular file whose name may hold a credential. */
export function wantsHead(entry: Pick<LayerEntry, 'type' | 'size' | 'path'>): boolean {
	return !hintsDisabled && entry.type === 'file' && entry.size <= secretPeekMaxSize && mayHoldSecret(entry.path);
}

/** How many bytes of such a file to read. */
export function headLength(size: number): number {
	return Math.min(size, secretPeekBytes);
}

/** The bytes as the model keeps them: latin1 text, so any byte survives and regexes can read ASCII in it. */
export function headText(bytes: Buffer): string {
	return bytes.toString('latin1');
}

/** Collects the first bytes of a file while it streams past. */
export function headKeeper() {
	const chunks: Buffer[] = [];
	let kept = 0;
	return {
		add(chunk: Buffer) {
			if (kept >= secretPeekBytes) return;
			const part = chunk.subarray(0, secretPeekBytes - kept);
			chunks.push(part);
			kept += part.length;
		},
		text: () => headText(Buffer.concat(chunks)),
	};
}
