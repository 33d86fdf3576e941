import {beforeAll, describe, expect, it} from 'vitest';
import type {Analysis} from '../../src/core/analysis-types.js';
import {evaluateGate} from '../../src/ci/evaluate-gate.js';
import {parseGateFile} from '../../src/ci/gate-file.js';
import {resolveGate} from '../../src/ci/resolve-gate.js';
import {reporterFor, type ReportInput} from '../../src/ci/reporters/reporters.js';
import {imageUri} from '../../src/ci/reporters/sarif-report.js';
import {displayCommandLine, displayText} from '../../src/format/display-text.js';
import {hostileNames, hostileImage, shownPath} from '../helpers/hostile-image.js';
import {buildImageArchive} from '../helpers/image-builder.js';
import {analyzeBuffer} from '../helpers/load-fixture.js';
import {gateReportErrors, parseJunit, parseWorkflowCommands, sarifErrors} from './validators.js';
import {runTool} from '../helpers/run-tool.js';

/** Anything a terminal, a log viewer or a reader could be fooled by: controls (but the newline), bidi, invisibles. */
const hidden = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\u{e0000}-\u{e007f}]/u;

let analysis: Analysis;
let input: ReportInput;
beforeAll(async () => {
	analysis = await analyzeBuffer(await buildImageArchive(hostileImage, 'docker-oci'));
	const {rules, errors} = resolveGate({files: [parseGateFile("ci:\n  deny: ['/h/*']\n", '.layerlens.yaml')]});
	expect(errors).toEqual([]);
	input = {analysis, gate: evaluateGate(analysis, rules), tool: {name: 'layerlens', version: '0.1.0'}, color: false};
});

const render = (format: string) => reporterFor(format)!.render(input);

