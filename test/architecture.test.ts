import {readdirSync, readFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, test} from 'vitest';
import {repoRoot} from './helpers/fixtures.js';

function sources(folder: string): string[] {
	const root = path.join(repoRoot, 'src', folder);
	return readdirSync(root, {recursive: true, encoding: 'utf8'})
		.filter(name => /\.tsx?$/.test(name))
		.map(name => path.join(root, name));
}

function imports(file: string): string[] {
	const text = readFileSync(file, 'utf8');
	return [...text.matchAll(/^\s*(?:import|export)\b[^'"]*?from\s+['"]([^'"]+)['"]/gm), ...text.matchAll(/import\(\s*['"]([^'"]+)['"]\s*\)/g)].map(match => match[1]!);
}

const forbidden = /^(ink|react|react\/.*|node:fs.*|fs.*|node:process|process|node:child_process|node:tty)$/;

describe('pure core: the model, tree algebra, analysis, formatting, export and the CI gate import no Ink, React, fs or process', () => {
	for (const folder of ['core', 'format', 'export', 'ci']) {
		test(`src/${folder}`, () => {
			const files = sources(folder);
			expect(files.length).toBeGreaterThan(0);
			for (const file of files) {
				const rel = path.relative(repoRoot, file);
				for (const specifier of imports(file)) {
					expect(forbidden.test(specifier), `${rel} imports ${specifier}`).toBe(false);
					expect(specifier.includes('/ui/') || specifier.includes('/loader/') || specifier.includes('/cli/'), `${rel} imports ${specifier}`).toBe(false);
				}
				expect(/\bprocess\.(?:env|stdout|stderr|stdin|exit|cwd|argv)/.test(readFileSync(file, 'utf8')), `${rel} uses process`).toBe(false);
			}
		});
	}

	test('only the CLI and the explorer\'s entry point touch process streams and exit', () => {
		for (const folder of ['core', 'loader', 'ci', 'export', 'format']) {
			for (const file of sources(folder)) {
				expect(/process\.(?:stdout|stderr|exit)\b/.test(readFileSync(file, 'utf8')), path.relative(repoRoot, file)).toBe(false);
			}
		}
	});
});
