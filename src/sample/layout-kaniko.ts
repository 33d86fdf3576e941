import {bytesEntry, layerEntry, manifestJsonEntry, uniqueByName, type BuiltImage, type LayoutOptions, type OuterEntry} from './archive-entries.js';

/** kaniko `--tarPath`: config named `sha256:<hex>`, layers `<blob hex>.tar.gz`, then `manifest.json`. */
export function kanikoEntries(images: readonly BuiltImage[], options: LayoutOptions): OuterEntry[] {
	const entries: OuterEntry[] = [];
	const manifest: Record<string, unknown>[] = [];
	for (const image of images) {
		entries.push(bytesEntry(image.config.digest, image.config.bytes));
		const layers = image.layers.map((layer) => `${layer.digest.slice('sha256:'.length)}.tar.gz`);
		image.layers.forEach((layer, index) => entries.push(layerEntry(layers[index] as string, layer)));
		manifest.push({Config: image.config.digest, RepoTags: image.tags.length > 0 ? [...image.tags] : null, Layers: layers});
	}
	return [...uniqueByName(entries), manifestJsonEntry(manifest, options)];
}
