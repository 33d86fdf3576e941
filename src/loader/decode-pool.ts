import {createReadStream, existsSync} from 'node:fs';
import {availableParallelism} from 'node:os';
import {fileURLToPath} from 'node:url';
import {Worker} from 'node:worker_threads';
import {describeProblem} from './errors.js';
import {hashRanges} from './hash-ranges.js';
import {readLayer, type ParsedLayer} from './read-layer.js';
import {readRegistryBlob, type RegistryBlobJob} from '../registry/blob-job.js';

export type DecodeJob = {
	readonly id: number;
	readonly file: string;
	readonly start: number;
	readonly end: number;
	/** When set, hash these [offset, size] ranges of `file` instead of decoding a layer. */
	readonly ranges?: ReadonlyArray<readonly [number, number]>;
	/** When set, download this layer blob from a registry (verifying its digest) and parse it. */
	readonly registry?: RegistryBlobJob;
};
export type DecodeReply = {
	readonly id: number;
	readonly parsed?: ParsedLayer | undefined;
	readonly digests?: string[];
	readonly error?: string;
	/** A progress message, not the reply: bytes downloaded since the last one. */
	readonly bytes?: number;
};
export type DecodeResult = Omit<DecodeReply, 'id' | 'bytes'>;

/**
Decodes compressed layer blobs of a file on worker threads, one per core (at most `limit`), so that layers
decompress in parallel while the main thread walks the archive. Runs inline when no compiled worker exists
(under the TypeScript test runner).
*/
export function createDecodePool(limit = 2) {
	const workerFile = new URL('./decode-worker.js', import.meta.url);
	const inline = !existsSync(fileURLToPath(workerFile));
	const size = Math.max(1, Math.min(limit, availableParallelism()));
	const workers: Worker[] = [];
	const idle: Worker[] = [];
	const queue: Array<{job: DecodeJob; resolve: (result: DecodeResult) => void}> = [];
	const waiting = new Map<number, (result: DecodeResult) => void>();
	const progress = new Map<number, (bytes: number) => void>();
	let nextId = 0;

	const pump = () => {
		while (queue.length > 0) {
			let worker = idle.pop();
			if (!worker && workers.length < size) worker = spawn();
			if (!worker) return;
			const {job, resolve} = queue.shift()!;
			waiting.set(job.id, resolve);
			worker.postMessage(job);
		}
	};
	const spawn = () => {
		const worker = new Worker(workerFile);
		worker.on('message', (reply: DecodeReply) => {
			if (reply.bytes !== undefined) {
				progress.get(reply.id)?.(reply.bytes);
				return;
			}
			progress.delete(reply.id);
			const resolve = waiting.get(reply.id)!;
			waiting.delete(reply.id);
			idle.push(worker);
			const {id: _id, ...result} = reply;
			resolve(result);
			pump();
		});
		worker.on('error', error => {
			for (const [id, resolve] of waiting) {
				resolve({error: describeProblem(error)});
				waiting.delete(id);
			}
		});
		workers.push(worker);
		return worker;
	};

	const submit = (job: DecodeJob, onBytes?: (bytes: number) => void): Promise<DecodeResult> => {
		if (onBytes) progress.set(job.id, onBytes);
		if (inline) return runInline(job, onBytes);
		return new Promise(resolve => {
			queue.push({job, resolve});
			pump();
		});
	};

	return {
		decode(file: string, start: number, end: number): Promise<DecodeResult> {
			return submit({id: nextId++, file, start, end});
		},
		hash(file: string, ranges: ReadonlyArray<readonly [number, number]>): Promise<DecodeResult> {
			return submit({id: nextId++, file, start: 0, end: 0, ranges});
		},
		fetchLayer(registry: RegistryBlobJob, onBytes: (bytes: number) => void): Promise<DecodeResult> {
			return submit({id: nextId++, file: '', start: 0, end: 0, registry}, onBytes);
		},
		async close() {
			await Promise.all(workers.map(worker => worker.terminate()));
		},
	};
}

async function runInline(job: DecodeJob, onBytes?: (bytes: number) => void): Promise<DecodeResult> {
	try {
		if (job.registry) return {parsed: await readRegistryBlob(job.registry, onBytes ?? (() => {}))};
		if (job.ranges) return {digests: await hashRanges(job.file, job.ranges)};
		return {parsed: await readLayer(createReadStream(job.file, {start: job.start, end: job.end - 1}))};
	} catch (error) {
		return {error: describeProblem(error)};
	}
}
