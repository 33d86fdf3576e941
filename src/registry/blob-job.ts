import {readLayer, type ParsedLayer} from '../loader/read-layer.js';
import {describeProblem, InputError} from '../loader/errors.js';
import {blobStream} from './blob-stream.js';
import {createRegistryClient} from './client.js';
import type {Environment} from './credentials.js';
import type {ImageReference} from './reference.js';

/** Everything a decode worker needs to download, verify and parse one layer blob on its own (plain data). */
export type RegistryBlobJob = {
	readonly reference: ImageReference;
	readonly insecure: boolean;
	readonly env: Environment;
	readonly authorization: string | undefined;
	readonly digest: string;
	readonly size: number;
	readonly mediaType: string;
};

/** Downloads one layer blob, verifying its digest as it streams, and parses it; `onBytes` counts downloaded bytes. */
export async function readRegistryBlob(job: RegistryBlobJob, onBytes: (count: number) => void): Promise<ParsedLayer> {
	const client = createRegistryClient(job.reference, {insecure: job.insecure, env: job.env, authorization: job.authorization});
	const stream = blobStream(client, job.digest, job.size, onBytes);
	try {
		const parsed = await readLayer(stream);
		if (!parsed) throw new InputError(`layer ${job.digest}: the blob is neither a tar nor gzip or zstd data (${job.mediaType || 'no media type'})`);
		return parsed;
	} catch (error) {
		stream.destroy();
		const problem = describeProblem(error);
		throw new InputError(problem.startsWith('blob ') || problem.startsWith('layer ') ? problem : `layer ${job.digest}: ${problem}`);
	}
}
