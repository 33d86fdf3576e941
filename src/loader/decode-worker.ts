import {createReadStream} from 'node:fs';
import {parentPort} from 'node:worker_threads';
import {describeProblem} from './errors.js';
import {readLayer} from './read-layer.js';
import type {DecodeJob, DecodeReply} from './decode-pool.js';
import {hashRanges} from './hash-ranges.js';
import {readRegistryBlob} from '../registry/blob-job.js';

/** Worker side of the decode pool: decompresses and parses one layer blob, or hashes file ranges, per message. */
parentPort?.on('message', async (job: DecodeJob) => {
	let reply: DecodeReply;
	try {
		if (job.registry) {
			// Progress goes back in batches of at least 1 MB, not per network chunk.
			let pending = 0;
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
			const stream = createReadStream(job.file, {start: job.start, end: job.end - 1, highWaterMark: 128 * 1024});
			reply = {id: job.id, parsed: await readLayer(stream)};
		}
	} catch (error) {
		reply = {id: job.id, error: describeProblem(error)};
	}
	parentPort!.postMessage(reply);
});
