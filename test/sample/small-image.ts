import {dir, file, hardlink, opaque, streamedFile, symlink, whiteout, device, fifo} from '../helpers/image-builder.js';
import type {ImageDescription, LayerDescription} from '../../src/sample/image-description.js';

/** 3000 bytes streamed in uneven chunks: 'abc...' repeated. */
export function* letters(size: number, chunk = 701): Generator<Uint8Array> {
	const alphabet = Buffer.from('abcdefghijklmnopqrstuvwxyz');
	for (let offset = 0; offset < size; offset += chunk) {
		const length = Math.min(chunk, size - offset);
		yield Buffer.from(Array.from({length}, (_, i) => alphabet[(offset + i) % 26] as number));
	}
}

export const baseLayer: LayerDescription = {
	createdBy: '/bin/sh -c #(nop) ADD file:base in / ',
	entries: [
		dir('etc'),
		file('etc/passwd', 'root:x:0:0:root:/root:/bin/sh\n'),
		file('etc/motd', 'hello\n'),
		dir('opt/app/lib'),
		file('opt/app/lib/a.so', 'A'.repeat(100)),
		dir('usr/bin'),
		file('usr/bin/tool', '#!/bin/sh\necho tool\n', {mode: 0o755}),
		hardlink('usr/bin/tool2', 'usr/bin/tool'),
		symlink('usr/bin/t', '/usr/bin/tool'),
		device('dev/null', 'char', 1, 3),
		fifo('run/pipe'),
		dir('tmp', {mode: 0o1777}),
	],
};

export const smallImage: ImageDescription = {
	tags: ['example.com/small:1.0'],
	config: {Env: ['PATH=/usr/bin'], Cmd: ['/bin/sh']},
	layers: [
		baseLayer,
		{
			createdBy: '/bin/sh -c echo bye > /etc/motd && chmod 600 /etc/passwd',
			entries: [dir('etc'), file('etc/motd', 'bye\n'), file('etc/passwd', 'root:x:0:0:root:/root:/bin/sh\n', {mode: 0o600})],
		},
		{
			createdBy: '/bin/sh -c rm -rf /opt/app/lib && rm /etc/motd',
			entries: [dir('etc'), whiteout('etc/motd'), dir('opt/app'), opaque('opt/app'), streamedFile('opt/app/big.bin', 3000, {[Symbol.iterator]: () => letters(3000)}, {uid: 1000, gid: 1000})],
		},
	],
	emptyHistory: [{createdBy: '/bin/sh -c #(nop)  CMD ["/bin/sh"]', afterLayer: 0}, {createdBy: '/bin/sh -c #(nop)  ENV A=1'}],
};
