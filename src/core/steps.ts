/**
Work that can pause: a generator that yields between bounded pieces of work and returns its result. The explorer
runs such work in short slices so that keys are read in between; everything else runs it to the end at once.
*/
export type Steps<T> = Iterator<void, T, undefined>;

/** Units of work (nodes or changes) between two pauses. */
export const stepSize = 2048;

/** Runs work to its end and returns its result. */
export function runSteps<T>(steps: Steps<T>): T {
	for (;;) {
		const step = steps.next();
		if (step.done) return step.value;
	}
}
