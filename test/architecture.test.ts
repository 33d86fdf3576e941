import {spawnSync} from 'node:child_process';
import {readdirSync, readFileSync} from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import {describe, expect, test} from 'vitest';
import {repoRoot} from './helpers/fixtures.js';

/**
The layering, checked on every module specifier TypeScript itself finds in a file: `import … from`, side-effect
`import 'x'`, `export … from`, `import type`, dynamic `import('x')` and `require('x')`.
A relative specifier counts as the part of src/ it lands in: `core`, `loader`, …, and `ui/state`, `ui/view`, … for ui.
*/
const srcRoot = path.join(repoRoot, 'src');

type Module = {readonly file: string; readonly part: string; readonly text: string; readonly specifiers: readonly string[]};

function partOf(relative: string): string {
	const parts = relative.split(path.sep);
	return parts[0] === 'ui' && parts.length > 2 ? `ui/${parts[1]!}` : parts.length > 1 ? parts[0]! : relative.replace(/\.tsx?$|\.js$/, '');
}

const modules: readonly Module[] = readdirSync(srcRoot, {recursive: true, encoding: 'utf8'})
	.filter(name => /\.tsx?$/.test(name))
	.map(name => {
		const file = path.join(srcRoot, name);
		const text = readFileSync(file, 'utf8');
		const found = ts.preProcessFile(text, true, true).importedFiles.map(ref => ref.fileName);
		const required = [...text.matchAll(/\brequire\(\s*['"]([^'"]+)['"]\s*\)/g)].map(match => match[1]!);
		return {file: path.relative(repoRoot, file), part: partOf(name), text, specifiers: [...found, ...required]};
	});

/** Where a specifier points: a part of src/ for a relative one, the package or node: module otherwise. */
function target(module: Module, specifier: string): {readonly internal: boolean; readonly name: string} {
	if (!specifier.startsWith('.')) return {internal: false, name: specifier};
	const resolved = path.relative(srcRoot, path.resolve(path.dirname(path.join(repoRoot, module.file)), specifier));
	if (resolved.startsWith('..')) return {internal: false, name: `outside src: ${specifier}`};
	return {internal: true, name: partOf(resolved)};
}

type Rule = {
	/** Internal parts this part may import (itself always). */
	readonly mayImport: readonly string[];
	/** Packages and node: modules it may not import. */
	readonly forbidden: RegExp;
};

const uiAndReact = /^(ink|ink\/.*|react|react\/.*|react-dom|ink-testing-library)$/;
const io = /^(node:)?(fs|fs\/promises|process|child_process|tty|worker_threads|net|http|https|os)$/;
const either = (a: RegExp, b: RegExp) => new RegExp(`${a.source}|${b.source}`);
const pureUi = ['core', 'format', 'ui/state', 'ui/tree', 'ui/keys', 'ui/view', 'ui/format'];

const rules: Record<string, Rule> = {
	core: {mayImport: [], forbidden: /./},
	format: {mayImport: ['core'], forbidden: either(uiAndReact, io)},
	export: {mayImport: ['core', 'format'], forbidden: either(uiAndReact, io)},
	ci: {mayImport: ['core', 'format', 'report'], forbidden: either(uiAndReact, io)},
	// The HTML report: a pure page writer (its one file read, the treemap library, sits in treemap-library.ts).
	report: {mayImport: ['core', 'format', 'ci', 'ui/view'], forbidden: uiAndReact},
	saved: {mayImport: ['core', 'format', 'loader'], forbidden: uiAndReact},
	// The registry is one more source of layer blobs: the loader's decode workers fetch from it.
	loader: {mayImport: ['core', 'format', 'registry'], forbidden: uiAndReact},
	registry: {mayImport: ['core', 'format', 'loader'], forbidden: uiAndReact},
	extract: {mayImport: ['core', 'format', 'loader'], forbidden: uiAndReact},
	'ui/state': {mayImport: pureUi, forbidden: either(uiAndReact, io)},
	'ui/tree': {mayImport: pureUi, forbidden: either(uiAndReact, io)},
	'ui/keys': {mayImport: pureUi, forbidden: either(uiAndReact, io)},
	'ui/view': {mayImport: pureUi, forbidden: either(uiAndReact, io)},
	'ui/format': {mayImport: pureUi, forbidden: either(uiAndReact, io)},
};

