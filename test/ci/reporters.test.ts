import {beforeAll, describe, expect, it} from 'vitest';
import type {Analysis} from '../../src/core/analysis-types.js';
import {evaluateGate} from '../../src/ci/evaluate-gate.js';
import {parseGateFile} from '../../src/ci/gate-file.js';
import type {GateReport} from '../../src/ci/gate-types.js';
import {resolveGate} from '../../src/ci/resolve-gate.js';
import {escapeData, escapeProperty} from '../../src/ci/reporters/github-report.js';
import {reportFormats} from '../../src/ci/reporters/report-formats.js';
import {reporterFor, reporters, type ReportInput} from '../../src/ci/reporters/reporters.js';
import {ruleKinds} from '../../src/ci/rule-kinds.js';
import {buildImageArchive, file} from '../helpers/image-builder.js';
import {analyzeBuffer} from '../helpers/load-fixture.js';
import {gateImage} from './gate-image.js';
import {gateReportErrors, githubCodeScanningErrors, parseJunit, parseWorkflowCommands, sarifErrors} from './validators.js';
import {readTreemapLibrarySync} from '../../src/report/html/treemap-library.js';

/** Every status at once: pass, fail (plain and path rules), warn, skip (disabled and unknown compressed size). */
const rulesText = [
	'ci:',
	'  lowestEfficiency: 0.5',
	'  maxImageSize: 1MB',
	'  maxLayers: 2',
	'  maxUserSize: {value: 10kB, severity: warn}',
	'  maxCompressedSize: 1GB',
	'  budgets:',
	'    /app/node_modules/**: 25kB',
	'  deny:',
	"    - '**/*.wasm'",
	"    - '**/*.pem'",
	'  denyInAnyLayer:',
	"    - '**/id_rsa'",
	'',
].join('\n');

function inputFor(analysis: Analysis, text = rulesText): ReportInput {
	const {rules, errors} = resolveGate({files: [parseGateFile(text, '.layerlens.yaml')]});
	expect(errors).toEqual([]);
	return {analysis, gate: evaluateGate(analysis, rules), tool: {name: 'layerlens', version: '0.1.0'}, color: false};
}

const statuses = (gate: GateReport) => Object.fromEntries(gate.results.map(result => [result.name, result.status]));

