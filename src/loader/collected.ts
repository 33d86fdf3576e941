import {InputError} from './errors.js';
import type {ParsedLayer} from './read-layer.js';

/** What one pass over an archive gathers before the image is assembled. */
export type Collected = {
	readonly json: Map<string, unknown>;
	readonly invalidJson: Set<string>;
	readonly layers: Map<string, ParsedLayer>;
	/** Blobs that looked like layers but could not be read, with the problem; an error only if the image needs one. */
	readonly failures: Map<string, string>;
	/** Archive symlinks (legacy duplicate layers): name → target. */
	readonly links: Map<string, string>;
	/** Other files and what they are, to explain a manifest that names one of them as a layer. */
	readonly others: Map<string, string>;
	/** Where each file sits on disk (seekable inputs only), so content can be read back from its blob alone. */
	readonly locations: Map<string, BlobLocation>;
	/** The size of every file of the archive as stored (a layer's compressed size): name → bytes. */
	readonly storedSizes: Map<string, number>;
};

export type BlobLocation = {readonly file: string; readonly offset: number; readonly size: number};

export function emptyCollected(): Collected {
	return {json: new Map(), invalidJson: new Set(), layers: new Map(), failures: new Map(), links: new Map(), others: new Map(), locations: new Map(), storedSizes: new Map()};
}

export const maxJsonBytes = 64 * 1024 * 1024;

export function storeJson(collected: Collected, name: string, bytes: Buffer): void {
	try {
		collected.json.set(name, JSON.parse(bytes.toString('utf8')));
	} catch {
		collected.invalidJson.add(name);
	}
}

/** A layer that fails to decode is remembered; truncation and decompression bombs end the load at once. */
export function storeFailure(collected: Collected, name: string, problem: string): void {
	if (/truncated|decompression bomb/.test(problem)) throw new InputError(`${name}: ${problem}`);
	collected.failures.set(name, problem);
}

export function checkJsonSize(name: string, size: number): void {
	if (size > maxJsonBytes) throw new InputError(`${name} is too large for a JSON document (${size} bytes)`);
}

/** Progress callbacks of a collector: bytes of the input passed, each layer read, and the layer count once known. */
export type Tick = {
	bytes(count: number): void;
	layer(): void;
	total(layers: number): void;
	/**
	Optional, for showing an image while it is read: a JSON document was stored (`layer` absent), or a layer's entries
	are known (`layer`; an uncompressed layer on disk before its content hashes are filled in).
	*/
	found?(collected: Collected, layer?: {readonly name: string; readonly parsed: ParsedLayer}): void;
	/**
	Optional, with `found`: a file's position in the image's layer order once the manifest is known (undefined for a
	file that is not one of its layers, or before), so a collector that can choose reads the bottom layers first.
	*/
	rank?(name: string): number | undefined;
};

/** Why a file of the archive is not a layer. */
export function notALayer(kind: string, size: number): string {
	if (size === 0) return 'the blob is empty';
	return kind === 'json' ? 'the blob is a JSON document, not a layer' : 'the blob is neither a tar nor gzip or zstd data';
}
