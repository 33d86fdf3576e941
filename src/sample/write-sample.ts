import path from 'node:path';
import {writeSampleArchive} from './sample-image.js';

/** `node build/sample/write-sample.js <out.tar>`: the bundled sample, as Docker 25+ `docker save` with gzip layers. */
async function run(argv: readonly string[]): Promise<number> {
	const out = argv[0];
	if (!out || argv.length > 1) {
		process.stderr.write('usage: node build/sample/write-sample.js <out.tar>\n');
		return 2;
	}
	const target = path.resolve(out);
	await writeSampleArchive(target, path.dirname(target));
	return 0;
}

try {
	process.exitCode = await run(process.argv.slice(2));
} catch (error) {
	process.stderr.write(`write-sample: ${error instanceof Error ? error.message : String(error)}\n`);
	process.exitCode = 1;
}
