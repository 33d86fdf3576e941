import {constants} from 'node:fs';
import {access, readFile} from 'node:fs/promises';
import path from 'node:path';
import {analyze} from '../core/analyze.js';
import {describeProblem, InputError, type ImageChoice} from '../loader/errors.js';
import {openInput, type InputSource} from '../loader/input-source.js';
import {loadImage, type LoadedImage, type LoadProgress} from '../loader/load-image.js';
import {parseCliArgs, type CliOptions} from './args.js';
import {helpText} from './help.js';
import {progressReporter} from './progress.js';
import {runCi} from './run-ci.js';
import {runJson} from './run-json.js';
import {rulesFor, UsageError} from './rules-for.js';

export type Exit = 0 | 1 | 2;

/** The whole command line: returns the exit code; the only place that talks to process streams. */
export async function main(argv: readonly string[]): Promise<Exit> {
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
		process.stderr.write(`layerlens: ${args.message}\nTry 'layerlens --help'.\n`);
		return 2;
	}
	const {options} = args;
	try {
		if (options.json === undefined && !options.ci) {
			// Ink and React load only for the explorer: --json and --ci start in a fraction of the time.
			// Open the input first: a missing file says so, whether or not there is a terminal to draw on.
			const source = await openInput(options.image, process.stdin);
			const {runUi} = await import('./run-ui.js');
			const pick = (choice: ImageChoice | undefined): CliOptions =>
				choice ? {...options, select: {...options.select, ...(choice.image ? {image: choice.image} : {}), ...(choice.platform ? {platform: choice.platform} : {})}} : options;
			return await runUi(options, (onProgress, choice) => load(pick(choice), true, onProgress, source), source.reopenable);
		}
		const evaluateRules = options.json === undefined || options.ciFlag;
		const rules = evaluateRules ? await rulesFor(options) : [];
		if (options.json !== undefined) await checkWritable(options.json);
		const analysis = analyze((await load(options, options.quiet)).model);
		if (options.json === undefined) return runCi(options, analysis, rules);
		await runJson(options, analysis);
		return evaluateRules ? runCi(options, analysis, rules) : 0;
	} catch (error) {
		return fail(options, error);
	}
}

async function load(options: CliOptions, quiet: boolean, onProgress?: (progress: LoadProgress) => void, opened?: InputSource): Promise<LoadedImage> {
	const source = opened ?? (await openInput(options.image, process.stdin));
	const progress = progressReporter(process.stderr, source.display, quiet);
	try {
		return await loadImage(source, {
			...options.select,
			onProgress: event => {
				progress.update(event);
				onProgress?.(event);
			},
		});
	} finally {
		progress.done();
	}
}

export function fail(options: CliOptions, error: unknown): Exit {
	if (error instanceof UsageError) {
		process.stderr.write(`layerlens: ${error.input}: ${error.message}\n`);
		return 2;
	}
	if (error instanceof InputError || isInputish(error)) {
		const input = error instanceof InputError && error.input !== undefined ? error.input : options.image;
		process.stderr.write(`layerlens: ${input}: ${describeProblem(error)}\n`);
		return 2;
	}
	const message = error instanceof Error ? error.message : String(error);
	process.stderr.write(`layerlens: ${options.image}: unexpected error: ${message}\n`);
	if (process.env['LAYERLENS_DEBUG']) process.stderr.write(`${(error as Error).stack ?? ''}\n`);
	return 2;
}

function isInputish(error: unknown): boolean {
	const code = (error as {code?: string} | undefined)?.code;
	return typeof code === 'string' && (code.startsWith('Z_') || code.startsWith('E'));
}

/** Fail before reading a large image when the JSON could not be written anyway. */
async function checkWritable(target: string): Promise<void> {
	if (target === '-') return;
	try {
		await access(path.dirname(path.resolve(target)), constants.W_OK);
	} catch (error) {
		throw new UsageError(target, `cannot write the JSON export (${(error as {code?: string}).code ?? 'not writable'})`);
	}
}

async function version(): Promise<string> {
	const text = await readFile(new URL('../../package.json', import.meta.url), 'utf8');
	return (JSON.parse(text) as {version: string}).version;
}
