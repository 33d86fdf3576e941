import {expect, test} from 'vitest';
import {analyze} from '../../src/core/analyze.js';
import type {ImageModel, LayerEntry} from '../../src/core/model.js';
import {modelLayer} from '../helpers/model-layer.js';

const file = (path: string, size: number): LayerEntry => ({path, type: 'file', typeFlag: 48, size, mode: 0o644, uid: 0, gid: 0, linkTarget: '', digest: `d${path}${size}`});

const layer = modelLayer;

// One entry object listed by two layers (a model made in code may share them): it is the final copy, hidden by nobody.
const keep = file('keep', 3);

const model: ImageModel = {
	name: 'hidden',
	tags: [],
	format: 'docker-oci',
	configDigest: 'c',
	platform: 'linux/amd64',
	layers: [
		// `a` is a file, then a directory in the same layer (`a/b` listed below it); `.wh.ghost` is a whiteout with content.
		layer(0, [file('a', 10), file('a/b', 1), file('.wh.ghost', 7), keep, file('x', 4)]),
		layer(1, [file('x', 5)]),
		// A file at `a` again: the directory (and `a/b` below it) goes.
		layer(2, [file('a', 2), keep]),
		layer(3, [file('.wh.x', 0)]),
	],
};

test('hidden copies: what leaves the tree later is hidden by that layer; what left in its own layer or never entered, by the next layer that lists or changes its path', () => {
	const analysis = analyze(model);
	expect(analysis.layers.map(item => item.hidden)).toEqual([
		[
			{path: '/a', bytes: 10, hiddenBy: 2},
			{path: '/.wh.ghost', bytes: 7, hiddenBy: -1},
			{path: '/x', bytes: 4, hiddenBy: 1},
			{path: '/a/b', bytes: 1, hiddenBy: 2},
		],
		[{path: '/x', bytes: 5, hiddenBy: 3}],
		[],
		[],
	]);
	expect(analysis.reclaimable).toEqual([
		{path: '/a', copies: 1, bytes: 10},
		{path: '/x', copies: 2, bytes: 9},
		{path: '/.wh.ghost', copies: 1, bytes: 7},
		{path: '/a/b', copies: 1, bytes: 1},
	]);
	expect(analysis.layers.map(item => item.reclaimableBytes)).toEqual([22, 5, 0, 0]);
	expect(analysis.image.reclaimableBytes).toBe(27);
});
