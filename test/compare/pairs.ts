import type {ImageDescription, LayerDescription} from '../../src/sample/image-description.js';
import {dir, file, symlink} from '../helpers/image-builder.js';

/** A base layer both images of a pair share byte for byte (so the same diff_id). */
export const sharedBase: LayerDescription = {
	createdBy: '/bin/sh -c #(nop) ADD file:base in / ',
	entries: [dir('etc'), file('etc/passwd', 'root:x:0:0:root:/root:/bin/sh\n'), dir('app')],
};

/** The old image: one app layer over the shared base. */
export const oldImage: ImageDescription = {
	tags: ['example.com/pair:1.4'],
	layers: [
		sharedBase,
		{
			createdBy: '/bin/sh -c install app 1.4',
			entries: [
				dir('app'),
				file('app/data.txt', 'aaaa'),
				file('app/same.txt', 'same bytes'),
				file('app/mode.sh', '#!/bin/sh\n', {mode: 0o644}),
				file('app/owner.txt', 'owned', {uid: 0, gid: 0}),
				file('app/link', 'was a file'),
				dir('app/olddir'),
				file('app/olddir/a.txt', 'a'),
				file('app/olddir/b.txt', 'bb'),
			],
		},
	],
};

/** The new image: the same base, a different app layer with one change of each kind. */
export const newImage: ImageDescription = {
	tags: ['example.com/pair:1.5'],
	layers: [
		sharedBase,
		{
			createdBy: '/bin/sh -c install app 1.5',
			entries: [
				dir('app'),
				file('app/data.txt', 'bbbb'),
				file('app/same.txt', 'same bytes'),
				file('app/mode.sh', '#!/bin/sh\n', {mode: 0o755}),
				file('app/owner.txt', 'owned', {uid: 1000, gid: 1000}),
				symlink('app/link', 'data.txt'),
				dir('app/newdir'),
				file('app/newdir/big.bin', 'N'.repeat(5000)),
			],
		},
	],
};
