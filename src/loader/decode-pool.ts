import {createReadStream, existsSync} from 'node:fs';
import {availableParallelism} from 'node:os';
import {fileURLToPath} from 'node:url';
import {Worker} from 'node:worker_threads';
import {describeProblem} from './errors.js';
import {hashRanges} from './hash-ranges.js';
import {readLayer, type ParsedLayer} from './read-layer.js';

export type DecodeJob = {
	readonly id: number;
	readonly file: string;
	readonly start: number;
	readonly end: number;
	/** When set, hash these [offset, size] ranges of `file` instead of decoding a layer. */
	readonly ranges?: ReadonlyArray<readonly [number, number]>;
};
export type DecodeReply = {
	readonly id: number;
	readonly parsed?: ParsedLayer | undefined;
	readonly digests?: string[];
	readonly error?: string;
};
export type DecodeResult = Omit<DecodeReply, 'id'>;

/**
Decodes compressed layer blobs of a file on worker threads, `limit` of them (2 by default; fewer on fewer cores), so layers
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

	const submit = (job: DecodeJob): Promise<DecodeResult> => {
		if (inline) return runInline(job);
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
		async close() {
			await Promise.all(workers.map(worker => worker.terminate()));
		},
	};
}

async function runInline(job: DecodeJob): Promise<DecodeResult> {
	try {
		if (job.ranges) return {digests: await hashRanges(job.file, job.ranges)};
		return {parsed: await readLayer(createReadStream(job.file, {start: job.start, end: job.end - 1}))};
	} catch (error) {
		return {error: describeProblem(error)};
	}
}
