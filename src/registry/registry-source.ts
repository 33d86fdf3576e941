import type {Readable} from 'node:stream';
import {emptyCollected, maxJsonBytes, storeJson, type Collected, type Tick} from '../loader/collected.js';
import {InputError} from '../loader/errors.js';
import type {InputSource} from '../loader/input-source.js';
import {blobPath} from '../loader/manifest.js';
import {createDecodePool} from '../loader/decode-pool.js';
import {blobStream, readSmallBlob} from './blob-stream.js';
import {createRegistryClient, type ClientOptions} from './client.js';
import {formatReference, type ImageReference} from './reference.js';
import {resolveImage, type ResolvedImage} from './resolve-image.js';

export type RegistrySourceOptions = ClientOptions & {
	/** `--platform`; without it the host's platform is picked from an index. */
	readonly platform: string | undefined;
	readonly hostPlatform: string;
	/** Layers downloading (and decoding) at once, at most one per core. */
	readonly parallel?: number;
	readonly display?: string;
};

/**
An image read straight from a registry: the manifest is negotiated (and the platform picked) when the source is
opened, so a missing image or refused credentials fail before anything is drawn; `collect` then downloads the config
and the layers, several at a time, each decoded as its bytes arrive and verified against its digest.
*/
export async function openRegistrySource(reference: ImageReference, options: RegistrySourceOptions): Promise<InputSource> {
	const client = createRegistryClient(reference, options);
	const image = await resolveImage(client, {platform: options.platform, host: options.hostPlatform});
	const unique = [...new Map(image.layers.map(layer => [layer.digest, layer])).values()];
	const sizes = new Map([image.config, ...unique].map(item => [item.digest, item.size]));
	const display = options.display ?? `registry://${formatReference(reference)}`;
	let used = false;
	return {
		display,
		kind: 'registry',
		path: undefined,
		size: image.config.size + unique.reduce((sum, layer) => sum + layer.size, 0),
		reopenable: true,
		entries() {
			throw new InputError('a registry image is read blob by blob, not as an archive');
		},
		async collect(tick: Tick): Promise<Collected> {
			if (used) throw new InputError(`${display} is already being read`);
			used = true;
			const collected = emptyCollected();
			storeJson(collected, 'index.json', Buffer.from(JSON.stringify(syntheticIndex(image, formatReference(reference)))));
			collected.json.set(blobPath(image.manifestDigest), image.manifest);
			tick.total(unique.length);
			const config = await readSmallBlob(client, image.config.digest, image.config.size, maxJsonBytes);
			tick.bytes(config.length);
			storeJson(collected, blobPath(image.config.digest), config);
			tick.found?.(collected);
			// Each layer downloads, is verified and parsed on a decode worker (one per core, at most `parallel`).
			const pool = createDecodePool(options.parallel ?? 4);
			const authorization = client.authorization();
			try {
				await Promise.all(
					unique.map(async layer => {
						const job = {reference, insecure: options.insecure === true, env: {...options.env}, authorization, digest: layer.digest, size: layer.size, mediaType: layer.mediaType};
						const result = await pool.fetchLayer(job, tick.bytes);
						if (result.error !== undefined) throw new InputError(result.error);
						collected.layers.set(blobPath(layer.digest), result.parsed!);
						tick.found?.(collected, {name: blobPath(layer.digest), parsed: result.parsed!});
						tick.layer();
					}),
				);
			} finally {
				// After a failure this stops the other downloads.
				await pool.close();
			}
			return collected;
		},
		openBlob(blob: string): Readable {
			const digest = /^blobs\/([a-z0-9]+)\/([a-f0-9]+)$/.exec(blob);
			if (!digest) throw new InputError(`no blob ${blob} in ${display}`);
			const name = `${digest[1]}:${digest[2]}`;
			return blobStream(client, name, sizes.get(name));
		},
	};
}

/** An OCI index naming the one manifest picked, so the loader assembles the image as it does from an OCI layout. */
function syntheticIndex(image: ResolvedImage, name: string) {
	const [os, architecture, variant] = image.platform.split('/');
	return {
		schemaVersion: 2,
		manifests: [
			{
				mediaType: 'application/vnd.oci.image.manifest.v1+json',
				digest: image.manifestDigest,
				size: 0,
				annotations: {'org.opencontainers.image.ref.name': name},
				...(image.platform ? {platform: {os, architecture, ...(variant ? {variant} : {})}} : {}),
			},
		],
	};
}
