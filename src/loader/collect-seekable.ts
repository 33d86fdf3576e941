import path from 'node:path';
import type {LayerEntry} from '../core/model.js';
import {cleanEntryPath} from '../core/paths.js';
import {checkJsonSize, emptyCollected, notALayer, storeFailure, storeJson, type Collected, type Tick} from './collected.js';
import {createDecodePool} from './decode-pool.js';
import {describeProblem, InputError} from './errors.js';
import {hashRanges} from './hash-ranges.js';
import {listFiles, resolveLink} from './outer-entries.js';
import {openRandomAccess, type RandomAccess} from './random-access.js';
import {sniff, type Sniffed} from './sniff.js';
import {recordFields} from './tar-entry.js';
import {walkTar} from './walk-tar.js';

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
		for (const {located, kind} of files) {
			const file = await handle(located.file);
			const end = located.offset + located.size;
			if (kind === 'json' || kind === 'unknown') collected.others.set(located.name, notALayer(kind, located.size));
			if (kind === 'json') {
				checkJsonSize(located.name, located.size);
				storeJson(collected, located.name, await file.read(located.offset, located.size));
			} else if (kind === 'tar') {
				try {
					uncompressed.push(await indexLayer(located, file, end));
					tick.layer();
				} catch (error) {
					storeFailure(collected, located.name, describeProblem(error));
				}
			} else if (kind === 'gzip' || kind === 'zstd') {
				pending.push(
					pool.decode(located.file, located.offset, end).then(result => {
						if (result.error !== undefined) storeFailure(collected, located.name, result.error);
						else if (result.parsed) collected.layers.set(located.name, result.parsed);
						tick.bytes(located.size);
						tick.layer();
					}),
				);
			}
			if (kind !== 'gzip' && kind !== 'zstd') tick.bytes(located.size);
		}
		await Promise.all(pending);
		await hashRepeatedPaths(collected, uncompressed, pool);
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
		if (!entry) return;
		entries.push(entry);
		offsets.push(record.dataOffset);
	});
	return {name: located.name, file: located.file, entries, offsets};
}

/** Hashes the copies a comparison needs, inline when they are few, else spread over the pool. */
async function hashRepeatedPaths(
	collected: Collected,
	uncompressed: readonly Uncompressed[],
	pool: ReturnType<typeof createDecodePool>,
): Promise<void> {
	// A copy needs its content compared only when another copy of the same path has the same size.
	const sizes = new Map<string, number[]>();
	const note = (entries: readonly LayerEntry[]) => {
		for (const entry of entries) {
			if (entry.type !== 'file') continue;
			const list = sizes.get(entry.path);
			if (list) list.push(entry.size);
			else sizes.set(entry.path, [entry.size]);
		}
	};
	for (const layer of collected.layers.values()) note(layer.entries);
	for (const layer of uncompressed) note(layer.entries);
	const needsHash = (entry: LayerEntry) => {
		const list = entry.type === 'file' ? sizes.get(entry.path) : undefined;
		return list !== undefined && list.length > 1 && list.filter(size => size === entry.size).length > 1;
	};
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
	for (const layer of uncompressed) {
		const sizeBytes = layer.entries.reduce((sum, entry) => sum + entry.size, 0);
		collected.layers.set(layer.name, {compression: 'none', entries: layer.entries, sizeBytes});
	}
}

const hashBatchBytes = 64 * 1024 * 1024;
const inlineHashBytes = 1024 * 1024 * 1024;
