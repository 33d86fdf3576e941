import {mkdtempSync, readFileSync, symlinkSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {expect, test} from 'vitest';
import {describeWithFixtures, fixturePath, repoRoot} from '../helpers/fixtures.js';
import {runCli} from '../helpers/run-cli.js';
import {gateReportErrors, parseJunit, parseWorkflowCommands, sarifErrors} from '../ci/validators.js';

/** The "done" configuration: a size threshold, a budget, a deny and a denyInAnyLayer rule (plus the compressed size). */
const doneConfig = [
	'sort: size',
	'ci:',
	'  lowestEfficiency: disabled',
	'  highestUserWastedPercent: disabled',
	'  maxImageSize: 5MB',
	'  maxCompressedSize: 100MB',
	'  budgets:',
	'    /opt/data/**: 512KiB',
	'  deny:',
	'    - /usr/share/sample-doc/**',
	'  denyInAnyLayer:',
	'    - /usr/share/sample-doc/**',
	'',
].join('\n');

const smallApp = [
	['small-app.docker-archive.tar', false],
	['small-app.docker-save.tar', false],
	['small-app.docker-archive.tar.gz', false],
	['small-app.containerd-export.uncompressed.tar', false],
	['small-app.containerd-export.gzip.tar', true],
	['small-app.oci-archive.gzip.tar', true],
	['small-app.oci-archive.uncompressed.tar', false],
	['small-app.oci-archive.zstd.tar', true],
] as const;

/** Ground truth, independent of layerlens: the sum of every layer entry's size in small-app.layers.tsv. */
function groundTruthSize(): number {
	return readFileSync(fixturePath('real/small-app.layers.tsv'), 'utf8')
		.split('\n')
		.filter(line => line !== '' && !line.startsWith('#'))
		.reduce((sum, line) => sum + (Number(line.split('\t')[6]) || 0), 0);
}

function workdir(config = doneConfig): string {
	const dir = mkdtempSync(path.join(tmpdir(), 'layerlens-gate-'));
	writeFileSync(path.join(dir, '.layerlens.yaml'), config);
	return dir;
}

const expectedStatuses = (compressed: boolean) => ({
	lowestEfficiency: 'skip',
	highestWastedBytes: 'skip',
	highestUserWastedPercent: 'skip',
	maxImageSize: 'pass',
	maxCompressedSize: compressed ? 'pass' : 'skip',
	'budgets:/opt/data/**': 'fail',
	'deny:/usr/share/sample-doc/**': 'pass',
	'denyInAnyLayer:/usr/share/sample-doc/**': 'fail',
});

describeWithFixtures('the gate on every small-app archive, in every report format', () => {
	for (const [archive, compressed] of smallApp) {
		test(archive, async () => {
			const dir = workdir();
			const out = (name: string) => path.join(dir, name);
			const run = await runCli(
				['--report', 'text', '--report', `github=${out('gh.txt')}`, '--report', `junit=${out('junit.xml')}`, '--report', `sarif=${out('out.sarif')}`, '--report', `markdown=${out('summary.md')}`, '--report', `json=${out('gate.json')}`, fixturePath(`real/${archive}`)],
				{cwd: dir, env: {GITHUB_STEP_SUMMARY: ''}},
			);
			expect(run.stderr).not.toContain('warning');
			expect(run.code).toBe(1);
			const statuses = expectedStatuses(compressed);

			// text: dive's grammar, rule lines by name
			expect(run.stdout).toContain('  FAIL  budgets:/opt/data/** (/opt/data/** holds 1.0 MB (1048576 bytes) in 1 file, over the budget of 512KiB; largest: /opt/data/blob.bin (1.0 MB))');
			expect(run.stdout).toContain('  PASS  deny:/usr/share/sample-doc/** (no path of the final image matches /usr/share/sample-doc/**)');
			expect(run.stdout).toContain('  FAIL  denyInAnyLayer:/usr/share/sample-doc/** (5 paths matching /usr/share/sample-doc/** are stored in layer 1)');
			expect(run.stdout).toContain('          /usr/share/sample-doc/changelog.txt  (30 B, layer 1)');
			expect(run.stdout.trim().split('\n').at(-1)).toBe(compressed ? 'FAIL [pass:3 fail:2 skip:3]' : 'FAIL [pass:2 fail:2 skip:4]');

			// json: the documented shape, the statuses, the size from the ground truth
			const json = JSON.parse(readFileSync(out('gate.json'), 'utf8'));
			expect(gateReportErrors(json)).toEqual([]);
			expect(json.passed).toBe(false);
			expect(json.image.sizeBytes).toBe(groundTruthSize());
			expect(Object.fromEntries(json.rules.map((rule: {name: string; status: string}) => [rule.name, rule.status]))).toEqual(statuses);
			expect(json.rules.find((rule: {name: string}) => rule.name === 'budgets:/opt/data/**')).toMatchObject({actual: 1048576, threshold: 524288});

			// junit
			const suite = parseJunit(readFileSync(out('junit.xml'), 'utf8')).testsuites.testsuite[0]!;
			expect(suite.testcase.filter(testcase => testcase.failure).map(testcase => testcase.name)).toEqual(['budgets:/opt/data/**', 'denyInAnyLayer:/usr/share/sample-doc/**']);
			expect(suite.testcase.filter(testcase => testcase.skipped).length).toBe(compressed ? 3 : 4);

			// sarif
			const sarif = JSON.parse(readFileSync(out('out.sarif'), 'utf8'));
			expect(sarifErrors(sarif)).toEqual([]);
			const located = sarif.runs[0].results.map((result: {ruleId: string; locations: Array<{logicalLocations: Array<{name: string}>}>}) => [result.ruleId, result.locations[0]!.logicalLocations[0]!.name]);
			expect(located).toEqual([
				['budgets', '/opt/data/blob.bin'],
				['denyInAnyLayer', '/usr/share/sample-doc'],
				['denyInAnyLayer', '/usr/share/sample-doc/changelog.txt'],
				['denyInAnyLayer', '/usr/share/sample-doc/copyright.txt'],
				['denyInAnyLayer', '/usr/share/sample-doc/examples'],
				['denyInAnyLayer', '/usr/share/sample-doc/examples/example.conf'],
			]);

			// github and markdown
			const commands = parseWorkflowCommands(readFileSync(out('gh.txt'), 'utf8'));
			expect(commands.map(command => [command.command, command.properties['title']])).toEqual([
				['error', 'layerlens budgets:/opt/data/**'],
				['error', 'layerlens denyInAnyLayer:/usr/share/sample-doc/**'],
			]);
			const markdown = readFileSync(out('summary.md'), 'utf8');
			expect(markdown.split('\n')[0]).toBe('## layerlens: localhost/fixtures/small-app:latest ❌ failed');
			expect(markdown).toContain('| ❌ fail | budgets:/opt/data/\\*\\* | 512KiB | 1.0 MB |');
		});
	}

	test('a warning severity keeps exit 0 and shows as WARN / ::warning', async () => {
		const dir = workdir(doneConfig.replace('/opt/data/**: 512KiB', '/opt/data/**: {value: 512KiB, severity: warn}').replace('  denyInAnyLayer:\n    - /usr/share/sample-doc/**\n', '  denyInAnyLayer:\n    - {pattern: /usr/share/sample-doc/**, severity: warn}\n'));
		const run = await runCli(['--ci', '--report', 'text', '--report', `github=${path.join(dir, 'gh.txt')}`, fixturePath('real/small-app.oci-archive.gzip.tar')], {cwd: dir});
		expect(run.code).toBe(0);
		expect(run.stdout).toContain('  WARN  budgets:/opt/data/**');
		expect(run.stdout.trim().split('\n').at(-1)).toBe('PASS [pass:3 warn:2 skip:3]');
		expect(parseWorkflowCommands(readFileSync(path.join(dir, 'gh.txt'), 'utf8')).map(command => command.command)).toEqual(['warning', 'warning']);
	});
});

describeWithFixtures('configuration through the CLI', () => {
	const image = fixturePath('real/small-app.oci-archive.gzip.tar');

	test('flags beat .layerlens.yaml, which beats the defaults', async () => {
		const dir = workdir('ci:\n  maxImageSize: 1MB\n  maxLayers: 5\n');
		const fromFile = await runCli(['--ci', '--lowestEfficiency', 'off', '--highestUserWastedPercent', 'off', image], {cwd: dir});
		expect(fromFile.stdout).toContain('  FAIL  maxImageSize (the image size is 4.1 MB (4121397 bytes), over 1MB)');
		expect(fromFile.stdout).toContain('  FAIL  maxLayers (the layer count is 12, over 5)');
		const flags = await runCli(['--ci', '--lowestEfficiency', 'off', '--highestUserWastedPercent', 'off', '--max-image-size', '1.5GiB', '--max-layers', '12', image], {cwd: dir});
		expect(flags.stdout).toContain('  PASS  maxImageSize (the image size is 4.1 MB (4121397 bytes), within 1.5GiB)');
		expect(flags.stdout).toContain('  PASS  maxLayers (the layer count is 12, within 12)');
		expect(flags.code).toBe(0);
		for (const flag of ['--max-user-size', '--max-layer-size', '--max-reclaimable', '--max-compressed-size']) {
			const one = await runCli(['--ci', '--lowestEfficiency', 'off', '--highestUserWastedPercent', 'off', flag, '1B', image], {cwd: workdir('')});
			expect(one.code, flag).toBe(1);
			expect(one.stdout.trim().split('\n').at(-1), flag).toBe('FAIL [fail:1 skip:3]');
		}
	});

	test('--ci-config takes either format, detected from content', async () => {
		const dir = workdir('');
		writeFileSync(path.join(dir, 'ours.yaml'), 'ci:\n  maxLayers: 3\n');
		writeFileSync(path.join(dir, 'dives.yaml'), 'rules:\n  lowestEfficiency: 0.99\n');
		const ours = await runCli(['--ci', '--ci-config', 'ours.yaml', image], {cwd: dir});
		expect(ours.stdout).toContain('  FAIL  maxLayers (the layer count is 12, over 3)');
		const dives = await runCli(['--ci', '--ci-config', 'dives.yaml', image], {cwd: dir});
		expect(dives.stdout).toContain('  FAIL  lowestEfficiency (image efficiency is too low (efficiency=0.74 < threshold=0.99))');
	});

	test('an unknown key warns (naming key and file); a bad value exits 2 before reading the image', async () => {
		const dir = workdir('ci:\n  maxImgSize: 1MB\n');
		const warned = await runCli(['--ci', '-q', image], {cwd: dir});
		expect(warned.stderr).toBe('layerlens: warning: .layerlens.yaml: unknown key ci.maxImgSize ignored\n');
		const bad = await runCli(['--ci', path.join(dir, 'missing.tar')], {cwd: workdir('ci:\n  maxImageSize: 5 lots\n')});
		expect(bad.code).toBe(2);
		expect(bad.stderr).toBe('layerlens: .layerlens.yaml: ci.maxImageSize: invalid maxImageSize value, given "5 lots": unhandled size name: lots\n');
		const badFlag = await runCli(['--ci', '--max-layers', 'x', image], {cwd: workdir('')});
		expect(badFlag.stderr).toBe('layerlens: --max-layers: invalid maxLayers value, given "x": not a whole number\n');
		const badReport = await runCli(['--report', 'xml', image], {cwd: workdir('')});
		expect(badReport.code).toBe(2);
		expect(badReport.stderr.split('\n')[0]).toBe('layerlens: --report: unknown format "xml" (text, github, junit, sarif, markdown, json, html)');
		const twoStdout = await runCli(['--report', 'text', '--report', 'json', image], {cwd: workdir('')});
		expect(twoStdout.code).toBe(2);
	});

	test('--json and --report combine', async () => {
		const dir = workdir('ci:\n  maxLayers: 3\n');
		const run = await runCli(['--json', path.join(dir, 'a.json'), '--report', 'json', image], {cwd: dir});
		expect(run.code).toBe(1);
		expect(JSON.parse(readFileSync(path.join(dir, 'a.json'), 'utf8')).layer).toHaveLength(12);
		expect(JSON.parse(run.stdout).rules.find((rule: {name: string}) => rule.name === 'maxLayers').status).toBe('fail');
	});
});

/** The README's CI recipes, run as written (`image.tar` is small-app, linked into the working directory). */
describeWithFixtures('README recipes', () => {
	const readme = readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
	const recipeConfig = 'ci:\n  maxImageSize: 500MB\n  budgets:\n    /opt/data/**: 512KiB\n  denyInAnyLayer: ["**/*.pem"]\n';
	const run = async (command: string, env: Record<string, string> = {}) => {
		expect(readme, 'the README shows this command').toContain(command);
		const dir = workdir(recipeConfig);
		symlinkSync(fixturePath('real/small-app.oci-archive.gzip.tar'), path.join(dir, 'image.tar'));
		const args = command.replace(/^(npx )?layerlens /, '').split(' ');
		return {dir, result: await runCli(args, {cwd: dir, env})};
	};

	test('GitHub Actions: annotations and a step summary', async () => {
		const command = 'npx layerlens --ci --report github --report sarif=layerlens.sarif image.tar';
		const summaryDir = mkdtempSync(path.join(tmpdir(), 'layerlens-summary-'));
		const summary = path.join(summaryDir, 'step-summary.md');
		writeFileSync(summary, '# earlier step\n');
		// Without --report, GITHUB_ACTIONS=true alone adds the annotations to the text report.
		const auto = await run('npx layerlens --ci image.tar', {GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: summary});
		expect(auto.result.code).toBe(1);
		expect(auto.result.stdout).toContain('\nEvaluation:\n');
		const annotations = auto.result.stdout.split('\n').filter(line => line.startsWith('::'));
		expect(parseWorkflowCommands(annotations.join('\n')).map(c => c.properties['title'])).toEqual(['layerlens lowestEfficiency', 'layerlens highestUserWastedPercent', 'layerlens budgets:/opt/data/**']);
		const written = readFileSync(summary, 'utf8');
		expect(written.startsWith('# earlier step\n## layerlens: localhost/fixtures/small-app:latest ❌ failed\n')).toBe(true);
		const explicit = await run(command, {GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: summary});
		expect(parseWorkflowCommands(explicit.result.stdout.split('\n').filter(line => line.startsWith('::')).join('\n'))).toHaveLength(3);
		expect(sarifErrors(JSON.parse(readFileSync(path.join(explicit.dir, 'layerlens.sarif'), 'utf8')))).toEqual([]);
		expect(readFileSync(summary, 'utf8').split('## layerlens: ').length).toBe(3);
	});

	test('GitLab CI: a JUnit report artifact', async () => {
		const {dir, result} = await run('npx layerlens --ci --report text --report junit=layerlens-junit.xml image.tar');
		expect(result.code).toBe(1);
		const suite = parseJunit(readFileSync(path.join(dir, 'layerlens-junit.xml'), 'utf8')).testsuites.testsuite[0]!;
		expect(suite.testcase.filter(testcase => testcase.failure).map(testcase => testcase.name)).toEqual(['lowestEfficiency', 'highestUserWastedPercent', 'budgets:/opt/data/**']);
	});

	test('Jenkins: JUnit for the junit step, Markdown for the build page', async () => {
		const {dir, result} = await run('npx layerlens --ci --report text --report junit=layerlens-junit.xml --report markdown=layerlens.md image.tar');
		expect(result.code).toBe(1);
		expect(parseJunit(readFileSync(path.join(dir, 'layerlens-junit.xml'), 'utf8')).testsuites.testsuite[0]!.testcase).toHaveLength(6);
		expect(readFileSync(path.join(dir, 'layerlens.md'), 'utf8')).toContain('### Rules');
	});

	test('plain shell: the exit code and a JSON report', async () => {
		const {dir, result} = await run('layerlens --ci --max-image-size 500MB --report json=gate.json image.tar');
		expect(result.code).toBe(1);
		const gate = JSON.parse(readFileSync(path.join(dir, 'gate.json'), 'utf8'));
		expect(gateReportErrors(gate)).toEqual([]);
		expect(gate.passed).toBe(false);
		expect(gate.rules.find((rule: {name: string}) => rule.name === 'maxImageSize').status).toBe('pass');
	});
});

test('--help names the gate flags, the report formats and the precedence', async () => {
	const run = await runCli(['--help']);
	for (const flag of ['--max-image-size', '--max-user-size', '--max-layer-size', '--max-layers', '--max-reclaimable', '--max-compressed-size', '--report <format[=path]>']) {
		expect(run.stdout).toContain(flag);
	}
	expect(run.stdout).toContain('Precedence: a rule given as a flag wins over the rules file, which wins over the defaults.');
});
