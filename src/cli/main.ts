import {constants} from 'node:fs';
import {access, readFile} from 'node:fs/promises';
import path from 'node:path';
import type {ImageModel} from '../core/model.js';
import type {Analysis} from '../core/analysis-types.js';
import {describeProblem, InputError, type ImageChoice} from '../loader/errors.js';
import type {InputSource} from '../loader/input-source.js';
import type {LoadedImage, LoadOptions, LoadProgress} from '../loader/load-image.js';
import {parseCliArgs, type CliOptions} from './args.js';
import {helpText} from './help.js';
import {UsageError} from './rules-for.js';
import {displayText} from '../format/display-text.js';
import {errorLine} from './error-line.js';

export type Exit = 0 | 1 | 2;

/** The whole command line: returns the exit code; the only place that talks to process streams. */
export async function main(argv: readonly string[]): Promise<number> {
	if (argv[0] === 'diff') return (await import('./run-diff.js')).runDiff(argv.slice(1));
	if (argv[0] === 'build') return (await import('./run-build.js')).runBuild(argv.slice(1), process.env, main);
	const args = parseCliArgs(argv, process.env);
	if (args.kind === 'help') {
		process.stdout.write(helpText);
		return 0;
	}
	if (args.kind === 'version') {
		process.stdout.write(`${await version()}\n`);
		return 0;
	}
	if (args.kind === 'error') {
		process.stderr.write(`layerlens: ${displayText(args.message)}\nTry 'layerlens --help'.\n`);
		return 2;
	}
	const {options} = args;
	try {
		if (options.json === undefined && options.html === undefined && !options.ci && options.save === undefined) {
			// Ink and React load only for the explorer: --json and --ci start in a fraction of the time.
			// Open the input first: a missing file says so, whether or not there is a terminal to draw on.
			const source = await (await import('./run-image.js')).openSource(options, process.stdin);
			const {runUi} = await import('./run-ui.js');
			const pick = (choice: ImageChoice | undefined): CliOptions =>
				choice ? {...options, select: {...options.select, ...(choice.image ? {image: choice.image} : {}), ...(choice.platform ? {platform: choice.platform} : {})}} : options;
			// A saved analysis comes back once its first screen's part is read: the explorer reads the rest after that screen.
			return await runUi(options, (onProgress, choice, onLayer) => load(pick(choice), true, onProgress, source, onLayer, true), source.reopenable);
		}
		const evaluateRules = (options.json === undefined && options.html === undefined) || options.ciFlag;
		// The gate (its config reading, globs and reporters) loads only when rules are evaluated.
		const gate = evaluateRules ? await import('./gate.js') : undefined;
		const rules = gate ? await gate.gateFor(options, line => process.stderr.write(`${displayText(line)}\n`)) : [];
		if (options.json !== undefined) await checkWritable(options.json);
		if (options.html !== undefined) await checkWritable(options.html, 'the HTML report');
		await gate?.checkReportTargets(options);
		// The HTML report, --save and --baseline load their modules only when asked for (start-up of --json and --ci).
		if (options.baseline !== undefined) (await import('./run-baseline.js')).checkBaselineUsage(options);
		const loaded = await load(options, options.quiet);
		const analysis = options.save === undefined ? (loaded.analysis ?? (await analyzeModel(loaded.model))) : await (await import('./run-save.js')).saveAnalysis(options, loaded);
		if (options.html !== undefined) await (await import('./run-html.js')).runHtml(options, analysis, gate ? rules : undefined, await version());
		if (options.json === undefined && options.html === undefined && !options.ci) return 0;
		const baseline = gate ? await (await import('./run-baseline.js')).baselineComparison(options, loaded, analysis, rules, line => process.stderr.write(`${displayText(line)}\n`)) : undefined;
		if (options.json !== undefined) await (await import('./run-image.js')).runJson(options, analysis);
		return gate ? await gate.runGate(options, analysis, rules, await version(), process.env, baseline) : 0;
	} catch (error) {
		return fail(options, error);
	}
}

// The loader, the analysis and the JSON writer load when a run reaches them (dynamic imports), not with the program:
// `--version`, `--help` and a usage error compile none of them.
async function load(options: CliOptions, quiet: boolean, onProgress?: (progress: LoadProgress) => void, opened?: InputSource, onLayer?: LoadOptions['onLayer'], early = false): Promise<LoadedImage> {
	return (await import('./run-image.js')).loadAnyImage(options.image, {...options, quiet, early}, onProgress, opened, onLayer);
}

async function analyzeModel(model: ImageModel): Promise<Analysis> {
	const {analyze, hintsDisabled} = await import('./run-image.js');
	return analyze(model, {hints: !hintsDisabled});
}

export function fail(options: CliOptions, error: unknown): Exit {
	if (error instanceof UsageError) {
		process.stderr.write(errorLine(error.input, error.message));
		return 2;
	}
	if (error instanceof InputError || isInputish(error)) {
		const input = error instanceof InputError && error.input !== undefined ? error.input : inputName(options.image);
		process.stderr.write(errorLine(input, describeProblem(error)));
		return 2;
	}
	const message = error instanceof Error ? error.message : String(error);
	process.stderr.write(errorLine(inputName(options.image), `unexpected error: ${message}`));
	if (process.env['LAYERLENS_DEBUG']) process.stderr.write(`${(error as Error).stack ?? ''}\n`);
	return 2;
}

/** zlib's codes and the system's errno codes (ENOENT, EACCES, EISDIR…) come from the input; Node's own ERR_* are our bugs. */
export function isInputish(error: unknown): boolean {
	const code = (error as {code?: string} | undefined)?.code;
	return typeof code === 'string' && (code.startsWith('Z_') || /^E[A-Z0-9]+$/.test(code));
}

/** How an input is named in messages: stdin as `stdin`, as the progress line names it. */
export function inputName(image: string): string {
	return image === '-' ? 'stdin' : image;
}

/** Fail before reading a large image when the JSON could not be written anyway. */
async function checkWritable(target: string, what = 'the JSON export'): Promise<void> {
	if (target === '-') return;
	try {
		await access(path.dirname(path.resolve(target)), constants.W_OK);
	} catch (error) {
		throw new UsageError(target, `cannot write ${what} (${(error as {code?: string}).code ?? 'not writable'})`);
	}
}

async function version(): Promise<string> {
	const text = await readFile(new URL('../../package.json', import.meta.url), 'utf8');
	return (JSON.parse(text) as {version: string}).version;
}
