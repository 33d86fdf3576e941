import {existsSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import type {Worker} from 'node:worker_threads';
import {describeProblem} from './errors.js';
import {hashRanges} from './hash-ranges.js';
import {decodeBlob} from './decode-blob.js';
import type {ParsedLayer} from './read-layer.js';
import type {RegistryBlobJob} from '../registry/blob-job.js';

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
Decodes compressed layer blobs of a file on worker threads, `limit` of them (2 by default; fewer on fewer cores), so layers
decompress in parallel while the main thread walks the archive. Runs inline when no compiled worker exists
(under the TypeScript test runner). A worker that fails or dies fails only the job it was running, and is replaced;
a reply for a job that is no longer waiting is ignored.
*/
export function createDecodePool(limit = 2, workerFile = new URL('./decode-worker.js', import.meta.url)) {
	const inline = !existsSync(fileURLToPath(workerFile));
	// node:os and node:worker_threads load when the first worker starts: a run that decodes inline never pays for them.
	let size: number | undefined;
	const workers = new Set<Worker>();
	const idle: Worker[] = [];
	const queue: Array<{job: DecodeJob; resolve: (result: DecodeResult) => void}> = [];
	/** The job each busy worker runs. */
	const running = new Map<Worker, {id: number; resolve: (result: DecodeResult) => void}>();
	/** Download progress callbacks of registry jobs, by job id. */
	const progress = new Map<number, (bytes: number) => void>();
	let nextId = 0;
	let closed = false;

	const pump = () => {
		while (queue.length > 0 && !closed) {
			let worker = idle.pop();
			size ??= Math.max(1, Math.min(limit, process.getBuiltinModule('node:os').availableParallelism()));
			if (!worker && workers.size < size) worker = spawn();
			if (!worker) return;
			const {job, resolve} = queue.shift()!;
			running.set(worker, {id: job.id, resolve});
			worker.postMessage(job);
		}
	};
	/** Settles the worker's job with `problem`, drops the worker, and lets a new one take the queue. */
	const retire = (worker: Worker, problem: string) => {
		if (!workers.delete(worker)) return;
		const job = running.get(worker);
		running.delete(worker);
		const at = idle.indexOf(worker);
		if (at !== -1) idle.splice(at, 1);
		void worker.terminate();
		job?.resolve({error: problem});
		pump();
	};
	const spawn = () => {
		const worker = new (process.getBuiltinModule('node:worker_threads').Worker)(workerFile);
		worker.on('message', (reply: DecodeReply) => {
			if (reply.bytes !== undefined) {
				progress.get(reply.id)?.(reply.bytes);
				return;
			}
			const job = running.get(worker);
			// A reply for another job, or a second reply, is not ours to settle.
			if (!job || job.id !== reply.id) return;
			running.delete(worker);
			progress.delete(reply.id);
			idle.push(worker);
			const {id: _id, ...result} = reply;
			job.resolve(result);
			pump();
		});
		worker.on('error', error => retire(worker, describeProblem(error)));
		worker.on('exit', code => {
			if (!closed) retire(worker, `the decoder stopped unexpectedly (exit code ${code})`);
		});
		workers.add(worker);
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
		/**
		Decodes on this thread: for a few small blobs, starting a worker (a Node of its own) costs more than the work.
		Streamed, never the blocking zstd path: a small blob may still expand a long way, and the explorer must answer keys.
		*/
		async decodeHere(file: string, start: number, end: number): Promise<DecodeResult> {
			try {
				return {parsed: await decodeBlob(file, start, end, false)};
			} catch (error) {
				return {error: describeProblem(error)};
			}
		},
		hash(file: string, ranges: ReadonlyArray<readonly [number, number]>): Promise<DecodeResult> {
			return submit({id: nextId++, file, start: 0, end: 0, ranges});
		},
		fetchLayer(registry: RegistryBlobJob, onBytes: (bytes: number) => void): Promise<DecodeResult> {
			return submit({id: nextId++, file: '', start: 0, end: 0, registry}, onBytes);
		},
		async close() {
			closed = true;
			for (const {resolve} of [...queue.splice(0), ...running.values()]) resolve({error: 'the decoder pool was closed'});
			running.clear();
			await Promise.all([...workers].map(worker => worker.terminate()));
		},
	};
}

async function runInline(job: DecodeJob, onBytes?: (bytes: number) => void): Promise<DecodeResult> {
	try {
		if (job.registry) return {parsed: await (await import('../registry/blob-job.js')).readRegistryBlob(job.registry, onBytes ?? (() => {}))};
		if (job.ranges) return {digests: await hashRanges(job.file, job.ranges)};
		return {parsed: await decodeBlob(job.file, job.start, job.end)};
	} catch (error) {
		return {error: describeProblem(error)};
	}
}
