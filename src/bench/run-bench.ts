import {spawnSync} from 'node:child_process';
import {existsSync} from 'node:fs';
import {rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {fileURLToPath, pathToFileURL} from 'node:url';
import {ensureBenchImages, type BenchImages} from './bench-cache.js';
import {median, repeat, timeCommand, timeWithRss, type Run} from './measure.js';
import {printTable, type CaseResult} from './report.js';
import type {Latency, UiLatency} from './ui-latency.js';
import {measureRegistry, printRegistryBench} from './registry-bench.js';
import {measureHintCost, printHintCost} from './hint-cost.js';
import {measureStartUp, printStartUp} from './start-up.js';

const usage = `usage: npm run bench -- [options]
  --dir <path>    cache directory for the generated images (default: $TMPDIR/layerlens-bench)
  --scale <n>     size factor for the generated images (default 1: ≥ 2 GiB, ≥ 200,000 files)
  --runs <n>      timed runs per measurement, median reported (default 3)
  --regen         regenerate the images even if a cached set exists
  --clean         delete the generated images when done
  --only saved    measure only the saved analysis (save once, reopen against the archive)
  --only ui       measure only the explorer (in-process keypress to frame, layer switch, and the real terminal)
  --only start    measure only the start-up (--version, --json and --ci on the small sample image, against node -e 0)
  --only hints    measure only the hint cost (--json with hints against LAYERLENS_NO_HINTS=1)
`;

type Options = {dir: string; scale: number; runs: number; regen: boolean; clean: boolean; only?: 'saved' | 'ui' | 'start' | 'hints'};

function parseArgs(argv: readonly string[]): Options {
	const options: Options = {dir: path.join(tmpdir(), 'layerlens-bench'), scale: 1, runs: 3, regen: false, clean: false};
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i];
		const value = () => {
			const next = argv[++i];
			if (next === undefined) throw new Error(`${arg} needs a value`);
			return next;
		};
		if (arg === '--dir') options.dir = path.resolve(value());
		else if (arg === '--scale') options.scale = Number(value());
		else if (arg === '--runs') options.runs = Number(value());
		else if (arg === '--regen') options.regen = true;
		else if (arg === '--clean') options.clean = true;
		else if (arg === '--only') {
			const only = value();
			if (only !== 'ui' && only !== 'saved' && only !== 'start' && only !== 'hints') throw new Error(`--only takes ui, saved, start or hints\n${usage}`);
			options.only = only;
		} else throw new Error(`unknown option ${arg}\n${usage}`);
	}
	if (!(options.scale > 0) || !(options.runs >= 1)) throw new Error(`--scale and --runs must be positive\n${usage}`);
	return options;
}

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const cli = path.join(repoRoot, 'bin/layerlens.js');
const log = (line: string) => process.stderr.write(`${line}\n`);

type Case = {
	name: string;
	archive: string;
	floorLabel: string;
	floor: [string, string[]];
	/** The files the floor reads: warmed with the archive, so that both read from the page cache. */
	floorFiles: readonly string[];
	maxRatio: number;
	maxRssMb: number;
	/** An absolute time target as well (the ratio then only reports). */
	maxSeconds?: number;
	/** Why the case cannot run here (a floor's tool is missing). */
	skip?: string;
};

/** `tar -tf` on each file in turn, output discarded: the cost of merely listing the entries. */
const tarList = (files: readonly string[]): [string, string[]] => ['sh', ['-c', 'for f do tar -tf "$f" || exit 1; done', 'sh', ...files]];

function hasCommand(command: string): boolean {
	return spawnSync('sh', ['-c', `command -v ${command}`], {stdio: 'ignore'}).status === 0;
}

