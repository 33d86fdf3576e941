import {createHash} from 'node:crypto';
import {pack} from 'tar-stream';

const blockSize = 128 * 1024;

/**
A zstd frame written by hand: one raw block, then run-length blocks of zeros (4 bytes each for 128 KiB of output).
Such a stream expands ~32000x, past anything a compressor produces for real data.
*/
export function zstdRunLengthFrame(prefix: Buffer, zeroBlocks: number): Buffer {
	const header = Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 0x00, 0x38]); // magic, no content size, 128 KiB window
	const blockHeader = (last: boolean, type: number, size: number) => {
		const value = (last ? 1 : 0) | (type << 1) | (size << 3);
		return Buffer.from([value & 0xff, (value >> 8) & 0xff, (value >> 16) & 0xff]);
	};
	const parts = [header, blockHeader(false, 0, prefix.length), prefix];
	for (let i = 0; i < zeroBlocks; i++) parts.push(blockHeader(i === zeroBlocks - 1, 1, blockSize), Buffer.from([0]));
	return Buffer.concat(parts);
}

/** A tar header for one regular file of `size` bytes (base-256 size field, so it may pass 8 GiB); a Buffer name goes in as raw bytes. */
export function tarFileHeader(name: string | Buffer, size: number): Buffer {
	const block = Buffer.alloc(512);
	if (typeof name === 'string') block.write(name, 0, 'utf8');
	else name.copy(block, 0);
	block.write('0000644\0', 100);
	block.write('0000000\0', 108);
	block.write('0000000\0', 116);
	block[124] = 0x80;
	for (let i = 11, value = size; i > 0; i--, value = Math.floor(value / 256)) block[124 + i] = value % 256;
	block.write('00000000000\0', 136);
	block.write('0', 156);
	block.write('ustar\x0000', 257);
	block.fill(0x20, 148, 156);
	let sum = 0;
	for (const byte of block) sum += byte;
	block.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148);
	return block;
}

const digest = (data: Buffer | string) => `sha256:${createHash('sha256').update(data).digest('hex')}`;

/** An OCI archive holding one image whose single layer is `layerBlob`, stored as given. */
export async function ociArchiveAround(layerBlob: Buffer, mediaType: string): Promise<Buffer> {
	const config = JSON.stringify({
		architecture: 'amd64',
		os: 'linux',
		rootfs: {type: 'layers', diff_ids: [digest('unknown')]},
		history: [{created_by: 'hand-made layer'}],
	});
	const manifest = JSON.stringify({
		schemaVersion: 2,
		mediaType: 'application/vnd.oci.image.manifest.v1+json',
		config: {mediaType: 'application/vnd.oci.image.config.v1+json', digest: digest(config), size: config.length},
		layers: [{mediaType, digest: digest(layerBlob), size: layerBlob.length}],
	});
	const index = JSON.stringify({
		schemaVersion: 2,
		manifests: [{mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: digest(manifest), size: manifest.length}],
	});
	const out = pack();
	const chunks: Buffer[] = [];
	out.on('data', (chunk: unknown) => {
		chunks.push(chunk as Buffer);
	});
	const done = new Promise<void>(resolve => out.on('end', () => resolve()));
	const blob = (data: Buffer | string) => `blobs/sha256/${digest(data).slice(7)}`;
	out.entry({name: 'oci-layout'}, '{"imageLayoutVersion":"1.0.0"}');
	out.entry({name: 'index.json'}, index);
	out.entry({name: blob(manifest)}, manifest);
	out.entry({name: blob(config)}, config);
	out.entry({name: blob(layerBlob)}, layerBlob);
	out.finalize();
	await done;
	return Buffer.concat(chunks);
}
