import {execFileSync, spawnSync} from 'node:child_process';
import {existsSync} from 'node:fs';
import {mkdir, mkdtemp, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {captureToSvg} from './ansi-to-svg.js';
import {takeReportScreenshots} from './report-screenshots.js';

/**
`npm run screenshots`: runs the built layerlens on dive's test image in a real terminal (tmux), drives it with keys,
captures each screen with its colours (`capture-pane -e`), and renders it to PNG (SVG → rsvg-convert, DejaVu Sans
Mono). Installs tmux, librsvg2-bin and the font with apt-get when they are missing.
*/

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const fixtures = process.env['LAYERLENS_FIXTURES'] ?? path.resolve(repoRoot, '../shared/fixtures');
const image = path.join(fixtures, 'dive', 'test-docker-image.tar');
const outDir = path.join(repoRoot, 'screenshots');
const columns = 132;
const rows = 38;
const socket = `layerlens-shots-${process.pid}`;

type Step = string | {readonly type: string} | {readonly wait: number};

type Shot = {readonly name: string; readonly title: string; readonly steps: readonly Step[]; readonly ready: string};

const shots: readonly Shot[] = [
	{
		name: 'layers-and-tree',
		title: 'Layer 6 selected: its changes in the file tree',
		steps: ['Down', 'Down', 'Down', 'Down', 'Down', 'Down', 'Tab', 'Space', 'Tab'],
		ready: 'Layer 6 details',
	},
	{
		name: 'aggregated-removed',
		title: 'Aggregated mode at the last layer: /root/example removed, still shown',
		steps: ['End', 'C-a', 'Tab', 'Space', 'Down', 'Down', 'Down', 'Down', 'Down', 'Down', 'Down', 'Down', 'Down', 'Down', 'Down', 'Down', 'Down', 'Down', 'Down', 'Down', 'Down'],
		ready: 'Aggregated Layer Contents',
	},
	{
		name: 'layer-hidden-files',
		title: 'Layer 4 details: the reclaimable bytes it stores, each file a later layer hides (Enter shows it in the tree)',
		steps: ['Down', 'Down', 'Down', 'Down', 'l'],
		ready: 'hidden later',
	},
	{
		name: 'image-details-wasted',
		title: 'Image details: efficiency, wasted bytes and the files that waste them',
		steps: ['l', 'l', 'Down', 'Enter', 'Tab', 'l', 'l'],
		ready: 'wasted',
	},
	{
		name: 'file-history',
		title: 'File history: every layer that touched /root/example/somefile1.txt',
		steps: ['End', 'C-a', 'Tab', '/', {type: 'somefile1'}, 'Enter', 'Down', 'Down', 'Down', 'i'],
		ready: 'History of',
	},
	{
		name: 'filter',
		title: 'Filtering the tree by a path regex',
		steps: ['End', 'C-a', 'Tab', '/', {type: 'saved'}],
		ready: 'Path filter',
	},
];

function tmux(...args: string[]): string {
	return execFileSync('tmux', ['-L', socket, ...args], {encoding: 'utf8'});
}

function have(command: string): boolean {
	return spawnSync('sh', ['-c', `command -v ${command}`], {stdio: 'ignore'}).status === 0;
}

/** apt-get installs what the pipeline needs (not needed by the tests or CI). */
function ensureTools(): void {
	const needed: string[] = [];
	if (!have('tmux')) needed.push('tmux');
	if (!have('rsvg-convert')) needed.push('librsvg2-bin');
	if (!existsSync('/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf')) needed.push('fonts-dejavu-core');
	if (needed.length === 0) return;
	console.log(`installing ${needed.join(', ')} with apt-get`);
	const env = {...process.env, DEBIAN_FRONTEND: 'noninteractive'};
	const sudo = process.getuid?.() === 0 ? [] : ['sudo'];
	const run = (args: string[]) => execFileSync(sudo[0] ?? args[0]!, sudo.length ? args : args.slice(1), {stdio: 'inherit', env});
	run(['apt-get', 'update', '-qq']);
	run(['apt-get', 'install', '-y', '-qq', ...needed]);
}

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

/** Waits for `text`, and for the image to be read whole (the panes open on its first layer, `Reading…` until then). */
async function waitFor(text: string, timeoutMs = 15_000): Promise<void> {
	const start = Date.now();
	for (let shown = tmux('capture-pane', '-p', '-t', 'shot'); !shown.includes(text) || shown.includes('Reading…'); shown = tmux('capture-pane', '-p', '-t', 'shot')) {
		if (Date.now() - start > timeoutMs) throw new Error(`the screen never showed "${text}"`);
		await sleep(50);
	}
}

async function take(shot: Shot): Promise<string> {
	tmux('-f', '/dev/null', 'new-session', '-d', '-s', 'shot', '-x', String(columns), '-y', String(rows), '-c', repoRoot, '-e', 'TERM=xterm-256color', '-e', 'COLORTERM=truecolor', `node bin/layerlens.js '${image}'; sleep 30`);
	try {
		tmux('set-option', '-t', 'shot', 'status', 'off');
		await waitFor('Current Layer Contents');
		for (const step of shot.steps) {
			if (typeof step === 'string') tmux('send-keys', '-t', 'shot', step);
			else if ('type' in step) tmux('send-keys', '-t', 'shot', '-l', step.type);
			else await sleep(step.wait);
			await sleep(60);
		}
		await waitFor(shot.ready);
		await sleep(300);
		return tmux('capture-pane', '-p', '-e', '-t', 'shot');
	} finally {
		tmux('kill-server');
	}
}

async function main(): Promise<void> {
	if (!existsSync(image)) throw new Error(`dive's test image is needed at ${image} (set LAYERLENS_FIXTURES)`);
	if (!existsSync(path.join(repoRoot, 'build', 'cli', 'main.js'))) throw new Error('build first: npm run build');
	ensureTools();
	await mkdir(outDir, {recursive: true});
	const work = await mkdtemp(path.join(tmpdir(), 'layerlens-shots-'));
	try {
		for (const shot of shots) {
			const capture = await take(shot);
			const svgPath = path.join(work, `${shot.name}.svg`);
			await writeFile(svgPath, captureToSvg(capture, columns, rows, `layerlens — ${shot.title}`));
			execFileSync('rsvg-convert', ['-o', path.join(outDir, `${shot.name}.png`), svgPath]);
			console.log(`screenshots/${shot.name}.png`);
		}
		for (const file of await takeReportScreenshots(repoRoot, outDir)) console.log(path.relative(repoRoot, file));
	} finally {
		await rm(work, {recursive: true, force: true});
	}
}

main().catch((error: unknown) => {
	console.error(`screenshots: ${error instanceof Error ? error.message : String(error)}`);
	process.exitCode = 1;
});