function cases(images: BenchImages): Case[] {
	const size = `${(images.bigUncompressedBytes / 1e9).toFixed(images.bigUncompressedBytes >= 1e9 ? 1 : 2)} GB`;
	const zstd = hasCommand('zstd') ? {} : {skip: 'the zstd command is not installed (apt-get install zstd): no floor'};
	return [
		{name: `${size}, uncompressed layers`, archive: images.big, floorLabel: 'cat', floor: ['cat', [images.big]], floorFiles: [images.big], maxRatio: 1.2, maxRssMb: 300},
		{name: `${size}, gzip layers`, archive: images.bigGzip, floorLabel: 'gzip -dc layers', floor: ['gzip', ['-dc', ...images.gzipLayers]], floorFiles: images.gzipLayers, maxRatio: 1.5, maxRssMb: 300},
		{name: `${size}, zstd layers`, archive: images.bigZstd, floorLabel: 'zstd -dc layers', floor: ['zstd', ['-dcq', ...images.zstdLayers]], floorFiles: images.zstdLayers, maxRatio: 1.2, maxRssMb: 150, ...zstd},
		{name: `${size}, whole archive gzip`, archive: images.bigTarGz, floorLabel: 'gzip -dc', floor: ['gzip', ['-dc', images.bigTarGz]], floorFiles: [images.bigTarGz], maxRatio: 1.5, maxRssMb: 300},
		{name: `${Math.round(images.manyFileEntries / 1000)}k files, uncompressed`, archive: images.many, floorLabel: 'tar -tf layers', floor: tarList(images.manyLayers), floorFiles: images.manyLayers, maxRatio: 2, maxRssMb: 250},
		{
			name: `${images.millionEntries.toLocaleString('en-US')} entries in one layer`,
			archive: images.million,
			floorLabel: 'tar -tf layer',
			floor: tarList(images.millionLayers),
			floorFiles: images.millionLayers,
			maxRatio: Number.POSITIVE_INFINITY,
			maxSeconds: 8,
			maxRssMb: 600,
		},
	];
}

async function measureCase(spec: Case, runs: number, cliReady: boolean): Promise<CaseResult> {
	if (spec.skip !== undefined) return {...spec, floorSeconds: Number.NaN, error: `skipped: ${spec.skip}`};
	// Warm the page cache so that every run reads from memory: the archive, and the files the floor reads (a floor read
	// from disk made the 235k-file image's ratio look twice as good in one run as in the next).
	await timeCommand('cat', [...new Set([...spec.floorFiles, spec.archive])]);
	const floor = await repeat(runs, () => timeCommand(...spec.floor));
	const failed = (run: Run) => run.code !== 0;
	if (floor.some(failed)) throw new Error(`floor ${spec.floor.join(' ')} failed: ${floor.find(failed)?.stderr}`);
	const result: CaseResult = {...spec, floorSeconds: median(floor.map((run) => run.seconds))};
	if (!cliReady) return result;
	const tool = await repeat(runs, () => timeWithRss(cli, ['--json', '/dev/null', spec.archive]));
	const failure = tool.find(failed);
	if (failure) return {...result, error: `exit ${failure.code}: ${failure.stderr.trim().split('\n').at(-1) ?? ''}`};
	return {
		...result,
		toolSeconds: median(tool.map((run) => run.seconds)),
		rssMb: Math.max(...tool.map((run) => run.rssMb ?? Number.NaN)),
	};
}

async function uiLatency(images: BenchImages): Promise<void> {
	// The bundle of build/bench/ui-latency.js that bin/bundle.js writes as it writes the product's: the same Ink, React
	// build and frame builder (our Output in place of Ink's) that bin/layerlens.js runs.
	const helper = path.join(repoRoot, 'build/bench/bundle/ui-latency.js');
	if (!existsSync(helper)) {
		log('UI keypress-to-frame: build/bench/bundle/ui-latency.js not built (npm run build); skipped');
		return;
	}
	const {measureUiLatency} = (await import(pathToFileURL(helper).href)) as {
		measureUiLatency: (image: string) => Promise<UiLatency>;
	};
	const figures = await measureUiLatency(images.many);
	const line = (what: string, latency: Latency, target: number) =>
		console.log(
			`${what}: ${latency.samples} samples, p50 ${latency.p50Ms.toFixed(1)} ms, p95 ${latency.p95Ms.toFixed(1)} ms, ` +
				`max ${latency.maxMs.toFixed(1)} ms (target p95 ≤ ${target} ms: ${latency.p95Ms <= target ? 'PASS' : 'FAIL'})`,
		);
	console.log(
		`\nUI on the ${Math.round(images.manyFileEntries / 1000)}k-file image (${figures.treeRows} rows in the last layer's tree; ` +
			'in process, the bundled explorer as bin/layerlens.js runs it, 160x48, every frame drawn):',
	);
	console.log(`  mount to the first layer's tree drawn (switches start after it): ${figures.firstTreeMs.toFixed(1)} ms`);
	line('  keypress to frame in the tree', figures, 30);
	line('  layer switch, key to the new selection drawn', figures.layerSwitch, 50);
	line('  layer switch, key to the new layer\'s tree drawn', figures.layerTree, 50);
}

