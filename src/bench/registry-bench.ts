import {spawn, spawnSync} from 'node:child_process';
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import net from 'node:net';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {fileURLToPath, pathToFileURL} from 'node:url';
import {ensureBenchImages, type BenchImages} from './bench-cache.js';
import {median, repeat, timeWithRss, type Run} from './measure.js';

const cli = path.join(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..'), 'bin/layerlens.js');

/** Registry vs archive on the big gzip image: `--json` times and peak RSS, or why the case was skipped. */
export type RegistryBench =
	| {readonly skipped: string}
	| {readonly archiveSeconds: number; readonly registrySeconds: number; readonly archiveRssMb: number; readonly registryRssMb: number; readonly pushSeconds: number; readonly reference: string};

const hasCommand = (name: string) => spawnSync('sh', ['-c', `command -v ${name}`]).status === 0;

/**
Pushes the big gzip-layer image to Debian's docker-registry on 127.0.0.1 (temporary storage, stopped by PID when
done) and times `layerlens --json /dev/null` reading it from there against reading the same image's archive.
*/
export async function measureRegistry(images: BenchImages, runs: number, log: (line: string) => void): Promise<RegistryBench> {
	if (!hasCommand('docker-registry') || !hasCommand('skopeo')) return {skipped: 'docker-registry or skopeo is not installed (apt-get install docker-registry skopeo)'};
	const root = mkdtempSync(path.join(tmpdir(), 'layerlens-bench-registry-'));
	const port = await freePort();
	const host = `127.0.0.1:${port}`;
	const config = path.join(root, 'config.yml');
	writeFileSync(config, `version: 0.1\nlog:\n  level: error\n  accesslog:\n    disabled: true\nstorage:\n  filesystem:\n    rootdirectory: ${path.join(root, 'storage')}\nhttp:\n  addr: ${host}\n`);
	const registry = spawn('docker-registry', ['serve', config], {stdio: 'ignore'});
	try {
		await waitFor(host);
		const reference = `${host}/bench/big:latest`;
		log(`registry: pushing ${images.bigGzip} to ${reference}`);
		const t0 = Date.now();
		const pushed = spawnSync('skopeo', ['copy', '--quiet', '--dest-tls-verify=false', `oci-archive:${images.bigGzip}`, `docker://${reference}`], {encoding: 'utf8', env: {...process.env, HOME: root}});
		if (pushed.status !== 0) throw new Error(`skopeo copy failed: ${pushed.stderr}`);
		const pushSeconds = (Date.now() - t0) / 1000;
		const time = async (input: string) => {
			const runsDone = await repeat(runs, () => timeWithRss(cli, ['--json', '/dev/null', input]));
			const failed = runsDone.find((run: Run) => run.code !== 0);
			if (failed) throw new Error(`layerlens ${input} failed: ${failed.stderr.trim().split('\n').at(-1) ?? ''}`);
			return {seconds: median(runsDone.map(run => run.seconds)), rssMb: Math.max(...runsDone.map(run => run.rssMb ?? Number.NaN))};
		};
		log('registry: measuring the archive');
		const archive = await time(images.bigGzip);
		log('registry: measuring the registry');
		const fromRegistry = await time(`registry://${reference}`);
		return {archiveSeconds: archive.seconds, registrySeconds: fromRegistry.seconds, archiveRssMb: archive.rssMb, registryRssMb: fromRegistry.rssMb, pushSeconds, reference};
	} finally {
		if (registry.pid !== undefined && registry.exitCode === null) {
			const closed = new Promise(resolve => registry.once('close', resolve));
			process.kill(registry.pid, 'SIGTERM');
			await closed;
		}
		rmSync(root, {recursive: true, force: true});
	}
}

export function printRegistryBench(result: RegistryBench, runs: number): void {
	if ('skipped' in result) {
		console.log(`\nregistry vs archive: skipped: ${result.skipped}`);
		return;
	}
	const ratio = result.registrySeconds / result.archiveSeconds;
	const verdict = ratio <= 1.3 && result.registryRssMb < 300 ? 'PASS' : `FAIL${ratio > 1.3 ? ' (time)' : ''}${result.registryRssMb >= 300 ? ' (memory)' : ''}`;
	console.log(
		`\nregistry vs archive, big image with gzip layers (median of ${runs}; pushed with skopeo in ${result.pushSeconds.toFixed(0)} s):\n` +
			`  archive   --json /dev/null big-gzip-layers.tar: ${result.archiveSeconds.toFixed(2)} s, peak RSS ${result.archiveRssMb.toFixed(0)} MB\n` +
			`  registry  --json /dev/null registry://${result.reference}: ${result.registrySeconds.toFixed(2)} s, peak RSS ${result.registryRssMb.toFixed(0)} MB\n` +
			`  ratio ${ratio.toFixed(2)}x (target ≤ 1.3x, < 300 MB): ${verdict}`,
	);
}

function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const {port} = server.address() as net.AddressInfo;
			server.close(() => resolve(port));
		});
	});
}

async function waitFor(host: string): Promise<void> {
	for (let i = 0; i < 100; i++) {
		try {
			const response = await fetch(`http://${host}/v2/`);
			await response.body?.cancel();
			return;
		} catch {
			await new Promise(resolve => setTimeout(resolve, 100));
		}
	}
	throw new Error(`docker-registry did not start on ${host}`);
}

// Standalone: node build/bench/registry-bench.js [--dir DIR] [--scale N] [--runs N]
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
	const arg = (name: string, fallback: string) => {
		const at = process.argv.indexOf(name);
		return at > 0 ? process.argv[at + 1] ?? fallback : fallback;
	};
	const log = (line: string) => process.stderr.write(`${line}\n`);
	const runs = Number(arg('--runs', '3'));
	const images = await ensureBenchImages(path.resolve(arg('--dir', path.join(tmpdir(), 'layerlens-bench'))), Number(arg('--scale', '1')), false, log);
	printRegistryBench(await measureRegistry(images, runs, log), runs);
}
