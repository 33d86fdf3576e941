import {createHash} from 'node:crypto';
import {createReadStream, createWriteStream, existsSync} from 'node:fs';
import {mkdir, readdir, readFile, rm, writeFile} from 'node:fs/promises';
import path from 'node:path';
import {pipeline} from 'node:stream/promises';
import {createGzip} from 'node:zlib';
import {writeImageArchive, type ArchiveSummary} from '../sample/image-writer.js';
import {bigImage, countEntries, countFiles, manyFilesImage, millionEntriesImage} from './bench-images.js';
import {ContentPool} from './content-pool.js';
import {indexTar} from './tar-index.js';

/** Bump when the generated images change, so cached copies are regenerated. */
const generatorVersion = 2;

export type BenchImages = {
	readonly dir: string;
	readonly big: string;
	readonly bigGzip: string;
	readonly bigTarGz: string;
	readonly many: string;
	/** The big image again, its layers zstd-compressed (level 3, zstd's default). */
	readonly bigZstd: string;
	/** One layer of a million entries, uncompressed. */
	readonly million: string;
	/** The gzip layer blobs of `bigGzip`, one file each: what the gzip floor decompresses. */
	readonly gzipLayers: readonly string[];
	/** The zstd layer blobs of `bigZstd`: what the `zstd -dc` floor decompresses. */
	readonly zstdLayers: readonly string[];
	/** The layer tars of `many` and of `million`: what the `tar -tf` floors list. */
	readonly manyLayers: readonly string[];
	readonly millionLayers: readonly string[];
	readonly millionEntries: number;
	readonly bigUncompressedBytes: number;
	readonly bigLayers: number;
	readonly manyFileEntries: number;
	readonly generatedSeconds: number;
};

export function versionKey(scale: number): string {
	return `v${generatorVersion}-${createHash('sha256').update(JSON.stringify({generatorVersion, scale})).digest('hex').slice(0, 12)}`;
}

const layerBytes = (summary: ArchiveSummary) => summary.images[0]?.layers.reduce((sum, layer) => sum + layer.diffSize, 0) ?? 0;

/** Generates the bench images into `<root>/<version key>`, or reuses them when a finished set is there. */
export async function ensureBenchImages(root: string, scale: number, regenerate: boolean, log: (line: string) => void): Promise<BenchImages> {
	const key = versionKey(scale);
	const dir = path.join(root, key);
	const readyFile = path.join(dir, 'ready.json');
	if (!regenerate && existsSync(readyFile)) {
		const ready = JSON.parse(await readFile(readyFile, 'utf8')) as BenchImages;
		const files = [ready.big, ready.bigGzip, ready.bigTarGz, ready.many, ready.bigZstd, ready.million];
		if ([...files, ...ready.gzipLayers, ...ready.zstdLayers, ...ready.manyLayers, ...ready.millionLayers].every((file) => existsSync(file))) {
			log(`bench images: reusing ${dir}`);
			return ready;
		}
	}
	await mkdir(root, {recursive: true});
	for (const stale of await readdir(root)) if (stale.startsWith('v') && stale !== key) await rm(path.join(root, stale), {recursive: true, force: true});
	await rm(dir, {recursive: true, force: true});
	await mkdir(dir, {recursive: true});
	const started = Date.now();
	const pool = new ContentPool();
	const files = {
		big: path.join(dir, 'big.tar'),
		bigGzip: path.join(dir, 'big-gzip-layers.tar'),
		bigTarGz: path.join(dir, 'big.tar.gz'),
		many: path.join(dir, 'many-files.tar'),
		bigZstd: path.join(dir, 'big-zstd-layers.tar'),
		million: path.join(dir, 'million-entries.tar'),
	};
	const step = async <T>(label: string, work: () => Promise<T>): Promise<T> => {
		const t0 = Date.now();
		const result = await work();
		log(`  ${label}: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
		return result;
	};
	log(`bench images: generating into ${dir} (scale ${scale})`);
	const options = {tmpDir: dir, concurrency: 2};
	const big = await step('big image, uncompressed layers', () => writeImageArchive(bigImage(pool, scale), 'docker-oci', files.big, options));
	await step('big image, gzip layers (level 1)', () =>
		writeImageArchive(bigImage(pool, scale), 'docker-oci', files.bigGzip, {...options, compression: 'gzip', compressionLevel: 1}),
	);
	await step('big image, whole archive gzip (level 1)', () =>
		pipeline(createReadStream(files.big, {highWaterMark: 1 << 20}), createGzip({level: 1}), createWriteStream(files.bigTarGz)),
	);
	await step('many-files image', () => writeImageArchive(manyFilesImage(pool, scale), 'docker-oci', files.many, options));
	await step('big image, zstd layers (level 3)', () =>
		writeImageArchive(bigImage(pool, scale), 'docker-oci', files.bigZstd, {...options, compression: 'zstd', compressionLevel: 3}),
	);
	await step('million-entries image', () => writeImageArchive(millionEntriesImage(pool, scale), 'docker-oci', files.million, options));
	const gzipLayers = await step('gzip layer blobs for the floor', () => extractLayers(files.bigGzip, path.join(dir, 'gzip-layers'), 'gz'));
	const zstdLayers = await step('zstd layer blobs for the floor', () => extractLayers(files.bigZstd, path.join(dir, 'zstd-layers'), 'zst'));
	const manyLayers = await step('many-files layer tars for the floor', () => extractLayers(files.many, path.join(dir, 'many-layers'), 'tar'));
	const millionLayers = await step('million-entries layer tar for the floor', () => extractLayers(files.million, path.join(dir, 'million-layers'), 'tar'));
	const ready: BenchImages = {
		dir,
		...files,
		gzipLayers,
		zstdLayers,
		manyLayers,
		millionLayers,
		millionEntries: countEntries(millionEntriesImage(pool, scale)),
		bigUncompressedBytes: layerBytes(big),
		bigLayers: big.images[0]?.layers.length ?? 0,
		manyFileEntries: countFiles(manyFilesImage(pool, scale)),
		generatedSeconds: (Date.now() - started) / 1000,
	};
	await writeFile(readyFile, JSON.stringify(ready, null, '\t'));
	return ready;
}

/** Copies each layer blob named by manifest.json out of the archive into its own file. */
async function extractLayers(archive: string, into: string, extension: string): Promise<string[]> {
	await mkdir(into, {recursive: true});
	const index = await indexTar(archive);
	const manifestEntry = index.find((entry) => entry.name === 'manifest.json');
	if (!manifestEntry) throw new Error(`${archive}: no manifest.json`);
	const manifestBytes = Buffer.alloc(manifestEntry.size);
	const stream = createReadStream(archive, {start: manifestEntry.offset, end: manifestEntry.offset + manifestEntry.size - 1});
	let filled = 0;
	for await (const chunk of stream) filled += (chunk as Buffer).copy(manifestBytes, filled);
	const layers = (JSON.parse(manifestBytes.toString('utf8')) as {Layers: string[]}[])[0]?.Layers ?? [];
	const out: string[] = [];
	for (const [i, name] of layers.entries()) {
		const entry = index.find((candidate) => candidate.name === name);
		if (!entry) throw new Error(`${archive}: no ${name}`);
		const target = path.join(into, `layer-${String(i).padStart(2, '0')}.${extension}`);
		await pipeline(createReadStream(archive, {start: entry.offset, end: entry.offset + entry.size - 1}), createWriteStream(target));
		out.push(target);
	}
	return out;
}
