import {describeProblem} from './errors.js';
import {indexLayer} from './index-layer.js';
import {layerPacker, type PackedLayer} from './packed-layer.js';
import {openRandomAccess} from './random-access.js';

/** A layer tar that either thread may walk: whoever sets its slot of `claims` first (from 0) walks it. */
export type WalkJob = {readonly claims: SharedArrayBuffer; readonly index: number};

/** The outcome of a walk job: the layer packed, the problem that made it unreadable, or `skipped` (the main thread had it). */
export type Walked = {readonly layer?: PackedLayer; readonly problem?: string; readonly skipped?: true};

/** Claimed by the main thread, or by a helper. */
export const mainClaim = 1;
export const helperClaim = 2;

/**
Claims and walks the layer tar at [start, end) of `file` for the main thread (see `collectSeekable`). An error while
walking is the layer's problem, as on the main thread; failing to open the file is thrown (the main thread then walks
the layer itself).
*/
export async function walkClaimed(file: string, start: number, end: number, job: WalkJob): Promise<Walked> {
	if (Atomics.compareExchange(new Int32Array(job.claims), job.index, 0, helperClaim) !== 0) return {skipped: true};
	const access = await openRandomAccess(file);
	try {
		const packer = layerPacker();
		await indexLayer(access, start, end, packer.add);
		return {layer: packer.done()};
	} catch (error) {
		return {problem: describeProblem(error)};
	} finally {
		await access.close();
	}
}