async function savedAnalysis(images: BenchImages, runs: number): Promise<void> {
	const {measureReopen, printReopen} = await import('./reopen-bench.js');
	log('measuring: saved analysis');
	try {
		printReopen(await measureReopen(cli, images.many, runs), images.manyFileEntries, runs);
	} catch (error) {
		log(`saved analysis: ${error instanceof Error ? error.message : String(error)}`);
	}
}

async function terminalLatency(images: BenchImages): Promise<void> {
	const {measureTerminalLatency} = await import('./terminal-latency.js');
	try {
		const figures = await measureTerminalLatency(cli, images.many);
		const verdict = figures.p95Ms <= 16 ? 'PASS' : 'FAIL';
		console.log(
			`Keypress to changed screen in a real terminal (tmux, ${Math.round(images.manyFileEntries / 1000)}k-file image): ${figures.samples} samples, ` +
				`p50 ${figures.p50Ms.toFixed(1)} ms, p95 ${figures.p95Ms.toFixed(1)} ms, max ${figures.maxMs.toFixed(1)} ms (target p95 ≤ 16 ms: ${verdict})`,
		);
	} catch (error) {
		log(`terminal latency: skipped (${error instanceof Error ? error.message.split('\n')[0] : String(error)}; it needs tmux)`);
	}
}

async function hintCost(images: BenchImages, runs: number): Promise<void> {
	log('measuring: hint cost');
	const hintImages = [
		{name: `${Math.round(images.manyFileEntries / 1000)}k files`, archive: images.many},
		{name: `${(images.bigUncompressedBytes / 1e9).toFixed(1)} GB uncompressed`, archive: images.big, short: true},
	];
	// Both read from the page cache, as in the table above.
	await timeCommand('cat', hintImages.map(image => image.archive));
	printHintCost(await measureHintCost(cli, hintImages, runs));
}

async function run(argv: readonly string[]): Promise<number> {
	const options = parseArgs(argv);
	const started = Date.now();
	const images = await ensureBenchImages(options.dir, options.scale, options.regen, log);
	const cliReady = existsSync(path.join(repoRoot, 'build/cli/main.js'));
	if (options.only === 'ui') {
		await uiLatency(images);
		await terminalLatency(images);
		log(`bench finished in ${((Date.now() - started) / 1000).toFixed(0)} s`);
		return 0;
	}
	if (!cliReady) log('layerlens is not built (build/cli/main.js missing): measuring the floors only');
	if (options.only === 'saved') {
		if (cliReady) await savedAnalysis(images, options.runs);
		return 0;
	}
	// Start-up runs are short and noisy: many more runs than the big images get.
	const startUpRuns = Math.max(20, options.runs * 7);
	if (options.only === 'start') {
		if (cliReady) printStartUp(await measureStartUp(cli, images.dir, startUpRuns));
		return 0;
	}
	if (options.only === 'hints') {
		if (cliReady) await hintCost(images, options.runs);
		return 0;
	}
	const results: CaseResult[] = [];
	for (const spec of cases(images)) {
		log(`measuring: ${spec.name}`);
		results.push(await measureCase(spec, options.runs, cliReady));
	}
	console.log(
		`\nlayerlens bench: big image ${(images.bigUncompressedBytes / 1e9).toFixed(2)} GB uncompressed in ${images.bigLayers} layers; ` +
			`many-files image ${images.manyFileEntries} files; median of ${options.runs} runs; node ${process.version}`,
	);
	console.log(`command: bin/layerlens.js --json /dev/null <image>   (as installed: the shebang's node flags apply; images in ${images.dir})\n`);
	printTable(results);
	if (cliReady) {
		log('measuring: start-up');
		printStartUp(await measureStartUp(cli, images.dir, startUpRuns));
		await hintCost(images, options.runs);
	}
	await uiLatency(images);
	if (cliReady) await savedAnalysis(images, options.runs);
	if (cliReady) printRegistryBench(await measureRegistry(images, options.runs, log), options.runs);
	await terminalLatency(images);
	if (options.clean) await rm(images.dir, {recursive: true, force: true});
	log(`bench finished in ${((Date.now() - started) / 1000).toFixed(0)} s`);
	return results.every((result) => result.error === undefined) ? 0 : 1;
}

try {
	process.exitCode = await run(process.argv.slice(2));
} catch (error) {
	process.stderr.write(`bench: ${error instanceof Error ? error.message : String(error)}\n`);
	process.exitCode = 2;
}
