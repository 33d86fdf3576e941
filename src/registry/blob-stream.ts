import {createHash} from 'node:crypto';
import {Readable} from 'node:stream';
import {InputError} from '../loader/errors.js';
import type {RegistryClient} from './client.js';
import {registryProblem} from './problems.js';
import {backoffDelay, isTransientNetworkError, networkProblem, sleep} from './retry.js';

/**
Streams blob `digest` (of `size` bytes, from its descriptor) from the registry, hashing it as it passes: the stream
fails with an error naming the blob if the bytes do not match the digest or the size. A connection that drops
mid-blob is retried with backoff, asking with `Range` for the bytes still missing (a registry that ignores the
range sends it all again, and the part already passed on is skipped).
*/
export function blobStream(client: RegistryClient, digest: string, size: number | undefined, onBytes?: (count: number) => void): Readable {
	return Readable.from(blobChunks(client, digest, size, onBytes), {objectMode: false, highWaterMark: 1024 * 1024});
}

async function* blobChunks(client: RegistryClient, digest: string, size: number | undefined, onBytes?: (count: number) => void): AsyncGenerator<Buffer> {
	const [algorithm, expected] = digest.split(':') as [string, string];
	if (algorithm !== 'sha256' && algorithm !== 'sha512') throw new InputError(`blob ${digest}: unsupported digest algorithm ${algorithm}`);
	const hash = createHash(algorithm);
	let received = 0;
	for (let attempt = 1; ; attempt++) {
		const response = await client.get(`blobs/${digest}`, received > 0 ? {range: `bytes=${received}-`} : {});
		if (!response.ok) throw await registryProblem(response, `blob ${digest}`, client);
		let skip = received > 0 && response.status !== 206 ? received : 0;
		try {
			for await (const piece of response.body as unknown as AsyncIterable<Uint8Array>) {
				let chunk = Buffer.from(piece.buffer, piece.byteOffset, piece.byteLength);
				if (skip > 0) {
					const dropped = Math.min(skip, chunk.length);
					skip -= dropped;
					chunk = chunk.subarray(dropped);
					if (chunk.length === 0) continue;
				}
				received += chunk.length;
				if (size !== undefined && received > size) throw new InputError(`blob ${digest}: the registry sent more than the ${size} bytes its descriptor gives`);
				hash.update(chunk);
				onBytes?.(chunk.length);
				yield chunk;
			}
		} catch (error) {
			if (error instanceof InputError) throw error;
			if (attempt < client.attempts && isTransientNetworkError(error)) {
				await sleep(backoffDelay(attempt, client.backoffMs));
				continue;
			}
			throw new InputError(`blob ${digest}: ${networkProblem(error, client.reference.registry)}`);
		}
		break;
	}
	if (size !== undefined && received !== size) throw new InputError(`blob ${digest}: truncated (the registry sent ${received} of ${size} bytes)`);
	const actual = hash.digest('hex');
	if (actual !== expected) throw new InputError(`blob ${digest}: digest mismatch: the registry sent content with digest ${algorithm}:${actual}`);
}

/** Reads a small blob (a manifest or config) whole, verifying its digest; refuses more than `limit` bytes. */
export async function readSmallBlob(client: RegistryClient, digest: string, size: number | undefined, limit: number): Promise<Buffer> {
	if (size !== undefined && size > limit) throw new InputError(`blob ${digest} is too large for a JSON document (${size} bytes)`);
	const chunks: Buffer[] = [];
	let length = 0;
	for await (const chunk of blobChunks(client, digest, size)) {
		length += chunk.length;
		if (length > limit) throw new InputError(`blob ${digest} is too large for a JSON document`);
		chunks.push(chunk);
	}
	return Buffer.concat(chunks);
}
