import {toDiffDocument} from '../export/diff-json.js';
import {renderDiffText} from '../export/diff-text.js';
import {writeJsonTarget} from './run-json.js';
import {describeProblem, InputError} from '../loader/errors.js';
import {compareLoaded} from './compare-inputs.js';
import {diffHelpText, parseDiffArgs, type DiffOptions} from './diff-args.js';
import {openAnyImage} from './open-image.js';
import {UsageError} from './rules-for.js';
import {displayText} from '../format/display-text.js';
import {errorLine} from './error-line.js';

/** `layerlens diff OLD NEW`: returns the exit code (0 same or no --exit-code, 1 differ with --exit-code, 2 error). */
export async function runDiff(argv: readonly string[]): Promise<0 | 1 | 2> {
	const args = parseDiffArgs(argv);
	if (args.kind === 'help') {
		process.stdout.write(diffHelpText);
		return 0;
	}
	if (args.kind === 'error') {
		process.stderr.write(`layerlens: ${displayText(args.message)}\nTry 'layerlens diff --help'.\n`);
		return 2;
	}
	const {options} = args;
	try {
		const before = await openAnyImage(options.old, {select: options.oldSelect, quiet: options.quiet});
		const after = await openAnyImage(options.new, options);
		const {comparison} = await compareLoaded({loaded: before, spec: options.old}, {loaded: after, spec: options.new}, options.depth);
		const inputs = {old: options.old, new: options.new};
		if (options.json === undefined) {
			process.stdout.write(`${renderDiffText(comparison, inputs, {width: process.stdout.columns ?? 100})}\n`);
		} else {
			await writeDiffJson(options, toDiffDocument(comparison, inputs));
		}
		return options.exitCode && comparison.differ ? 1 : 0;
	} catch (error) {
		if (error instanceof UsageError || error instanceof InputError) {
			process.stderr.write(errorLine(error.input ?? options.new, error.message));
		} else {
			process.stderr.write(errorLine(options.new, describeProblem(error)));
		}
		return 2;
	}
}

function writeDiffJson(options: DiffOptions, document: object): Promise<void> {
	return writeJsonTarget(options.json!, document, 'the JSON');
}
