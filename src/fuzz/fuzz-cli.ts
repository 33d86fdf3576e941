import {existsSync, readdirSync, statSync} from 'node:fs';
import path from 'node:path';
import {runFuzz} from './run-fuzz.js';

/** `npm run fuzz -- [--seed N] [--iterations N] [--concurrency N] [--keep DIR] [--fixtures DIR]` */
const args = process.argv.slice(2);
const value = (flag: string, fallback: string) => {
	const at = args.indexOf(flag);
	return at === -1 ? fallback : (args[at + 1] ?? fallback);
};
const seed = Number(value('--seed', String(Date.now() % 100000)));
const iterations = Number(value('--iterations', '300'));
const fixtures = value('--fixtures', '../shared/fixtures');
// Small archives of the shared fixtures (when present) join the generated seeds.
const seedFiles = existsSync(fixtures)
	? readdirSync(fixtures, {recursive: true})
			.map(name => path.join(fixtures, String(name)))
			.filter(name => /\.tar(\.gz)?$/.test(name) && statSync(name).size < 4 * 1024 * 1024)
			.sort()
	: [];
console.log(`fuzz: seed ${seed}, ${iterations} iterations, ${4 + seedFiles.length} seed archives`);
const result = await runFuzz({
	seed,
	iterations,
	concurrency: Number(value('--concurrency', '2')),
	keepDir: value('--keep', 'test/fuzz-cases'),
	seedFiles,
	log: line => console.log(line),
});
console.log(`fuzz: ${result.iterations} iterations, ${result.findings.length} findings (seed ${seed})`);
process.exitCode = result.findings.length === 0 ? 0 : 1;
