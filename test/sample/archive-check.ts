import {createHash} from 'node:crypto';
import {expect} from 'vitest';
import {decompressBytes, type TarEntry} from '../helpers/image-builder.js';

export const sha256 = (bytes: Buffer) => `sha256:${createHash('sha256').update(bytes).digest('hex')}`;

export type CheckedImage = {
	readonly config: {rootfs: {diff_ids: string[]}; history?: {created_by: string; empty_layer?: boolean}[]; architecture: string; os: string};
	/** Each layer's uncompressed tar, in manifest order. */
	readonly layers: Buffer[];
	/** Each layer's blob as stored. */
	readonly blobs: Buffer[];
	readonly tags: readonly string[];
};

const json = (entry: TarEntry | undefined, name: string): any => {
	expect(entry, `${name} present`).toBeDefined();
	return JSON.parse((entry as TarEntry).data.toString('utf8'));
};

/** Follows a symlinked entry (`../x.tar`) to the entry it names, as Docker's reader does. */
function resolve(archive: Map<string, TarEntry>, name: string): TarEntry {
	let entry = archive.get(name);
	for (let hops = 0; entry?.type === 'symlink' && hops < 4; hops++) {
		const base = name.includes('/') ? name.slice(0, name.lastIndexOf('/') + 1) : '';
		name = (base + entry.linkname).split('/').reduce<string[]>((parts, part) => (part === '..' ? parts.slice(0, -1) : [...parts, part]), []).join('/');
		entry = archive.get(name);
	}
	expect(entry, `${name} present`).toBeDefined();
	return entry as TarEntry;
}

/** Checks that every blob under blobs/sha256 is named by its digest. */
export function checkBlobNames(archive: Map<string, TarEntry>): void {
	for (const [name, entry] of archive) {
		if (!name.startsWith('blobs/sha256/') || entry.type !== 'file') continue;
		expect(sha256(entry.data), name).toBe(`sha256:${name.slice('blobs/sha256/'.length)}`);
	}
}

/** Reads images through docker's manifest.json (legacy, Docker 25+, kaniko), checking config and diff_ids. */
export function readViaManifestJson(archive: Map<string, TarEntry>): CheckedImage[] {
	const manifest = json(archive.get('manifest.json'), 'manifest.json') as {Config: string; RepoTags: string[] | null; Layers: string[]}[];
	return manifest.map((item) => {
		const configEntry = resolve(archive, item.Config);
		const configHex = item.Config.replace(/^blobs\/sha256\/|^sha256:|\.json$/g, '');
		expect(sha256(configEntry.data)).toBe(`sha256:${configHex}`);
		const config = json(configEntry, item.Config);
		const blobs = item.Layers.map((name) => resolve(archive, name).data);
		const layers = blobs.map(decompressBytes);
		expect(config.rootfs.diff_ids).toEqual(layers.map(sha256));
		return {config, layers, blobs, tags: item.RepoTags ?? []};
	});
}

function blob(archive: Map<string, TarEntry>, descriptor: {digest: string; size: number}): Buffer {
	const entry = archive.get(`blobs/sha256/${descriptor.digest.slice('sha256:'.length)}`);
	expect(entry, descriptor.digest).toBeDefined();
	const data = (entry as TarEntry).data;
	expect(sha256(data)).toBe(descriptor.digest);
	expect(data.byteLength).toBe(descriptor.size);
	return data;
}

/** Reads the image manifests index.json leads to (through nested indexes), skipping attestations. */
export function readViaIndex(archive: Map<string, TarEntry>): (CheckedImage & {platform: unknown})[] {
	checkBlobNames(archive);
	expect(json(archive.get('oci-layout'), 'oci-layout')).toEqual({imageLayoutVersion: '1.0.0'});
	const images: (CheckedImage & {platform: unknown})[] = [];
	const seen = new Set<string>();
	const visit = (index: {manifests: any[]}, inherited: string[]) => {
		for (const descriptor of index.manifests) {
			const body = JSON.parse(blob(archive, descriptor).toString('utf8'));
			const ref = descriptor.annotations?.['org.opencontainers.image.ref.name'];
			const tags = ref ? [...inherited, ref] : inherited;
			if (descriptor.mediaType.endsWith('index.v1+json') || descriptor.mediaType.endsWith('list.v2+json')) {
				visit(body, tags);
				continue;
			}
			if (descriptor.annotations?.['vnd.docker.reference.type'] === 'attestation-manifest' || seen.has(descriptor.digest)) continue;
			seen.add(descriptor.digest);
			const config = JSON.parse(blob(archive, body.config).toString('utf8'));
			const blobs = body.layers.map((layer: {digest: string; size: number}) => blob(archive, layer));
			const layers = blobs.map(decompressBytes);
			expect(config.rootfs.diff_ids).toEqual(layers.map(sha256));
			images.push({config, layers, blobs, tags, platform: descriptor.platform});
		}
	};
	visit(json(archive.get('index.json'), 'index.json'), []);
	return images;
}
