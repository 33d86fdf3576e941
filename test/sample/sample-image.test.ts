import {mkdtemp, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {Analysis} from '../../src/core/analysis-types.js';
import {sampleImage, sampleSizes, writeSampleArchive} from '../../src/sample/sample-image.js';
import * as text from '../../src/sample/sample-texts.js';
import {analyzePath} from '../helpers/load-fixture.js';

const bytes = (value: string) => Buffer.byteLength(value, 'utf8');

describe('the bundled sample image', () => {
	let dir = '';
	let analysis: Analysis;

	beforeAll(async () => {
		dir = await mkdtemp(path.join(tmpdir(), 'layerlens-sample-'));
		const target = path.join(dir, 'sample.tar');
		await writeSampleArchive(target, dir);
		analysis = await analyzePath(target);
	});
	afterAll(() => rm(dir, {recursive: true, force: true}));

	it('is a Docker 25+ archive with gzip layers, ten layers and the history the description gives', () => {
		expect(analysis.image.format).toBe('docker-oci');
		expect(analysis.image.tags).toEqual(['localhost/layerlens/greeter:1.4.2']);
		expect(analysis.layers.map((layer) => layer.compression)).toEqual(Array(10).fill('gzip'));
		expect(analysis.layers.map((layer) => layer.createdBy)).toEqual(sampleImage.layers.map((layer) => layer.createdBy));
	});

	it("has dive's wasted bytes as the description implies", () => {
		// Paths stored in two or more layers, every copy counted (dive's rule): the overwritten settings, the chmod'ed
		// main.py, the chown'ed cache.db, the deleted package index (its whiteout adds 0), and the replaced index.html.
		// /tmp/build is deleted as a directory it was never a leaf of, so dive does not count it. layerlens fixes dive's
		// blindness to opaque directories by counting one as a whiteout of each lower child it hides: logo.svg. The .env
		// COPY'd in layer 2 and deleted in layer 7 is a path in two layers: its copy plus a whiteout of 0.
		const wasted =
			bytes(text.dotEnv) +
			bytes(text.settingsDebug) +
			bytes(text.settingsRelease) +
			2 * bytes(text.mainPy) +
			2 * sampleSizes.cacheDb +
			sampleSizes.apkIndex +
			bytes(text.oldIndexHtml) +
			bytes(text.indexHtml) +
			bytes(text.logoSvg);
		expect(analysis.image.wastedBytes).toBe(wasted);
	});

	it('has reclaimable bytes: every hidden copy, including what the whiteout and the opaque directory hide', () => {
		const buildLog = 40 * bytes('[01/40] compiling Modules/module0.c\n') + 30; // module10..module39 add a digit each
		const reclaimable =
			bytes(text.dotEnv) +
			bytes(text.settingsDebug) +
			bytes(text.mainPy) +
			sampleSizes.cacheDb +
			sampleSizes.apkIndex +
			sampleSizes.pythonTarball +
			buildLog +
			bytes(text.oldIndexHtml) +
			bytes(text.logoSvg);
		expect(analysis.image.reclaimableBytes).toBe(reclaimable);
	});

	it('shows each kind of change in its layer', () => {
		const change = (layer: number, p: string) => analysis.layers[layer]?.changes.find((entry) => entry.path === p);
		expect(change(4, '/srv/app/config/settings.toml')).toMatchObject({kind: 'modified', fields: ['content']});
		expect(change(5, '/srv/app/main.py')).toMatchObject({kind: 'modified', fields: ['mode'], mode: 0o755});
		expect(change(6, '/srv/app/data/cache.db')).toMatchObject({kind: 'modified', fields: ['owner'], uid: 1000});
		expect(change(7, '/tmp/build')).toMatchObject({kind: 'removed', type: 'dir'});
		expect(change(7, '/var/cache/apk/APKINDEX.tar.gz')).toMatchObject({kind: 'removed', size: sampleSizes.apkIndex});
		expect(change(8, '/srv/app/static/logo.svg')).toMatchObject({kind: 'removed'});
		expect(change(9, '/usr/local/bin/greeter')).toMatchObject({kind: 'added', type: 'symlink', linkTarget: '/srv/app/main.py'});
		expect(change(9, '/usr/share/greeter/VERSION')).toMatchObject({kind: 'added', type: 'hardlink'});
		expect(change(9, '/usr/share/greeter/VERSION')?.linkTarget).toMatch(/^\/?srv\/app\/VERSION$/);
		expect(change(1, '/usr/bin/python3')).toMatchObject({kind: 'added', type: 'hardlink'});
	});

	it('holds at least one hint of every kind, each where the description puts it', () => {
		const buildLog = 40 * bytes('[01/40] compiling Modules/module0.c\n') + 30;
		const hints = analysis.hints.hints.map((hint) => `${hint.kind} ${hint.bytes} L${hint.layer} [${hint.layers.join(',')}] ${hint.paths.join(' ')}`);
		expect(hints.sort()).toEqual(
			[
				// The .env with a token, COPY'd in layer 2 and deleted in layer 7: still in layer 2's blob. Not .env.example.
				`secret ${bytes(text.dotEnv)} L2 [2,7] /srv/app/.env`,
				`deleted-later ${bytes(text.dotEnv)} L2 [2,7] /srv/app/.env`,
				// Layer 1's download, build log and package index, deleted by layer 7.
				`deleted-later ${sampleSizes.pythonTarball + buildLog + sampleSizes.apkIndex} L1 [1,7] /var/cache/apk/APKINDEX.tar.gz /tmp/build/python-3.12.tar.xz /tmp/build/build.log`,
				// The opaque /srv/app/static of layer 8 hides logo.svg (deleted) and the old index.html (written again).
				`deleted-later ${bytes(text.logoSvg)} L2 [2,8] /srv/app/static/logo.svg`,
				`overwritten ${bytes(text.oldIndexHtml)} L2 [2,8] /srv/app/static/index.html`,
				`overwritten ${bytes(text.settingsDebug)} L2 [2,4] /srv/app/config/settings.toml`,
				`metadata-rewrite ${bytes(text.mainPy)} L5 [2,5] /srv/app/main.py`,
				`metadata-rewrite ${sampleSizes.cacheDb} L6 [2,6] /srv/app/data/cache.db`,
				// Layer 9 copies the README next to the VERSION link.
				`duplicate-content ${bytes(text.readme)} L9 [2,9] /srv/app/README.md /usr/share/greeter/README.md`,
				`package-cache ${sampleSizes.pipCache} L1 [1] /root/.cache/pip/http-v2/tomli_w-1.0.0-py3-none-any.whl.body`,
			].sort(),
		);
	});
});