function problems(part: string, rule: Rule): string[] {
	const found: string[] = [];
	const own = modules.filter(module => module.part === part);
	if (own.length === 0) found.push(`no files found in src/${part}`);
	for (const module of own) {
		for (const specifier of module.specifiers) {
			const {internal, name} = target(module, specifier);
			const allowed = internal ? name === part || rule.mayImport.includes(name) : !rule.forbidden.test(name);
			if (!allowed) found.push(`${module.file} imports '${specifier}'${internal ? ` (src/${name})` : ''}`);
		}
	}
	return found;
}

describe('layering: each part of src/ imports only what sits below it', () => {
	for (const [part, rule] of Object.entries(rules)) {
		test(`src/${part} imports ${rule.mayImport.length === 0 ? 'nothing outside itself' : `only ${rule.mayImport.join(', ')}`} and ${part === 'core' ? 'no package or node: module' : `no ${rule.forbidden.source.slice(0, 60)}…`}`, () => {
			expect(problems(part, rule)).toEqual([]);
		});
	}

	test('no shipped code imports the dev tools (sample writer, bench, screenshots, fuzzer), which npm pack leaves out', () => {
		const devTools = ['sample', 'bench', 'screenshots', 'fuzz'];
		const found = modules
			.filter(module => !devTools.includes(module.part))
			.flatMap(module => module.specifiers.filter(specifier => devTools.includes(target(module, specifier).name)).map(specifier => `${module.file} imports '${specifier}'`));
		expect(found).toEqual([]);
	});

	test('the bench drives the explorer only through src/ui/explorer-api.ts', () => {
		const found = modules
			.filter(module => module.part === 'bench')
			.flatMap(module =>
				module.specifiers
					.filter(specifier => target(module, specifier).internal && /^ui(\/|$)/.test(target(module, specifier).name))
					.filter(specifier => !['../ui/explorer-api.js', '../ui/production-mode.js'].includes(specifier))
					.map(specifier => `${module.file} imports '${specifier}'`),
			);
		expect(found).toEqual([]);
	});

	test('nothing but the CLI entry imports src/cli', () => {
		const found = modules
			.filter(module => module.part !== 'cli')
			.flatMap(module => module.specifiers.filter(specifier => target(module, specifier).name === 'cli').map(specifier => `${module.file} imports '${specifier}'`));
		expect(found).toEqual([]);
	});
});

/** Identifiers named `process` (not property names such as `x.process`), comments and strings excluded. */
function processUses(module: Module): string[] {
	const source = ts.createSourceFile(module.file, module.text, ts.ScriptTarget.Latest, true);
	const found: string[] = [];
	const visit = (node: ts.Node) => {
		if (ts.isIdentifier(node) && node.text === 'process') {
			const parent = node.parent;
			const isName = (ts.isPropertyAccessExpression(parent) && parent.name === node) || (ts.isPropertyAssignment(parent) && parent.name === node);
			if (!isName) found.push(`${module.file}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`);
		}
		ts.forEachChild(node, visit);
	};
	visit(source);
	return found;
}

describe('process: the pure parts never name it; only the CLI and the explorer entry write to its streams or exit', () => {
	for (const part of ['core', 'format', 'export', 'ui/state', 'ui/tree', 'ui/keys', 'ui/view', 'ui/format']) {
		test(`src/${part} has no \`process\` at all`, () => {
			expect(modules.filter(module => module.part === part).flatMap(processUses)).toEqual([]);
		});
	}

	test('loader, ci, extract: no process.stdout, process.stderr or process.exit', () => {
		const found = modules
			.filter(module => ['loader', 'ci', 'extract'].includes(module.part))
			.filter(module => /\bprocess\s*\.\s*(stdout|stderr|exit)\b/.test(module.text))
			.map(module => module.file);
		expect(found).toEqual([]);
	});
});

test('src/core compiles with no ambient types at all (types: [], no DOM): it needs neither Node nor a browser', () => {
	const tsc = path.join(repoRoot, 'node_modules/typescript/bin/tsc');
	const run = spawnSync(process.execPath, [tsc, '-p', path.join(repoRoot, 'src/core/tsconfig.json')], {encoding: 'utf8'});
	expect(run.stdout + run.stderr).toBe('');
	expect(run.status).toBe(0);
}, 120_000);