describe('reports of one gate run, each checked by a real validator', () => {
	let analysis: Analysis;
	let input: ReportInput;
	beforeAll(async () => {
		analysis = await analyzeBuffer(await buildImageArchive(gateImage, 'docker-legacy'));
		input = inputFor(analysis);
	});

	it('evaluates to the statuses the reports must show', () => {
		expect(statuses(input.gate)).toEqual({
			lowestEfficiency: 'pass',
			highestWastedBytes: 'skip',
			highestUserWastedPercent: 'fail',
			maxImageSize: 'pass',
			maxUserSize: 'warn',
			maxLayers: 'fail',
			maxCompressedSize: 'skip',
			'budgets:/app/node_modules/**': 'fail',
			'deny:**/*.wasm': 'fail',
			'deny:**/*.pem': 'pass',
			'denyInAnyLayer:**/id_rsa': 'fail',
		});
		expect(input.gate.passed).toBe(false);
	});

	it('sarif: valid against the official SARIF 2.1.0 schema; the driver lists every rule with help; one result per failing or warning rule or path', () => {
		const log = JSON.parse(reporterFor('sarif')!.render(input));
		expect(sarifErrors(log)).toEqual([]);
		expect(githubCodeScanningErrors(log)).toEqual([]);
		const run = log.runs[0];
		expect(run.tool.driver.rules.map((rule: {id: string}) => rule.id)).toEqual(ruleKinds.map(kind => kind.id));
		for (const rule of run.tool.driver.rules) expect(rule.help.text.length).toBeGreaterThan(10);
		const results = run.results.map((result: {ruleId: string; level: string; locations: Array<{logicalLocations: Array<{name: string}>}>}) => [
			result.ruleId,
			result.level,
			result.locations[0]!.logicalLocations[0]!.name,
		]);
		expect(results).toEqual([
			['highestUserWastedPercent', 'error', 'example.com/gate:1.0'],
			['maxUserSize', 'warning', 'example.com/gate:1.0'],
			['maxLayers', 'error', 'example.com/gate:1.0'],
			['budgets', 'error', '/app/node_modules/b/big.wasm'],
			['budgets', 'error', '/app/node_modules/a/index.js'],
			['deny', 'error', '/app/node_modules/b/big.wasm'],
			['denyInAnyLayer', 'error', '/root/.ssh/id_rsa'],
		]);
		for (const result of run.results) expect(run.tool.driver.rules[result.ruleIndex].id).toBe(result.ruleId);
		// A result about the whole image points at the image by name (GitHub shows it as a path of the repository).
		expect(run.results[0].locations[0].physicalLocation.artifactLocation.uri).toBe('example.com/gate%3A1.0');
	});

	it('sarif: the GitHub code-scanning check rejects a result with only a logical location, or a web address (the check can fail)', () => {
		const log = JSON.parse(reporterFor('sarif')!.render(input));
		delete log.runs[0].results[0].locations[0].physicalLocation;
		log.runs[0].results[1].locations[0].physicalLocation.artifactLocation.uri = 'https://example.com/x';
		expect(githubCodeScanningErrors(log)).toEqual([
			'runs[0].results[0].locations[0]: expected artifact location',
			'runs[0].results[1].locations[0]: unrecognized URI scheme https:',
		]);
	});

	it('sarif: a broken log is rejected by the same validator (the check can fail)', () => {
		const log = JSON.parse(reporterFor('sarif')!.render(input));
		log.runs[0].results[0].level = 'fatal';
		expect(sarifErrors(log).length).toBeGreaterThan(0);
		delete log.version;
		expect(sarifErrors(log).length).toBeGreaterThan(0);
	});

	it('junit: well-formed XML with one testsuite for the image and one testcase per rule, as GitLab reads it', () => {
		const doc = parseJunit(reporterFor('junit')!.render(input));
		expect(doc.testsuites.testsuite).toHaveLength(1);
		const suite = doc.testsuites.testsuite[0]!;
		expect(suite.name).toBe('example.com/gate:1.0');
		expect([suite.tests, suite.failures, suite.skipped, suite.errors]).toEqual(['11', '5', '2', '0']);
		expect(suite.testcase.map(testcase => testcase.name)).toEqual(input.gate.results.map(result => result.name));
		for (const testcase of suite.testcase) expect(testcase.classname).toBe('layerlens.example.com/gate:1.0');
		const failed = suite.testcase.filter(testcase => testcase.failure !== undefined);
		expect(failed.map(testcase => [testcase.name, testcase.failure!.type])).toEqual([
			['highestUserWastedPercent', 'highestUserWastedPercent'],
			['maxLayers', 'maxLayers'],
			['budgets:/app/node_modules/**', 'budgets'],
			['deny:**/*.wasm', 'deny'],
			['denyInAnyLayer:**/id_rsa', 'denyInAnyLayer'],
		]);
		const stored = failed.find(testcase => testcase.name === 'denyInAnyLayer:**/id_rsa')!;
		expect(stored.failure!.message).toBe('1 path matching **/id_rsa is stored in layer 1');
		expect(stored.failure!['#text']).toContain('/root/.ssh/id_rsa (400 bytes, layer 1)');
		const skipped = suite.testcase.filter(testcase => testcase.skipped !== undefined).map(testcase => [testcase.name, testcase.skipped!.message]);
		expect(skipped).toEqual([
			['highestWastedBytes', 'disabled'],
			['maxCompressedSize', 'the archive stores layer 0 uncompressed, so its compressed size is unknown'],
		]);
		expect(suite.testcase.find(testcase => testcase.name === 'maxUserSize')!['system-out']).toMatch(/^WARN the user size \(all layers but the first\) is 32 kB/);
	});

	it('json: matches the documented shape (JSON Schema, ajv) and carries the statuses', () => {
		const doc = JSON.parse(reporterFor('json')!.render(input));
		expect(gateReportErrors(doc)).toEqual([]);
		expect(doc.passed).toBe(false);
		expect(doc.image).toMatchObject({name: 'example.com/gate:1.0', sizeBytes: 32800, userSizeBytes: 31700, layerCount: 3, compressedBytes: null});
		expect(Object.fromEntries(doc.rules.map((rule: {name: string; status: string}) => [rule.name, rule.status]))).toEqual(statuses(input.gate));
		expect(doc.rules.find((rule: {name: string}) => rule.name === 'budgets:/app/node_modules/**')).toMatchObject({threshold: 25000, actual: 26000, unit: 'bytes', pathCount: 2});
		// The schema check can fail: a wrong status is rejected.
		doc.rules[0].status = 'maybe';
		expect(gateReportErrors(doc).length).toBeGreaterThan(0);
	});

	it('github: one ::error per failing rule, one ::warning per warning rule, nothing for passes and skips', () => {
		const commands = parseWorkflowCommands(reporterFor('github')!.render(input));
		expect(commands.map(command => [command.command, command.properties['title']])).toEqual([
			['error', 'layerlens highestUserWastedPercent'],
			['warning', 'layerlens maxUserSize'],
			['error', 'layerlens maxLayers'],
			['error', 'layerlens budgets:/app/node_modules/**'],
			['error', 'layerlens deny:**/*.wasm'],
			['error', 'layerlens denyInAnyLayer:**/id_rsa'],
		]);
		expect(commands[5]!.message).toBe('1 path matching **/id_rsa is stored in layer 1\n/root/.ssh/id_rsa (400 bytes, layer 1)');
		// The title's `:` is escaped inside the property, so the runner cannot split it there.
		expect(commands[3]!.raw.startsWith('::error title=layerlens budgets%3A/app/node_modules/**::')).toBe(true);
	});

	it('markdown: a summary with the image, a row per rule, the largest layers and the top wasted files', () => {
		const text = reporterFor('markdown')!.render(input);
		const lines = text.split('\n');
		expect(lines[0]).toBe('## layerlens: example.com/gate:1.0 ❌ failed');
		const header = lines.indexOf('| Status | Rule | Threshold | Actual | Message | Paths |');
		const rows = lines.slice(header + 2, header + 2 + input.gate.results.length);
		expect(rows.map(row => row.split(' | ')[0])).toEqual(input.gate.results.map(result => `| ${{pass: '✅ pass', fail: '❌ fail', warn: '⚠️ warn', skip: '➖ skip'}[result.status]}`));
		expect(rows.every(row => row.endsWith(' |') && row.split(/(?<!\\)\|/).length === 8)).toBe(true);
		expect(text).toContain('### Largest layers');
		expect(text).toContain('| 1 | 26 kB | 5.4 kB | npm ci \\&\\& cp key /root/.ssh/id\\_rsa |');
		expect(text).toContain('| /app/node\\_modules/a/index.js | 1 | 5.0 kB |');
	});

	it('every registered format renders', () => {
		expect(Object.keys(reporters)).toEqual(['text', 'github', 'junit', 'sarif', 'markdown', 'json', 'html']);
		// The command line checks --report against this list without loading the reporters: it must name the same ones.
		expect(reportFormats).toEqual(Object.keys(reporters));
		// The html reporter gets d3-hierarchy from the CLI (reporters read no files); test/report checks it in Chromium.
		const assets = {treemapLibrary: readTreemapLibrarySync()};
		for (const reporter of Object.values(reporters)) expect(reporter.render({...input, assets}).length, reporter.format).toBeGreaterThan(0);
	});
});

