import path from 'node:path';
import type {LayerEntry} from '../core/model.js';
import {cleanEntryPath} from '../core/paths.js';
import {checkJsonSize, emptyCollected, notALayer, storeFailure, storeJson, type Collected, type Tick} from './collected.js';
import {createDecodePool} from './decode-pool.js';
import {describeProblem, InputError} from './errors.js';
import {hashRanges} from './hash-ranges.js';
import {createContentHash} from './content-hash.js';
import {listFiles, resolveLink} from './outer-entries.js';
import {openRandomAccess, type RandomAccess} from './random-access.js';
import {sniff, type Sniffed} from './sniff.js';
import {recordFields} from './tar-entry.js';
import {walkTar} from './walk-tar.js';
import {headLength, headText, wantsHead} from './peek-secrets.js';
import {duplicateMinBytes} from '../core/hints/hint-types.js';

type Located = {name: string; kind: 'file' | 'symlink' | 'other'; target: string; file: string; offset: number; size: number};
type Uncompressed = {name: string; file: string; entries: LayerEntry[]; offsets: number[]};

/**
The fast path for an archive on disk (an uncompressed tar, or an OCI layout directory): headers are read with
positioned reads and file content is skipped; uncompressed layers are indexed in place, compressed ones decode on
worker threads in parallel, and content is hashed only for copies that another copy of the same path could equal in size.
*/
export async function collectSeekable(
	input: {readonly kind: 'file' | 'directory'; readonly path: string},
	tick: Tick,
): Promise<Collected> {
	const collected = emptyCollected();
	const handles = new Map<string, Promise<RandomAccess>>();
	const handle = (file: string) => {
		let opened = handles.get(file);
		if (!opened) handles.set(file, (opened = openRandomAccess(file)));
		return opened;
	};
	const pool = createDecodePool();
	const pending: Array<Promise<void>> = [];
	const uncompressed: Uncompressed[] = [];
	try {
		// First the archive's table of contents (headers and each blob's first bytes), so progress knows the layer count.
		const files: Array<{located: Located; kind: Sniffed}> = [];
		await locate(input, handle, async located => {
			if (located.kind === 'symlink') collected.links.set(located.name, located.target);
			if (located.kind !== 'file') return;
			const file = await handle(located.file);
			const kind = located.size === 0 ? 'unknown' : sniff(await file.read(located.offset, Math.min(512, located.size)));
			files.push({located, kind});
			collected.locations.set(located.name, {file: located.file, offset: located.offset, size: located.size});
			collected.storedSizes.set(located.name, located.size);
		});
		tick.total(files.filter(({kind}) => kind === 'tar' || kind === 'gzip' || kind === 'zstd').length);
		// The JSON documents first (manifest, index, configs: small), so the layer order is known before any layer is read.
		for (const {located, kind} of files) {
			if (kind !== 'json') continue;
			checkJsonSize(located.name, located.size);
			storeJson(collected, located.name, await (await handle(located.file)).read(located.offset, located.size));
			tick.found?.(collected);
		}
		// Whoever shows layers as they are read wants the bottom ones first: read them in the image's order.
		if (tick.rank) {
			const rank = (name: string) => tick.rank!(name) ?? Number.MAX_SAFE_INTEGER;
			files.sort((a, b) => rank(a.located.name) - rank(b.located.name));
		}
		for (const {located, kind} of files) {
			const file = await handle(located.file);
			const end = located.offset + located.size;
			if (kind === 'json' || kind === 'unknown') collected.others.set(located.name, notALayer(kind, located.size));
			if (kind === 'tar') {
				try {
					const layer = await indexLayer(located, file, end);
					uncompressed.push(layer);
					tick.found?.(collected, {name: located.name, parsed: {compression: 'none', entries: layer.entries, sizeBytes: sizeOf(layer.entries)}});
					tick.layer();
				} catch (error) {
					storeFailure(collected, located.name, describeProblem(error));
				}
			} else if (kind === 'gzip' || kind === 'zstd') {
				pending.push(
					pool.decode(located.file, located.offset, end).then(result => {
						if (result.error !== undefined) storeFailure(collected, located.name, result.error);
						else if (result.parsed) {
							collected.layers.set(located.name, result.parsed);
							tick.found?.(collected, {name: located.name, parsed: result.parsed});
						}
						tick.bytes(located.size);
						tick.layer();
					}),
				);
			}
			if (kind !== 'gzip' && kind !== 'zstd') tick.bytes(located.size);
		}
		await Promise.all(pending);
		await hashRepeatedPaths(collected, uncompressed, pool, handle);
	} finally {
		await Promise.allSettled(pending);
		await pool.close();
		await Promise.all([...handles.values()].map(async opened => (await opened).close()));
	}
	return collected;
}

