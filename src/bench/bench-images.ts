import {dir, file, opaque, streamedFile, whiteout} from '../sample/entries.js';
import type {EntryDescription, ImageDescription, LayerDescription} from '../sample/image-description.js';
import type {ContentPool} from './content-pool.js';

const MiB = 1 << 20;

/** Entries produced on demand each time the layer is written (nothing is kept between archives). */
function lazy(generate: () => Generator<EntryDescription>): Iterable<EntryDescription> {
	return {[Symbol.iterator]: generate};
}

function layer(createdBy: string, generate: () => Generator<EntryDescription>): LayerDescription {
	return {createdBy: `RUN /bin/sh -c ${createdBy} # buildkit`, entries: lazy(generate)};
}

function* dirs(path: string): Generator<EntryDescription> {
	const parts = path.split('/');
	for (let i = 1; i <= parts.length; i++) yield dir(parts.slice(0, i).join('/'));
}

/** Regular files in a description, whiteouts and opaque markers left out. */
export function countFiles(image: ImageDescription): number {
	let count = 0;
	for (const {entries} of image.layers) {
		for (const entry of entries) if (entry.type === 'file' && !entry.path.slice(entry.path.lastIndexOf('/') + 1).startsWith('.wh.')) count++;
	}
	return count;
}

/**
≥ 2 GiB of layer tars over 12 layers at scale 1: many mid-sized files, big binaries, overwrites, a chown-only copy,
file and directory deletions and an opaque directory, so the analysis has real waste to find.
*/
export function bigImage(pool: ContentPool, scale: number): ImageDescription {
	const bytes = (mib: number) => Math.max(1, Math.round(mib * scale * MiB));
	const big = (path: string, seed: number, mib: number, attributes = {}) => streamedFile(path, bytes(mib), pool.chunks(seed, bytes(mib)), attributes);
	const count = (n: number) => Math.max(1, Math.round(n * scale));
	const toolchain = Math.max(2, count(10));
	return {
		tags: ['bench/big:latest'],
		layers: [
			{
				createdBy: '/bin/sh -c #(nop) ADD file:bench-base in / ',
				entries: lazy(function* () {
					for (let d = 0; d < 30; d++) {
						yield* dirs(`usr/lib/pkg${d}`);
						for (let f = 0; f < count(100); f++) {
							const seed = d * 1000 + f;
							yield file(`usr/lib/pkg${d}/lib${f}.so`, pool.slice(seed, 16_384 + ((seed * 7919) % 114_688)));
						}
					}
					yield* dirs('usr/lib/cache');
					for (let f = 0; f < 50; f++) yield file(`usr/lib/cache/entry${f}`, pool.slice(90_000 + f, 4096));
				}),
			},
			layer('install-toolchain', function* () {
				yield* dirs('opt/toolchain/bin');
				for (let i = 0; i < toolchain; i++) yield big(`opt/toolchain/bin/tool${i}`, 100 + i, 64, {mode: 0o755});
			}),
			{
				createdBy: 'COPY assets/ /srv/assets/ # buildkit',
				entries: lazy(function* () {
					yield* dirs('srv/assets');
					yield big('srv/assets/video-1.bin', 200, 256);
					yield big('srv/assets/video-2.bin', 201, 256);
				}),
			},
			layer('update-toolchain', function* () {
				yield* dirs('opt/toolchain/bin');
				for (let i = 0; i < Math.ceil(toolchain / 2); i++) yield big(`opt/toolchain/bin/tool${i}`, 300 + i, 64, {mode: 0o755});
			}),
			layer('rm /srv/assets/video-2.bin', function* () {
				yield* dirs('srv/assets');
				yield whiteout('srv/assets/video-2.bin');
			}),
			layer('make -C /build', function* () {
				for (let d = 0; d < 10; d++) {
					yield* dirs(`build/obj${d}`);
					for (let f = 0; f < count(100); f++) yield big(`build/obj${d}/unit${f}.o`, 400 + d * 100 + f, 0.125);
				}
			}),
			layer('rm -rf /build', function* () {
				yield whiteout('build');
			}),
			{
				createdBy: 'COPY model.bin /data/model.bin # buildkit',
				entries: lazy(function* () {
					yield* dirs('data');
					yield big('data/model.bin', 500, 300);
				}),
			},
			layer(`chown 1000:1000 /opt/toolchain/bin/tool${toolchain - 2} /opt/toolchain/bin/tool${toolchain - 1}`, function* () {
				yield* dirs('opt/toolchain/bin');
				for (let i = toolchain - 2; i < toolchain; i++) yield big(`opt/toolchain/bin/tool${i}`, 100 + i, 64, {mode: 0o755, uid: 1000, gid: 1000});
			}),
			layer('install-app', function* () {
				yield* dirs('srv/app');
				for (let f = 0; f < count(500); f++) yield file(`srv/app/module${f}.js`, pool.slice(600_000 + f, 32_768));
			}),
			layer('rm -rf /usr/lib/cache && mkdir /usr/lib/cache', function* () {
				yield* dirs('usr/lib/cache');
				yield opaque('usr/lib/cache');
				yield file('usr/lib/cache/.keep', '');
			}),
			layer('echo configure', function* () {
				yield* dirs('etc/app');
				for (let f = 0; f < 20; f++) yield file(`etc/app/conf${f}.ini`, pool.slice(700_000 + f, 512));
			}),
		],
	};
}

