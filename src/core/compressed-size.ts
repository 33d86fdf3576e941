import type {ImageModel} from './model.js';

export type CompressedSize = {readonly bytes: number} | {readonly unknown: string};

/**
The image's compressed size: the stored bytes of its distinct layer blobs, when every layer is stored compressed.
An archive that stores a layer uncompressed (a legacy `docker save`, an uncompressed OCI archive) does not say how
big it is compressed, and neither does a loader that could not see the blob's size.
*/
export function compressedSize(model: Pick<ImageModel, 'layers'>): CompressedSize {
	const blobs = new Map<string, number>();
	for (const layer of model.layers) {
		if (layer.compression === 'none') {
			return {unknown: `the archive stores layer ${layer.index} uncompressed, so its compressed size is unknown`};
		}
		if (layer.storedBytes === undefined) return {unknown: `the stored size of layer ${layer.index} is unknown`};
		blobs.set(layer.blob, layer.storedBytes);
	}
	let bytes = 0;
	for (const size of blobs.values()) bytes += size;
	return {bytes};
}
