import {mkdtemp, readFile, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, expect, test} from 'vitest';
import {writeTempImage} from '../helpers/image-builder.js';
import {runCli} from '../helpers/run-cli.js';
import {wasteImage} from '../core/hints/waste-image.js';

let image: Awaited<ReturnType<typeof writeTempImage>>;
let dir = '';
beforeAll(async () => {
	image = await writeTempImage(wasteImage, 'docker-oci');
	dir = await mkdtemp(path.join(tmpdir(), 'layerlens-hint-gate-'));
});
afterAll(async () => {
	await image.cleanup();
	await rm(dir, {recursive: true, force: true});
});

const config = (body: string) => writeFile(path.join(dir, '.layerlens.yaml'), `ci:\n  lowestEfficiency: disabled\n  highestUserWastedPercent: disabled\n${body}`);

test('denyHints and maxHintBytes in the ci: section fail the gate through the reporters', async () => {
	await config('  denyHints: [secret, overwritten]\n  maxHintBytes:\n    package-cache: 3999B\n    duplicate-content: 1MB\n');
	const out = path.join(dir, 'report.json');
	const run = await runCli(['--ci', '--report', `json=${out}`, image.path], {cwd: dir});
	expect(run.code).toBe(1);
	const report = JSON.parse(await readFile(out, 'utf8')) as {rules: Array<{name: string; status: string; actual: number; pathCount?: number}>};
	const byName = new Map(report.rules.map(result => [result.name, result]));
	expect(byName.get('denyHints:secret')).toMatchObject({status: 'fail', actual: 3, pathCount: 3});
	expect(byName.get('denyHints:overwritten')).toMatchObject({status: 'fail', actual: 1});
	expect(byName.get('maxHintBytes:package-cache')).toMatchObject({status: 'fail', actual: 4000});
	expect(byName.get('maxHintBytes:duplicate-content')).toMatchObject({status: 'pass', actual: 9096});
});

test('an unknown hint kind is a configuration error (exit 2, one line)', async () => {
	await config('  denyHints: [secrets]\n');
	const run = await runCli(['--ci', image.path], {cwd: dir});
	expect(run.code).toBe(2);
	expect(run.stderr).toMatch(/ci\.denyHints\[0\]: unknown hint kind "secrets"/);
});
