import path from 'node:path';
import type {LayerEntry} from '../core/model.js';
import {cleanEntryPath} from '../core/paths.js';
import {checkJsonSize, emptyCollected, notALayer, storeFailure, storeJson, type Collected, type Tick} from './collected.js';
import {createDecodePool} from './decode-pool.js';
import {describeProblem, InputError} from './errors.js';
import {hashRanges} from './hash-ranges.js';
import {sampleDigests} from './sample-digests.js';
import {createContentHash, digestHex} from './content-hash.js';
import {listFiles, resolveLink} from './outer-entries.js';
import {openRandomAccess, type RandomAccess} from './random-access.js';
import {sniff, type Sniffed} from './sniff.js';
import {walkTar} from './walk-tar.js';
import {filePrint, indexLayer, layerIndexer, sampleBytes, type LayerIndex} from './index-layer.js';
import {hintsDisabled} from './hint-inputs.js';
import {duplicateMinBytes} from '../core/hints/hint-types.js';
import {partialDigestPrefix, sameContentPrefix} from '../core/content-digest.js';
import {createCompareChunks, sameBytes, type CompareChunks} from './same-content.js';
import {doubled} from './doubled.js';

type Located = {name: string; kind: 'file' | 'symlink' | 'other'; target: string; file: string; offset: number; size: number};
type Uncompressed = LayerIndex & {readonly name: string; readonly file: string};

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
		const compressedBytes = files.reduce((sum, {located, kind}) => (kind === 'gzip' || kind === 'zstd' ? sum + located.size : sum), 0);
		const decode = compressedBytes < inlineDecodeBytes ? pool.decodeHere : pool.decode;
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
					const indexer = layerIndexer();
					await indexLayer(file, located.offset, end, indexer.add);
					const layer = {name: located.name, file: located.file, ...indexer.done()};
					uncompressed.push(layer);
					tick.found?.(collected, {name: located.name, parsed: {compression: 'none', entries: layer.entries, sizeBytes: sizeOf(layer.entries)}});
					tick.layer();
				} catch (error) {
					storeFailure(collected, located.name, describeProblem(error));
				}
			} else if (kind === 'gzip' || kind === 'zstd') {
				pending.push(
					decode(located.file, located.offset, end).then(result => {
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

/** Hashes the copies a comparison needs, inline when they are few, else spread over the pool. */
async function hashRepeatedPaths(
	collected: Collected,
	uncompressed: readonly Uncompressed[],
	pool: ReturnType<typeof createDecodePool>,
	handle: (file: string) => Promise<RandomAccess>,
): Promise<void> {
	// A copy needs its content compared only when another copy of the same path has the same size, or (for the
	// duplicate-content hint) when a file of at least 1 KiB at another path has the same size and the same first bytes.
	// The same path is only ever compared between layers: with one layer, no path needs it.
	const shared = collected.layers.size + uncompressed.length > 1 ? sharedCopies([...collected.layers.values()].map(layer => layer.entries), uncompressed) : undefined;
	const samePath = (layer: Uncompressed, i: number) => shared !== undefined && shared.get(layer)![i] === 1;
	const {candidates, digests} = await duplicateCandidates(collected, uncompressed);
	// Small files whose first bytes were all their bytes: their sample is their digest.
	for (const layer of uncompressed) {
		layer.entries.forEach((entry, i) => {
			const digest = digests.get(entry);
			if (digest !== undefined) layer.entries[i] = {...entry, digest};
		});
	}
	await tellApartByHead(collected, uncompressed, samePath, candidates, handle);
	const needsHash = (layer: Uncompressed, i: number) => {
		const entry = layer.entries[i]!;
		return entry.digest === '' && (samePath(layer, i) || candidates.has(entry));
	};
	let total = 0;
	for (const layer of uncompressed) for (let i = 0; i < layer.entries.length; i++) if (needsHash(layer, i)) total += layer.entries[i]!.size;
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
			if (!needsHash(layer, i)) return;
			batch.push(i);
			batchBytes += entry.size;
			if (batchBytes >= hashBatchBytes) flush();
		});
		if (batch.length > 0) flush();
	}
	await Promise.all(jobs);
	for (const layer of uncompressed) collected.layers.set(layer.name, {compression: 'none', entries: layer.entries, sizeBytes: sizeOf(layer.entries)});
}

/**
For each uncompressed layer, a flag per entry: 1 for a file that some other file entry (of any layer) equals in path
and size. Most files of most images are stored once, so a first pass counts a 32-bit fingerprint of (path, size) per
file in a byte table (no map, no allocation per entry), and only files whose fingerprint came up twice go through the
exact count by path.
*/
function sharedCopies(compressed: ReadonlyArray<readonly LayerEntry[]>, uncompressed: readonly Uncompressed[]): Map<Uncompressed, Uint8Array> {
	const lists = [...compressed, ...uncompressed.map(layer => layer.entries)];
	// The walk took the prints of the uncompressed layers' entries, while their paths were at hand.
	const prints = [...compressed.map(entries => Uint32Array.from(entries, filePrint)), ...uncompressed.map(layer => layer.prints)];
	const files = lists.reduce((sum, entries) => sum + entries.length, 0);
	let bits = 16;
	while (bits < 24 && 1 << bits < files * 16) bits++;
	const mask = (1 << bits) - 1;
	const seen = new Uint8Array(1 << bits);
	for (const listPrints of prints) {
		for (let i = 0; i < listPrints.length; i++) {
			const print = listPrints[i]!;
			if (print === 0) continue;
			const slot = print & mask;
			if (seen[slot]! < 2) seen[slot]!++;
		}
	}
	const maybe = (list: number, i: number) => {
		const print = prints[list]![i]!;
		return print !== 0 && seen[print & mask] === 2;
	};
	// The exact count, for the few: how many copies of each such path have each size. (Counted, not listed and
	// scanned per copy: 100,000 copies of one path cost 10^10 steps that way.)
	const copies = new Map<string, number>();
	const key = (entry: LayerEntry) => `${entry.size}:${entry.path}`;
	lists.forEach((entries, list) => {
		for (let i = 0; i < entries.length; i++) {
			if (!maybe(list, i)) continue;
			const at = key(entries[i]!);
			copies.set(at, (copies.get(at) ?? 0) + 1);
		}
	});
	const shared = new Map<Uncompressed, Uint8Array>();
	uncompressed.forEach((layer, n) => {
		const flags = new Uint8Array(layer.entries.length);
		for (let i = 0; i < layer.entries.length; i++) {
			if (!maybe(compressed.length + n, i)) continue;
			if (copies.get(key(layer.entries[i]!))! > 1) flags[i] = 1;
		}
		shared.set(layer, flags);
	});
	return shared;
}

function sizeOf(entries: readonly LayerEntry[]): number {
	return entries.reduce((sum, entry) => sum + entry.size, 0);
}

/**
Files that may hold the same content as a file at another path: at least 1 KiB, a size another path shares, and the
same first 4 KiB. The samples of a layer are hashed in archive order through one read window (`hashRanges`), so files
that lie side by side cost one read together; a file of at most 4 KiB is its own sample, so its sample digest is its
digest. Files of compressed layers are hashed whole already; they count as matching every sample of their size.
Nothing is sampled when the hints are off (`hintsDisabled`: the bench measures what they cost).
*/
async function duplicateCandidates(
	collected: Collected,
	uncompressed: readonly Uncompressed[],
): Promise<{candidates: Set<LayerEntry>; digests: Map<LayerEntry, string>}> {
	const candidates = new Set<LayerEntry>();
	const digests = new Map<LayerEntry, string>();
	if (hintsDisabled) return {candidates, digests};
	// By size: the first path seen at that size, or `several` once another path has it too (a string or a symbol per
	// size, not an object and a set); the paths of compressed layers' files by size, apart.
	const pathsBySize = new Map<number, string | typeof several>();
	const hashedBySize = new Map<number, Set<string>>();
	for (const layer of collected.layers.values()) {
		for (const entry of layer.entries) {
			if (entry.type !== 'file' || entry.size < duplicateMinBytes) continue;
			notePath(pathsBySize, entry);
			const hashed = hashedBySize.get(entry.size);
			if (hashed) hashed.add(entry.path);
			else hashedBySize.set(entry.size, new Set([entry.path]));
		}
	}
	for (const layer of uncompressed) for (const entry of layer.entries) if (entry.type === 'file' && entry.size >= duplicateMinBytes) notePath(pathsBySize, entry);

	// The sampled copies, in layer order: their entries, and where their sample digests are (layer and position).
	const sampled: LayerEntry[] = [];
	let sampleLayer: Int32Array = new Int32Array(1024);
	let sampleIndex: Int32Array = new Int32Array(1024);
	uncompressed.forEach((layer, l) => {
		const wanted = (entry: LayerEntry) => entry.type === 'file' && entry.size >= duplicateMinBytes && pathsBySize.get(entry.size) === several;
		const unread: number[] = [];
		const ranges: Array<readonly [number, number]> = [];
		for (let i = 0; i < layer.entries.length; i++) {
			const entry = layer.entries[i]!;
			if (!wanted(entry)) continue;
			if (layer.sampled[i] !== 1) {
				unread.push(i);
				ranges.push([layer.offsets[i]!, Math.min(entry.size, sampleBytes)]);
			}
			if (sampled.length === sampleLayer.length) {
				sampleLayer = doubled(sampleLayer);
				sampleIndex = doubled(sampleIndex);
			}
			sampleLayer[sampled.length] = l;
			sampleIndex[sampled.length] = i;
			sampled.push(entry);
		}
		if (ranges.length > 0) {
			sampleDigests(layer.file, ranges).forEach((sample, n) => {
				layer.samples[unread[n]!] = sample;
				layer.sampled[unread[n]!] = 1;
			});
		}
	});
	const sampleAt = (n: number) => uncompressed[sampleLayer[n]!]!.samples[sampleIndex[n]!]!;
	// Grouped by sample digest through a table of the digests' 32-bit halves (a map keyed by BigInt made a number and
	// an entry per file: most of this function's time on a 235k-file image): `next` links the members of a group, in
	// order, from its first.
	const halves = uncompressed.map(layer => new Uint32Array(layer.samples.buffer, layer.samples.byteOffset, layer.samples.length * 2));
	const half = (n: number, which: 0 | 1) => halves[sampleLayer[n]!]![sampleIndex[n]! * 2 + which]!;
	let bits = 4;
	while (1 << bits < sampled.length * 2) bits++;
	const mask = (1 << bits) - 1;
	const slots = new Int32Array(1 << bits);
	const next = new Int32Array(sampled.length).fill(-1);
	const last = new Int32Array(sampled.length);
	const first = new Uint8Array(sampled.length);
	for (let n = 0; n < sampled.length; n++) {
		const low = half(n, 0);
		const high = half(n, 1);
		for (let slot = low & mask; ; slot = (slot + 1) & mask) {
			const held = slots[slot]! - 1;
			if (held === -1) {
				slots[slot] = n + 1;
				first[n] = 1;
				last[n] = n;
				break;
			}
			if (half(held, 0) === low && half(held, 1) === high) {
				next[last[held]!] = n;
				last[held] = n;
				break;
			}
		}
	}

	const consider = (sample: bigint, group: readonly LayerEntry[]) => {
		const hashed = hashedBySize.get(group[0]!.size) ?? noPaths;
		if (hashed.size === 0 && group.every(entry => entry.path === group[0]!.path)) return;
		const paths = new Set([...hashed, ...group.map(entry => entry.path)]);
		if (paths.size < 2) return;
		for (const entry of group) {
			if (entry.size <= sampleBytes) digests.set(entry, digestHex(sample));
			else candidates.add(entry);
		}
	};
	for (let n = 0; n < sampled.length; n++) {
		if (first[n] !== 1) continue;
		if (next[n] === -1) {
			// Alone with its digest: a candidate only if a compressed layer's file has its size.
			if (hashedBySize.has(sampled[n]!.size)) consider(sampleAt(n), [sampled[n]!]);
			continue;
		}
		const bySize = new Map<number, LayerEntry[]>();
		for (let m = n; m !== -1; m = next[m]!) {
			const entry = sampled[m]!;
			const group = bySize.get(entry.size);
			if (group) group.push(entry);
			else bySize.set(entry.size, [entry]);
		}
		for (const group of bySize.values()) consider(sampleAt(n), group);
	}
	return {candidates, digests};
}

const several = Symbol('several paths');
const noPaths: ReadonlySet<string> = new Set();

function notePath(pathsBySize: Map<number, string | typeof several>, entry: LayerEntry): void {
	const seen = pathsBySize.get(entry.size);
	if (seen === undefined) pathsBySize.set(entry.size, entry.path);
	else if (seen !== several && seen !== entry.path) pathsBySize.set(entry.size, several);
}

/**
Copies that other copies of their own path could equal: the first bytes of each, grouped by path and size. A copy
that is no duplicate candidate (no file at another path has its size and first bytes) and whose first bytes no other
copy of its group shares differs from all of them, so a partial digest (of those bytes) is all a comparison needs, and
the rest is never read; a file of at most 4 KiB gets its full digest. When exactly two copies of a group share their
first bytes (a chown or chmod copy: the common case), and neither is a candidate, they are compared byte by byte
(`sameBytes`), which reads what hashing them would and computes no digest; they get content-class digests
(`sameContentPrefix`). Copies that more than two share are left to be hashed whole, which reads each once however many
there are. A path that a compressed layer also stores is left too: those copies were hashed whole while they streamed,
with no first-bytes digest to match.
*/
async function tellApartByHead(
	collected: Collected,
	uncompressed: readonly Uncompressed[],
	samePath: (layer: Uncompressed, i: number) => boolean,
	candidates: ReadonlySet<LayerEntry>,
	handle: (file: string) => Promise<RandomAccess>,
): Promise<void> {
	const inCompressed = new Set<string>();
	const groups = new Map<string, Copy[]>();
	for (const layer of uncompressed) {
		const file = await handle(layer.file);
		for (const [i, entry] of layer.entries.entries()) {
			if (entry.type !== 'file' || entry.digest !== '' || !samePath(layer, i)) continue;
			if (inCompressed.size === 0 && collected.layers.size > 0) noteCompressedPaths(collected, inCompressed);
			if (inCompressed.has(entry.path)) continue;
			const hash = createContentHash();
			hash.update(await file.read(layer.offsets[i]!, Math.min(entry.size, sampleBytes)));
			const key = `${entry.size}:${entry.path}`;
			const group = groups.get(key);
			const copy = {layer, i, head: hash.hex(), file};
			if (group) group.push(copy);
			else groups.set(key, [copy]);
		}
	}
	let chunks: CompareChunks | undefined;
	let classes = 0;
	for (const group of groups.values()) {
		const unsettled = new Map<string, Copy[]>();
		// How many copies of the group share each head (counted once, not by scanning the group for every copy).
		const heads = new Map<string, number>();
		for (const {head} of group) heads.set(head, (heads.get(head) ?? 0) + 1);
		for (const copy of group) {
			const {layer, i, head} = copy;
			const entry = layer.entries[i]!;
			if (entry.size <= sampleBytes) layer.entries[i] = {...entry, digest: head};
			else if (candidates.has(entry)) continue;
			else if (heads.get(head) === 1) layer.entries[i] = {...entry, digest: partialDigestPrefix + head};
			else {
				const same = unsettled.get(head);
				if (same) same.push(copy);
				else unsettled.set(head, [copy]);
			}
		}
		for (const pair of unsettled.values()) {
			if (pair.length !== 2) continue;
			const [a, b] = pair as [Copy, Copy];
			chunks ??= createCompareChunks();
			let same: boolean;
			try {
				same = await sameBytes({file: a.file, offset: a.layer.offsets[a.i]!}, {file: b.file, offset: b.layer.offsets[b.i]!}, a.layer.entries[a.i]!.size, chunks);
			} catch (error) {
				throw new InputError(`${b.layer.name}: ${describeProblem(error)}`);
			}
			const first = classes++;
			const second = same ? first : classes++;
			a.layer.entries[a.i] = {...a.layer.entries[a.i]!, digest: sameContentPrefix + first};
			b.layer.entries[b.i] = {...b.layer.entries[b.i]!, digest: sameContentPrefix + second};
		}
	}
}

type Copy = {layer: Uncompressed; i: number; head: string; file: RandomAccess};

function noteCompressedPaths(collected: Collected, paths: Set<string>): void {
	for (const layer of collected.layers.values()) for (const entry of layer.entries) if (entry.type === 'file') paths.add(entry.path);
	// A marker, so that an image without compressed files is not scanned again for every copy.
	paths.add('\0');
}

/**
Compressed layers that add up to less than this decode on the main thread, one after another: a worker thread starts
a Node of its own and loads the decoder there (some 50-100 ms of CPU each), more than decoding a few MB costs.
*/
const inlineDecodeBytes = 4 * 1024 * 1024;
const hashBatchBytes = 64 * 1024 * 1024;
/**
Below this, hashing inline beats starting workers; above, the pool hashes on every core. On the bench's 2.4 GB image
(256 MB to hash) inline took 0.63 s against 0.76 s with the pool (quiet machine, 3 runs each).
*/
const inlineHashBytes = 512 * 1024 * 1024;