/** ≥ 200,000 files at scale 1: a node_modules-like tree, then overwrites, deletions, an opaque directory and more files. */
export function manyFilesImage(pool: ContentPool, scale: number): ImageDescription {
	const packages = Math.max(30, Math.round(3000 * scale));
	const small = (seed: number) => pool.slice(seed, (Math.imul(seed, 2654435761) >>> 0) % 2048);
	const tree = (root: string, to: number, perPackage: number, seedBase: number) =>
		function* (): Generator<EntryDescription> {
			yield* dirs(root);
			for (let p = 0; p < to; p++) {
				yield dir(`${root}/pkg-${p}`);
				yield dir(`${root}/pkg-${p}/lib`);
				yield file(`${root}/pkg-${p}/package.json`, `{"name":"pkg-${p}","version":"1.0.${seedBase}"}\n`);
				for (let f = 0; f < perPackage; f++) yield file(`${root}/pkg-${p}/lib/file-${f}.js`, small(seedBase * 1_000_000 + p * 100 + f));
			}
		};
	return {
		tags: ['bench/many-files:latest'],
		layers: [
			{createdBy: '/bin/sh -c #(nop) ADD file:bench-many in / ', entries: lazy(tree('app/node_modules', packages, 40, 0))},
			layer('npm install --prefix /usr/share/tools', tree('usr/share/tools/node_modules', Math.round(packages / 2), 40, 1)),
			layer('npm update', function* () {
				yield* dirs('app/node_modules');
				for (let p = 0; p < Math.round(packages / 6); p++) {
					yield dir(`app/node_modules/pkg-${p}`);
					yield dir(`app/node_modules/pkg-${p}/lib`);
					for (let f = 0; f < 40; f++) yield file(`app/node_modules/pkg-${p}/lib/file-${f}.js`, small(5_000_000 + p * 100 + f));
				}
			}),
			layer('npm prune', function* () {
				yield* dirs('app/node_modules');
				for (let p = packages - Math.round(packages / 30); p < packages; p++) yield whiteout(`app/node_modules/pkg-${p}`);
				const reset = Math.round(packages / 2);
				yield dir(`app/node_modules/pkg-${reset}`);
				yield dir(`app/node_modules/pkg-${reset}/lib`);
				yield opaque(`app/node_modules/pkg-${reset}/lib`);
				yield file(`app/node_modules/pkg-${reset}/lib/index.js`, 'module.exports = {};\n');
			}),
			layer('npm install --prefix /srv/extra', tree('srv/extra/node_modules', Math.round(packages / 4), 40, 2)),
		],
	};
}

/**
One layer of `entries` entries at scale 1 (1,000,000): directories of 1,000 small files each (0–255 bytes, so the
archive stays under 1 GB), the shape of a huge vendored tree or a dataset copied in one `COPY`.
*/
export function millionEntriesImage(pool: ContentPool, scale: number, entries = 1_000_000): ImageDescription {
	const total = Math.max(1000, Math.round(entries * scale));
	const perDir = 999;
	return {
		tags: ['bench/million-entries:latest'],
		layers: [
			{
				createdBy: '/bin/sh -c #(nop) ADD file:bench-million in / ',
				entries: lazy(function* () {
					yield dir('data');
					let written = 1;
					for (let d = 0; written < total; d++) {
						const group = `data/g${Math.floor(d / 100)}`;
						if (d % 100 === 0) {
							yield dir(group);
							written++;
						}
						yield dir(`${group}/d${d}`);
						written++;
						for (let f = 0; f < perDir && written < total; f++, written++) {
							const seed = d * 1000 + f;
							yield file(`${group}/d${d}/item-${f}.json`, pool.slice(seed, (Math.imul(seed, 2654435761) >>> 0) % 256));
						}
					}
				}),
			},
		],
	};
}

/** Every entry of a description, whiteouts and directories included (what a tar listing prints). */
export function countEntries(image: ImageDescription): number {
	let count = 0;
	for (const {entries} of image.layers) for (const _ of entries) count++;
	return count;
}
