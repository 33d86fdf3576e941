import type {Compression} from './model.js';

/** What identifies and describes a layer, apart from its files: the fields an analysed, saved or reopened layer carries over. */
export type LayerHeader = {
	readonly index: number;
	readonly id: string;
	readonly diffId: string;
	readonly blob: string;
	readonly command: string;
	readonly createdBy: string;
	readonly sizeBytes: number;
	readonly compression: Compression;
};

/** The header fields of `layer`, copied in the order the analysis lists them. */
export function layerHeader(layer: LayerHeader): LayerHeader {
	return {
		index: layer.index,
		id: layer.id,
		diffId: layer.diffId,
		blob: layer.blob,
		command: layer.command,
		createdBy: layer.createdBy,
		sizeBytes: layer.sizeBytes,
		compression: layer.compression,
	};
}
