import {
	byName,
	bytesEntry,
	jsonEntry,
	layerEntry,
	manifestJsonEntry,
	repositoriesJson,
	uniqueByName,
	type BuiltImage,
	type LayoutOptions,
	type OuterEntry,
} from './archive-entries.js';
import {sha256Hex} from './image-json.js';

/** Legacy v1 layer ids: a chain over the parent id and the diff_id; the top layer also covers the config. */
function legacyIds(image: BuiltImage): string[] {
	const ids: string[] = [];
	image.layers.forEach((layer, index) => {
		const top = index === image.layers.length - 1;
		const parent = ids[index - 1] ?? '';
		ids.push(sha256Hex(JSON.stringify({parent, diffId: layer.diffId, config: top ? image.config.digest : ''})));
	});
	return ids;
}

function layerJson(image: BuiltImage, ids: readonly string[], index: number): unknown {
	const history = image.configJson.history?.filter((entry) => !entry.empty_layer)[index];
	return {
		id: ids[index],
		...(index > 0 ? {parent: ids[index - 1]} : {}),
		created: history?.created ?? image.configJson.created,
		container_config: {Cmd: history ? [history.created_by] : null},
		os: image.configJson.os,
		architecture: image.configJson.architecture,
	};
}

/**
`docker save` before Docker 25: `<id>/layer.tar`, `<id>/json`, `<id>/VERSION`, `<config hex>.json`, `manifest.json`,
`repositories`, in name order. With `podman` links: `podman save --format docker-archive` naming.
*/
export function dockerLegacyEntries(images: readonly BuiltImage[], options: LayoutOptions): OuterEntry[] {
	const podman = options.legacyLinks === 'podman';
	const entries: OuterEntry[] = [];
	const layerFiles: OuterEntry[] = [];
	const firstPath = new Map<string, string>();
	const manifest: Record<string, unknown>[] = [];
	const tops: {tags: readonly string[]; topId: string}[] = [];
	for (const image of images) {
		const ids = legacyIds(image);
		const layerPaths: string[] = [];
		image.layers.forEach((layer, index) => {
			const id = ids[index] as string;
			const path = `${id}/layer.tar`;
			if (!podman) entries.push({kind: 'dir', name: `${id}/`});
			if (podman) {
				const stored = `${layer.digest.slice('sha256:'.length)}.tar`;
				layerFiles.push(layerEntry(stored, layer));
				entries.push({kind: 'symlink', name: path, target: `../${stored}`});
				layerPaths.push(stored);
			} else {
				const first = firstPath.get(layer.digest);
				if (first !== undefined && first !== path && options.legacyLinks === 'duplicates') {
					entries.push({kind: 'symlink', name: path, target: `../${first}`});
				} else {
					entries.push(layerEntry(path, layer));
				}
				if (first === undefined) firstPath.set(layer.digest, path);
				layerPaths.push(path);
			}
			entries.push(bytesEntry(`${id}/VERSION`, '1.0'), jsonEntry(`${id}/json`, layerJson(image, ids, index)));
		});
		const configName = `${image.config.hex}.json`;
		(podman ? layerFiles : entries).push(bytesEntry(configName, image.config.bytes));
		manifest.push({Config: configName, RepoTags: image.tags.length > 0 ? [...image.tags] : null, Layers: layerPaths});
		tops.push({tags: image.tags, topId: ids.at(-1) ?? ''});
	}
	const tail = [manifestJsonEntry(manifest, options), repositoriesJson(tops)];
	if (podman) return [...uniqueByName(layerFiles), ...uniqueByName(entries), ...tail];
	return [...uniqueByName(entries).sort(byName), ...tail];
}