async function locate(
	input: {readonly kind: 'file' | 'directory'; readonly path: string},
	handle: (file: string) => Promise<RandomAccess>,
	onLocated: (located: Located) => Promise<void>,
): Promise<void> {
	if (input.kind === 'directory') {
		for (const name of await listFiles(input.path, '')) {
			const file = path.join(input.path, name);
			await onLocated({name, kind: 'file', target: '', file, offset: 0, size: (await handle(file)).size});
		}
		return;
	}
	const archive = await handle(input.path);
	await walkTar(
		archive,
		0,
		archive.size,
		record => {
			const name = cleanEntryPath(record.name);
			const isLink = record.typeflag === '1' || record.typeflag === '2';
			return onLocated({
				name,
				kind: record.typeflag === '0' || record.typeflag === '7' ? 'file' : isLink ? 'symlink' : 'other',
				target: isLink ? resolveLink(name, record.linkname, record.typeflag === '1') : '',
				file: input.path,
				offset: record.dataOffset,
				size: record.size,
			});
		},
		true,
	);
}

async function indexLayer(located: Located, file: RandomAccess, end: number): Promise<Uncompressed> {
	const entries: LayerEntry[] = [];
	const offsets: number[] = [];
	await walkTar(file, located.offset, end, record => {
		const entry = recordFields(record);
		if (!entry) return undefined;
		offsets.push(record.dataOffset);
		if (!wantsHead(entry)) {
			entries.push(entry);
			return undefined;
		}
		// A small file that may hold a credential: its first bytes, read next to its header (already in the window).
		return file.read(record.dataOffset, headLength(entry.size)).then(bytes => {
			entries.push({...entry, head: headText(bytes)});
		});
	});
	return {name: located.name, file: located.file, entries, offsets};
}

/** Hashes the copies a comparison needs, inline when they are few, else spread over the pool. */
async function hashRepeatedPaths(
	collected: Collected,
	uncompressed: readonly Uncompressed[],
	pool: ReturnType<typeof createDecodePool>,
	handle: (file: string) => Promise<RandomAccess>,
): Promise<void> {
	// A copy needs its content compared only when another copy of the same path has the same size, or (for the
	// duplicate-content hint) when a file of at least 1 KiB at another path has the same size and the same first bytes.
	// One map entry per path (its first copy's size); a per-path list only for the few paths stored more than once.
	const firstSize = new Map<string, number>();
	const repeated = new Map<string, number[]>();
	const note = (entries: readonly LayerEntry[]) => {
		for (const entry of entries) {
			if (entry.type !== 'file') continue;
			const first = firstSize.get(entry.path);
			if (first === undefined) {
				firstSize.set(entry.path, entry.size);
				continue;
			}
			const list = repeated.get(entry.path);
			if (list) list.push(entry.size);
			else repeated.set(entry.path, [first, entry.size]);
		}
	};
	// The same path is only ever compared between layers: with one layer, no path needs it.
	if (collected.layers.size + uncompressed.length > 1) {
		for (const layer of collected.layers.values()) note(layer.entries);
		for (const layer of uncompressed) note(layer.entries);
		firstSize.clear();
	}
	const samePath = (entry: LayerEntry) => {
		if (repeated.size === 0 || entry.type !== 'file') return false;
		const list = repeated.get(entry.path);
		return list !== undefined && list.filter(size => size === entry.size).length > 1;
	};
	const {candidates, digests} = await duplicateCandidates(collected, uncompressed, handle);
	// Small files whose first bytes were all their bytes: their sample is their digest.
	for (const layer of uncompressed) {
		layer.entries.forEach((entry, i) => {
			const digest = digests.get(entry);
			if (digest !== undefined) layer.entries[i] = {...entry, digest};
		});
	}
	const needsHash = (entry: LayerEntry) => entry.digest === '' && (samePath(entry) || candidates.has(entry));
	let total = 0;
	for (const layer of uncompressed) for (const entry of layer.entries) if (needsHash(entry)) total += entry.size;
	// Starting worker threads costs more than hashing a little on this one.
	const hash = total < inlineHashBytes ? async (file: string, ranges: Array<readonly [number, number]>) => ({digests: await hashRanges(file, ranges)}) : pool.hash;
	const jobs: Array<Promise<void>> = [];
	for (const layer of uncompressed) {
		let batch: number[] = [];
		let batchBytes = 0;
		const flush = () => {
			const indexes = batch;
			const ranges = indexes.map(i => [layer.offsets[i]!, layer.entries[i]!.size] as const);
			jobs.push(
				hash(layer.file, ranges).then((result: {digests?: string[]; error?: string}) => {
					if (result.error !== undefined) throw new InputError(`${layer.name}: ${result.error}`);
					indexes.forEach((i, n) => {
						layer.entries[i] = {...layer.entries[i]!, digest: result.digests![n]!};
					});
				}),
			);
			batch = [];
			batchBytes = 0;
		};
		layer.entries.forEach((entry, i) => {
			if (!needsHash(entry)) return;
			batch.push(i);
			batchBytes += entry.size;
			if (batchBytes >= hashBatchBytes) flush();
		});
		if (batch.length > 0) flush();
	}
	await Promise.all(jobs);
	for (const layer of uncompressed) collected.layers.set(layer.name, {compression: 'none', entries: layer.entries, sizeBytes: sizeOf(layer.entries)});
}

