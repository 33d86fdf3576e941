import {parentPort} from 'node:worker_threads';
import {describeProblem} from './errors.js';
import type {DecodeJob, DecodeReply} from './decode-pool.js';
import {hashRanges} from './hash-ranges.js';
import {decodeBlob} from './decode-blob.js';

/** Worker side of the decode pool: decompresses and parses one layer blob, or hashes file ranges, per message. */
parentPort?.on('message', async (job: DecodeJob) => {
	let reply: DecodeReply;
	try {
		if (job.registry) {
			// Progress goes back in batches of at least 1 MB, not per network chunk.
			let pending = 0;
			// Each job kind loads only its own modules: a worker that only hashes never loads tar-stream or the registry client.
			const {readRegistryBlob} = await import('../registry/blob-job.js');
			const parsed = await readRegistryBlob(job.registry, count => {
				pending += count;
				if (pending < 1024 * 1024) return;
				parentPort!.postMessage({id: job.id, bytes: pending});
				pending = 0;
			});
			if (pending > 0) parentPort!.postMessage({id: job.id, bytes: pending});
			reply = {id: job.id, parsed};
		} else if (job.ranges) {
			reply = {id: job.id, digests: await hashRanges(job.file, job.ranges)};
		} else {
			reply = {id: job.id, parsed: await decodeBlob(job.file, job.start, job.end)};
		}
	} catch (error) {
		reply = {id: job.id, error: describeProblem(error)};
	}
	parentPort!.postMessage(reply);
});
