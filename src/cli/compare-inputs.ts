import type {Analysis} from '../core/analysis-types.js';
import {analyze} from '../core/analyze.js';
import {compareImages} from '../core/compare/compare-images.js';
import type {ImageComparison} from '../core/compare/compare-types.js';
import {finalFiles, type FinalFiles} from '../core/compare/final-files.js';
import {hashNeeds} from '../core/compare/hash-needs.js';
import {InputError} from '../loader/errors.js';
import {hashCopies} from '../loader/fill-digests.js';
import type {LoadedImage} from '../loader/load-image.js';

export type ComparedInputs = {
	readonly comparison: ImageComparison;
	readonly old: Analysis;
	readonly new: Analysis;
	readonly oldFiles: FinalFiles;
	readonly newFiles: FinalFiles;
};

/**
Compares two loaded images: analyses, final filesystems, then a second pass that hashes only the same-size copies
from unshared layers whose content the loader did not hash, then the comparison.
*/
export async function compareLoaded(
	before: {readonly loaded: LoadedImage; readonly spec: string; readonly analysis?: Analysis},
	after: {readonly loaded: LoadedImage; readonly spec: string; readonly analysis?: Analysis},
	depth: number,
): Promise<ComparedInputs> {
	const oldAnalysis = before.analysis ?? before.loaded.analysis ?? analyze(before.loaded.model);
	const newAnalysis = after.analysis ?? after.loaded.analysis ?? analyze(after.loaded.model);
	const oldFiles = finalFiles(before.loaded.model);
	const newFiles = finalFiles(after.loaded.model);
	const needs = hashNeeds(before.loaded.model, oldFiles, after.loaded.model, newFiles);
	const hashed = async (side: {readonly loaded: LoadedImage; readonly spec: string}, list: typeof needs.old) => {
		try {
			return await hashCopies(side.loaded.content, list);
		} catch (error) {
			throw error instanceof InputError && error.input === undefined ? new InputError(error.message, side.spec) : error;
		}
	};
	const oldDigests = await hashed(before, needs.old);
	const newDigests = await hashed(after, needs.new);
	const comparison = compareImages(
		{analysis: oldAnalysis, files: oldFiles, digests: oldDigests},
		{analysis: newAnalysis, files: newFiles, digests: newDigests},
		depth,
	);
	return {comparison, old: oldAnalysis, new: newAnalysis, oldFiles, newFiles};
}