function sizeOf(entries: readonly LayerEntry[]): number {
	return entries.reduce((sum, entry) => sum + entry.size, 0);
}

/**
Files that may hold the same content as a file at another path: at least 1 KiB, a size another path shares, and the
same first 4 KiB. The samples are read in archive order through the read window, so files that lie side by side cost
one read together; a file of at most 4 KiB is its own sample, so its sample digest is its digest. Files of compressed
layers are hashed whole already; they count as matching every sample of their size.
*/
async function duplicateCandidates(
	collected: Collected,
	uncompressed: readonly Uncompressed[],
	handle: (file: string) => Promise<RandomAccess>,
): Promise<{candidates: Set<LayerEntry>; digests: Map<LayerEntry, string>}> {
	const pathsBySize = new Map<number, {first: string; several: boolean; hashed: Set<string>}>();
	const note = (entry: LayerEntry, hashed: boolean) => {
		if (entry.type !== 'file' || entry.size < duplicateMinBytes) return;
		let seen = pathsBySize.get(entry.size);
		if (!seen) pathsBySize.set(entry.size, (seen = {first: entry.path, several: false, hashed: new Set()}));
		else if (seen.first !== entry.path) seen.several = true;
		if (hashed) seen.hashed.add(entry.path);
	};
	for (const layer of collected.layers.values()) for (const entry of layer.entries) note(entry, true);
	for (const layer of uncompressed) for (const entry of layer.entries) note(entry, false);

	const samples = new Map<LayerEntry, string>();
	for (const layer of uncompressed) {
		const file = await handle(layer.file);
		for (const [i, entry] of layer.entries.entries()) {
			if (entry.type !== 'file' || entry.size < duplicateMinBytes || !pathsBySize.get(entry.size)!.several) continue;
			const hash = createContentHash();
			hash.update(await file.read(layer.offsets[i]!, Math.min(entry.size, sampleBytes)));
			samples.set(entry, hash.hex());
		}
	}

	const groups = new Map<string, LayerEntry[]>();
	for (const [entry, sample] of samples) {
		const key = `${entry.size}:${sample}`;
		const group = groups.get(key);
		if (group) group.push(entry);
		else groups.set(key, [entry]);
	}
	const candidates = new Set<LayerEntry>();
	const digests = new Map<LayerEntry, string>();
	for (const group of groups.values()) {
		const paths = new Set([...pathsBySize.get(group[0]!.size)!.hashed, ...group.map(entry => entry.path)]);
		if (paths.size < 2) continue;
		for (const entry of group) {
			if (entry.size <= sampleBytes) digests.set(entry, samples.get(entry)!);
			else candidates.add(entry);
		}
	}
	return {candidates, digests};
}

const sampleBytes = 4096;
const hashBatchBytes = 64 * 1024 * 1024;
/** Below this, hashing inline beats starting workers; above, the pool hashes on every core (1 GB took 2.7 s inline). */
const inlineHashBytes = 128 * 1024 * 1024;
