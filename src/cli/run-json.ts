import {createWriteStream} from 'node:fs';
import {once} from 'node:events';
import type {Analysis} from '../core/analysis-types.js';
import type {CliOptions} from './args.js';

/** JSON mode: write the export document to a file (truncated first, unlike dive) or to stdout with `-`. */
export async function runJson(options: CliOptions, analysis: Analysis): Promise<void> {
	const target = options.json!;
	const out = target === '-' ? process.stdout : createWriteStream(target, {flags: 'w'});
	const {model: _model, ...rest} = analysis;
	out.write(`${JSON.stringify(rest, null, 2)}\n`);
	if (out !== process.stdout) {
		(out as ReturnType<typeof createWriteStream>).end();
		await once(out, 'finish');
	}
}
