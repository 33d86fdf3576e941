import {readFile, stat} from 'node:fs/promises';
import path from 'node:path';
import type {Analysis} from '../core/analysis-types.js';
import {analyze} from '../core/analyze.js';
import {formatComma, humanizeBytes} from '../format/humanize-bytes.js';
import {InputError} from '../loader/errors.js';
import {withAllDigests} from '../loader/fill-digests.js';
import type {LoadedImage} from '../loader/load-image.js';
import {recordedSource} from '../saved/read-saved.js';
import {savedSourceOf, writeSaved} from '../saved/write-saved.js';
import type {CliOptions} from './args.js';
import {UsageError} from './rules-for.js';
import {displayText} from '../format/display-text.js';

/**
`--save PATH`: completes the content digests (so the file can be compared without the archive), analyses the
completed model, writes the saved analysis, and returns that analysis for whatever else runs (--json, --ci).
*/
export async function saveAnalysis(options: CliOptions, loaded: LoadedImage): Promise<Analysis> {
	const target = options.save!;
	const model = await withAllDigests(loaded.model, loaded.content).catch((error: unknown) => {
		throw error instanceof InputError && error.input === undefined ? new InputError(error.message, options.image) : error;
	});
	const analysis = model === loaded.model && loaded.analysis ? loaded.analysis : analyze(model);
	// A saved analysis saved again (schema 1 to 2) keeps the original archive's place.
	const source = recordedSource(model) ?? (await savedSourceOf(loaded.source, loaded.locations));
	try {
		await writeSaved(target, analysis, source, `layerlens ${await version()}`);
	} catch (error) {
		throw new UsageError(target, `cannot write the saved analysis (${(error as {code?: string}).code ?? (error as Error).message})`);
	}
	if (!options.quiet) {
		const entries = model.layers.reduce((sum, layer) => sum + layer.entries.length, 0);
		const {size} = await stat(target);
		process.stderr.write(`Saved the analysis of ${displayText(loaded.source?.display ?? options.image)} to ${displayText(path.normalize(target))} (${model.layers.length} layers, ${formatComma(entries)} entries, ${humanizeBytes(size)})\n`);
	}
	return analysis;
}

async function version(): Promise<string> {
	const text = await readFile(new URL('../../package.json', import.meta.url), 'utf8');
	return (JSON.parse(text) as {version: string}).version;
}
