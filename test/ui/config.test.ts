import {mkdir, mkdtemp, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterEach, beforeEach, expect, test} from 'vitest';
import {loadExplorerConfig} from '../../src/ui/config/load-config.js';
import {ConfigError} from '../../src/ui/config/read-config.js';
import {buildKeyMap, resolveKey, scopeChain} from '../../src/ui/keys/key-map.js';
import {InputError} from '../../src/loader/errors.js';

let base: string;
let home: string;
let cwd: string;

beforeEach(async () => {
	base = await mkdtemp(path.join(tmpdir(), 'layerlens-config-'));
	home = path.join(base, 'home');
	cwd = path.join(base, 'project');
	await mkdir(path.join(home, '.config', 'layerlens'), {recursive: true});
	await mkdir(cwd);
});

afterEach(async () => {
	await rm(base, {recursive: true, force: true});
});

const load = () => loadExplorerConfig({cwd, home, env: {}});

test('no files: the defaults', async () => {
	expect(await load()).toMatchObject({mode: 'layer', sort: 'name', attributes: true, collapseAll: false, hide: [], sources: [], warnings: []});
});

test('dive’s .dive.yaml: keybinding section and the UI settings that map cleanly', async () => {
	await writeFile(
		path.join(home, '.dive.yaml'),
		[
			'keybinding:',
			'  quit: ctrl+q',
			'  toggle-sort-order: ctrl+s, f2key',
			'  toggle-wrap-tree: ctrl+p',
			'  page-down: pgdn, n',
			'diff:',
			'  hide: [unmodified]',
			'layer:',
			'  show-aggregated-changes: true',
			'filetree:',
			'  collapse-dir: true',
			'  show-attributes: false',
			'',
		].join('\n'),
	);
	const config = await load();
	expect(config).toMatchObject({mode: 'aggregated', collapseAll: true, attributes: false, hide: ['unmodified']});
	expect(config.warnings.some(line => line.includes('f2key'))).toBe(true);
	// dive's wrap toggle is bound like the others now that the tree wraps long names.
	expect(config.warnings.some(line => line.includes('toggle-wrap-tree'))).toBe(false);
	const keys = buildKeyMap(config.keys);
	const tree = scopeChain('tree', false);
	expect(resolveKey(keys, 'ctrl+p', tree)).toBe('toggle-wrap');
	expect(resolveKey(keys, 'ctrl+q', tree)).toBe('quit');
	expect(resolveKey(keys, 'ctrl+c', tree)).toBeUndefined();
	expect(resolveKey(keys, 'ctrl+s', tree)).toBe('toggle-sort');
	expect(resolveKey(keys, 'n', tree)).toBe('page-down');
});

test('our files win over dive’s, the project file over the user file', async () => {
	await writeFile(path.join(cwd, '.dive.yaml'), 'layer:\n  show-aggregated-changes: true\n');
	await writeFile(path.join(home, '.config', 'layerlens', 'config.yaml'), 'mode: layer\nsort: size\nkeys:\n  view-file: [o, v]\n');
	await writeFile(path.join(cwd, '.layerlens.yaml'), 'sort: name\nextract-dir: ~/out\ncolour: pink\n');
	const config = await load();
	expect(config).toMatchObject({mode: 'layer', sort: 'name', extractDir: '~/out'});
	expect(config.sources).toHaveLength(3);
	expect(config.warnings).toEqual([`${path.join(cwd, '.layerlens.yaml')}: unknown setting "colour" ignored`]);
	expect(resolveKey(buildKeyMap(config.keys), 'o', scopeChain('tree', false))).toBe('view-file');
});

test('XDG_CONFIG_HOME moves the user file', async () => {
	const xdg = path.join(base, 'xdg');
	await mkdir(path.join(xdg, 'layerlens'), {recursive: true});
	await writeFile(path.join(xdg, 'layerlens', 'config.yaml'), 'sort: size\n');
	expect((await loadExplorerConfig({cwd, home, env: {XDG_CONFIG_HOME: xdg}})).sort).toBe('size');
});

test('a broken file is an input error naming the file', async () => {
	await writeFile(path.join(cwd, '.layerlens.yaml'), 'sort: [\n');
	await expect(load()).rejects.toThrow(InputError);
	await expect(load()).rejects.toThrow(/^invalid YAML/);
	await expect(load()).rejects.toMatchObject({input: path.join(cwd, '.layerlens.yaml')});
	await writeFile(path.join(cwd, '.layerlens.yaml'), 'sort: biggest\n');
	await expect(load()).rejects.toThrow(ConfigError);
	await expect(load()).rejects.toThrow('sort must be name or size');
});