describe('hostile paths in reports', () => {
	it('escapes %, CR, LF (and : , in properties) for GitHub, shows a path\'s controls as U+FFFD; keeps XML and SARIF valid', async () => {
		const evil = 'srv/100%\r\nok,a:b<&\u0001.pem';
		const analysis = await analyzeBuffer(await buildImageArchive({tags: ['evil:1'], layers: [{createdBy: 'COPY x /', entries: [file(evil, 'x')]}]}, 'docker-oci'));
		const input = inputFor(analysis, "ci:\n  deny: ['**/*.pem']\n");
		const output = reporterFor('github')!.render(input);
		const commands = parseWorkflowCommands(output);
		expect(commands).toHaveLength(1);
		// The path stays one line of the annotation: its CR, LF and U+0001 are shown, not obeyed.
		expect(commands[0]!.message).toBe('1 path of the final image matches **/*.pem\n/srv/100%\uFFFD\uFFFDok,a:b<&\uFFFD.pem (1 bytes, layer 0)');
		expect(output.split('\n').filter(Boolean)).toHaveLength(1);
		expect(escapeData('100%\r\n')).toBe('100%25%0D%0A');
		expect(escapeProperty('a:b,c%')).toBe('a%3Ab%2Cc%25');
		const junit = parseJunit(reporterFor('junit')!.render(input));
		expect(junit.testsuites.testsuite[0]!.testcase.find(testcase => testcase.failure)!.failure!['#text']).toContain('/srv/100%\uFFFD\uFFFDok,a:b<&\uFFFD.pem');
		expect(sarifErrors(JSON.parse(reporterFor('sarif')!.render(input)))).toEqual([]);
	});
});