describe('hostile names from the archive in every CI report', () => {
	it('the image holds every hostile name as it was written (the core keeps raw names)', () => {
		const paths = analysis.inefficiencies.map(item => item.path);
		for (const name of hostileNames) expect(paths).toContain(`/h/${name}`);
		expect(input.gate.results.find(result => result.kind === 'deny')!.paths).toHaveLength(hostileNames.length);
	});

	it('text: no escape sequence, no line of its own, each name shown with its hidden characters as U+FFFD', () => {
		const text = render('text');
		expect(text).not.toMatch(hidden);
		// Every line is one of the report's own: a name can start no line (a `::command::` under GitHub Actions).
		for (const line of text.split('\n')) expect(line, JSON.stringify(line)).toMatch(/^(|[A-Z][A-Za-z ]+:.*|  .*|(PASS|FAIL) \[.*\])$/);
		for (const name of hostileNames) {
			expect(text).toContain(`  2      2.0 kB        ${shownPath(name)}\n`);
			expect(text).toContain(`          ${shownPath(name)}  (10 B, layer 1)`);
		}
	});

	it('github: only layerlens\'s own workflow commands, each path one visible line of the annotation', () => {
		const output = render('github');
		expect(output).not.toMatch(hidden);
		const commands = parseWorkflowCommands(output);
		expect(commands.map(command => command.command)).toEqual(['error', 'error', 'error']);
		const deny = commands.find(command => command.properties['title'] === 'layerlens deny:/h/*')!;
		const lines = deny.message.split('\n');
		expect(lines).toHaveLength(1 + hostileNames.length);
		for (const name of hostileNames) expect(lines).toContain(`${shownPath(name)} (10 bytes, layer 1)`);
	});

	it('junit: well-formed for xmllint (libxml2), each name as text', () => {
		const xml = render('junit');
		// xmllint exits non-zero on a character XML 1.0 cannot hold, a broken attribute or a stray `]]>`.
		runTool('xmllint', ['--noout', '-'], xml);
		// The checker can fail: a control character, or an unescaped `<` in an attribute, is refused.
		expect(() => runTool('xmllint', ['--noout', '-'], '<a>\u0001</a>')).toThrow();
		expect(() => runTool('xmllint', ['--noout', '-'], '<a b="<"/>')).toThrow();
		const suite = parseJunit(xml).testsuites.testsuite[0]!;
		expect(suite.name).toBe(displayText(hostileImage.tags![0]!.replace(/:1$/, '')) + ':1');
		const failure = suite.testcase.find(testcase => testcase.name === 'deny:/h/*')!.failure!['#text']!;
		for (const name of hostileNames) expect(failure).toContain(`${shownPath(name)} (10 bytes, layer 1)`);
	});

	it('sarif: valid against the SARIF 2.1.0 schema (artifact URIs are RFC 3986 references); locations keep the raw name, messages show it', () => {
		type Result = {message: {text: string}; locations: Array<{physicalLocation?: {artifactLocation: {uri: string; uriBaseId: string}}; logicalLocations: Array<{name: string}>}>};
		const log = JSON.parse(render('sarif')) as {runs: Array<{results: Result[]}>};
		expect(sarifErrors(log)).toEqual([]);
		const results = log.runs[0]!.results;
		for (const name of hostileNames) {
			const result = results.find(item => item.locations[0]!.logicalLocations[0]!.name === `/h/${name}`)!;
			expect(result.message.text.startsWith(`${shownPath(name)} (layer 1, 10 bytes)`)).toBe(true);
			expect(result.message.text).not.toMatch(hidden);
			// A URL parser (WHATWG, as browsers and viewers resolve it) reads the URI back as exactly this path, no query, no fragment.
			const {uri, uriBaseId} = result.locations[0]!.physicalLocation!.artifactLocation;
			expect(uriBaseId).toBe('IMAGE_ROOT');
			const resolved = new URL(uri, 'file:///image-root/');
			expect([resolved.search, resolved.hash]).toEqual(['', '']);
			expect(decodeURIComponent(resolved.pathname)).toBe(`/image-root/h/${name}`);
		}
	});

	it('sarif: artifact URIs for names with %, spaces, #, ?, :, non-ASCII and dots', () => {
		for (const path of ['/a b/100%/x#y?z', '/c:/d', '/é/日本/📦', '/.../..x/.hidden', '/x\u0000\n\u001b']) {
			const uri = imageUri(path);
			expect(sarifErrors({...JSON.parse(render('sarif')), runs: [{tool: {driver: {name: 't'}}, results: [{message: {text: 'm'}, locations: [{physicalLocation: {artifactLocation: {uri}}}]}]}]}), uri).toEqual([]);
			const resolved = new URL(uri, 'file:///image-root/');
			expect(decodeURIComponent(resolved.pathname), uri).toBe(`/image-root${path}`);
		}
		expect(imageUri('/a b/100%/x#y?z')).toBe('a%20b/100%25/x%23y%3Fz');
	});

	it('json: valid against the gate report\'s schema, every name kept raw (a machine reads it)', () => {
		const report = JSON.parse(render('json')) as {rules: Array<{kind: string; paths?: Array<{path: string}>}>};
		expect(gateReportErrors(report)).toEqual([]);
		const paths = report.rules.find(rule => rule.kind === 'deny')!.paths!.map(item => item.path);
		expect(paths.sort()).toEqual(hostileNames.map(name => `/h/${name}`).sort());
	});

	it('markdown: GitHub\'s renderer (cmark-gfm) draws every name as the text of one table cell, no tag, no link', () => {
		const markdown = render('markdown');
		// --unsafe: raw HTML passes through (GitHub keeps the report's `<br>`), so any markup a name smuggled in would show.
		const gfm = (text: string) => runTool('cmark-gfm', ['--unsafe', '-e', 'table', '-e', 'autolink', '-e', 'strikethrough'], text);
		// The check can fail: unescaped, a name would become markup or a link.
		expect(gfm('| a |\n|---|\n| <img src=x> www.evil.example [x](javascript:alert(1)) |\n')).toMatch(/<img[\s\S]*<a /);
		const html = gfm(markdown);
		expect(html).not.toMatch(/<(a|img|script|code|em|strong|del)\b/);
		const cells = (row: string) => [...row.matchAll(/<td>(.*?)<\/td>/g)].map(match => unescapeHtml(match[1]!));
		const rows = [...html.matchAll(/<tr>\n([\s\S]*?)<\/tr>/g)].map(match => cells(match[1]!)).filter(row => row.length > 0);
		const wasted = rows.filter(row => row.length === 3 && row[0]!.startsWith('/h/'));
		expect(wasted.map(row => row[0]).sort()).toEqual(hostileNames.map(shownPath).sort());
		const deny = rows.find(row => row[1] === 'deny:/h/*')!;
		expect(deny).toHaveLength(6);
		expect(deny[5]!.split('<br>').sort()).toEqual(hostileNames.map(shownPath).sort());
		const layers = rows.filter(row => row.length === 4);
		// A command's own line break reads as a space; the rest is shown like a name.
		expect(layers.map(row => row[3])).toContain(displayCommandLine(hostileImage.layers[0]!.createdBy));
	});
});

/** The five entities cmark-gfm writes in text. */
function unescapeHtml(text: string): string {
	return text.replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&quot;', '"').replaceAll('&#39;', "'").replaceAll('&amp;', '&');
}
