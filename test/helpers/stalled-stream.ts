import {PassThrough} from 'node:stream';
import {sampleImage} from '../../src/sample/sample-image.js';
import {buildImageArchive} from './image-builder.js';

type Slice = {readonly name: string; readonly start: number; readonly end: number};

/** The outer tar's entries, each with its header and padded data (ustar, no PAX: the writer's names are short). */
export function slices(archive: Buffer): Slice[] {
	const list: Slice[] = [];
	let offset = 0;
	while (offset + 512 <= archive.length && archive[offset] !== 0) {
		const name = archive.toString('utf8', offset, offset + 100).replace(/\0.*$/s, '');
		const size = Number.parseInt(archive.toString('ascii', offset + 124, offset + 136).replace(/\0.*$/s, '').trim() || '0', 8);
		const end = offset + 512 + Math.ceil(size / 512) * 512;
		list.push({name, start: offset, end});
		offset = end;
	}
	return list;
}

function json(archive: Buffer, slice: Slice): {[key: string]: unknown} {
	return JSON.parse(archive.toString('utf8', slice.start + 512, slice.end).replace(/\0+$/, '')) as {[key: string]: unknown};
}

/**
The sample image as an OCI archive that stores its index, manifest and config first and then its layers in image
order (as a registry gives them), and a stream that delivers it up to the end of layer 0's blob, then stalls until
`release()`: the slow stream of a huge image whose next layer takes an hour to arrive.
*/
export async function stalledSampleArchive(compression: 'none' | 'gzip' = 'gzip') {
	const original = await buildImageArchive(sampleImage, 'oci-archive', {compression});
	const entries = slices(original);
	const byName = new Map(entries.map(slice => [slice.name, slice]));
	const index = json(original, byName.get('index.json')!) as {manifests: Array<{digest: string}>};
	const blob = (digest: string) => byName.get(`blobs/${digest.replace(':', '/')}`)!;
	const manifest = json(original, blob(index.manifests[0]!.digest)) as {layers: Array<{digest: string}>};
	const layers = manifest.layers.map(layer => blob(layer.digest));
	const ordered = [...entries.filter(slice => !layers.includes(slice)), ...layers];
	const archive = Buffer.concat([...ordered.map(slice => original.subarray(slice.start, slice.end)), Buffer.alloc(1024)]);
	const cut = ordered.slice(0, ordered.indexOf(layers[0]!) + 1).reduce((sum, slice) => sum + slice.end - slice.start, 0);
	const stream = new PassThrough();
	return {
		archive,
		/** Bytes sent by `start()`. */
		cut,
		layerCount: layers.length,
		stream,
		/** Sends everything up to the end of layer 0's blob (the index, manifest and config come before it), then nothing. */
		start(): void {
			stream.write(archive.subarray(0, cut));
		},
		/** Sends the rest and ends the stream. */
		release(): void {
			stream.end(archive.subarray(cut));
		},
		/** Sends half of the rest and ends the stream there: a truncated archive. */
		truncate(): void {
			stream.end(archive.subarray(cut, cut + Math.floor((archive.length - cut) / 2)));
		},
	};
}
