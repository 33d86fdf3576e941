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

test('hidden copies of a layer and the reclaimable paths: largest first, then by path (bytewise), whatever order they left in', () => {
	const sizes: Record<string, number> = {'m/b': 5, 'm/a': 5, 'z': 9, 'm/c': 5, 'b-x': 5, 'b/x': 5, 'a': 1};
	const names = Object.keys(sizes);
	const tied: ImageModel = {
		...model,
		layers: [
			layer(0, names.map(name => file(name, sizes[name]!))),
			// Overwritten in another order than listed, some removed instead.
			layer(1, [file('b/x', 2), file('m/c', 2), file('a', 3)]),
			layer(2, [file('.wh.m', 0), file('.wh.z', 0), file('.wh.b-x', 0)]),
		],
	};
	const analysis = analyze(tied);
	expect(analysis.layers[0]!.hidden.map(copy => [copy.path, copy.bytes, copy.hiddenBy])).toEqual([
		['/z', 9, 2],
		['/b-x', 5, 2],
		['/b/x', 5, 1],
		['/m/a', 5, 2],
		['/m/b', 5, 2],
		['/m/c', 5, 1],
		['/a', 1, 1],
	]);
	expect(analysis.reclaimable.map(item => [item.path, item.copies, item.bytes])).toEqual([
		['/z', 1, 9],
		// m/c twice (layer 1's copy is removed by layer 2 too); b/x and a: layer 1's copies are the final ones.
		['/m/c', 2, 7],
		['/b-x', 1, 5],
		['/b/x', 1, 5],
		['/m/a', 1, 5],
		['/m/b', 1, 5],
		['/a', 1, 1],
	]);
});
