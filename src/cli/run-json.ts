import {createWriteStream} from 'node:fs';
import {once} from 'node:events';
import type {Analysis} from '../core/analysis-types.js';
import {toDiveExport} from '../export/dive-export.js';
import {writeExport} from '../export/write-export.js';
import type {CliOptions} from './args.js';
import {UsageError} from './rules-for.js';

/** JSON mode: stream the export document to a file (truncated first, unlike dive) or to stdout with `-`. */
export async function runJson(options: CliOptions, analysis: Analysis): Promise<void> {
	await writeJsonTarget(options.json!, toDiveExport(analysis), 'the JSON export');
}

/** Streams a JSON document to a file (truncated first) or to stdout with `-`; `what` names it in the error line. */
export async function writeJsonTarget(target: string, document: object, what: string): Promise<void> {
	if (target === '-') {
		try {
			await writeExport(document, process.stdout);
		} catch (error) {
			// A reader that stops early (`| head`) is not an error of ours.
			if ((error as {code?: string}).code !== 'EPIPE') throw error;
		}
		return;
	}
	const out = createWriteStream(target, {flags: 'w'});
	try {
		await once(out, 'open');
		await writeExport(document, out);
		out.end();
		await once(out, 'finish');
	} catch (error) {
		out.destroy();
		const code = (error as {code?: string}).code;
		throw new UsageError(target, `cannot write ${what} (${code ?? (error as Error).message})`);
	}
}
