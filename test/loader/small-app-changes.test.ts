import {expect, test} from 'vitest';
import type {Change} from '../../src/core/analysis-types.js';
import {describeWithFixtures} from '../helpers/fixtures.js';
import {analyzePath} from '../helpers/load-fixture.js';

const pick = (changes: readonly Change[], path: string) => changes.filter(change => change.path === path);

// Expected effects come from the Containerfile in shared/fixtures/real/README.md.
describeWithFixtures('per-layer changes of small-app (podman build, overlay driver)', () => {
	test('layer 2 modifies notes.txt content; parent directories re-listed unchanged are not changes', async () => {
		const {layers} = await analyzePath('real/small-app.oci-archive.gzip.tar');
		expect(layers[2]!.changes).toEqual([
			{path: '/srv/docs/notes.txt', kind: 'modified', type: 'file', size: 20893, mode: 0o644, uid: 0, gid: 0, linkTarget: '', fields: ['content']},
		]);
	});

	test('chmod-only and chown-only copy-ups are modifications of mode and owner', async () => {
		const {layers} = await analyzePath('real/small-app.oci-archive.zstd.tar');
		expect(pick(layers[3]!.changes, '/etc/app/config.ini')[0]).toMatchObject({kind: 'modified', mode: 0o600, fields: ['mode']});
		expect(pick(layers[4]!.changes, '/etc/app/settings.conf')[0]).toMatchObject({kind: 'modified', uid: 1000, gid: 1000, fields: ['owner']});
	});

	test('a directory whiteout removes the directory and everything below it', async () => {
		const {layers} = await analyzePath('real/small-app.docker-save.tar');
		expect(layers[6]!.changes.map(change => `${change.kind} ${change.path}`)).toEqual([
			'removed /usr/share/sample-doc',
			'removed /usr/share/sample-doc/changelog.txt',
			'removed /usr/share/sample-doc/copyright.txt',
			'removed /usr/share/sample-doc/examples',
			'removed /usr/share/sample-doc/examples/example.conf',
		]);
	});

	test('the opaque directory hides every lower child of /opt/app (dive ignores this)', async () => {
		const {layers} = await analyzePath('real/small-app.oci-archive.uncompressed.tar');
		const summary = layers[7]!.changes.map(change => `${change.kind} ${change.path}`);
		expect(summary).toEqual(
			expect.arrayContaining([
				'removed /opt/app/run.sh',
				'removed /opt/app/VERSION',
				'removed /opt/app/lib',
				'removed /opt/app/lib/util.sh',
				'added /opt/app/x',
			]),
		);
		expect(summary.filter(line => line.startsWith('removed'))).toHaveLength(4);
	});

	test('symlinks and hard links keep their targets', async () => {
		const {layers} = await analyzePath('real/small-app.docker-archive.tar');
		const changes = layers[8]!.changes;
		expect(pick(changes, '/usr/local/bin/blob')[0]).toMatchObject({kind: 'added', type: 'symlink', linkTarget: '/opt/data/blob.bin'});
		expect(pick(changes, '/opt/docs')[0]).toMatchObject({type: 'symlink', linkTarget: '../srv/docs'});
		expect(pick(changes, '/srv/links/hardlink-b.txt')[0]).toMatchObject({type: 'hardlink', linkTarget: '/srv/links/hardlink-a.txt', size: 0});
	});

	test('long, PAX and UTF-8 names arrive intact', async () => {
		const {layers} = await analyzePath('real/small-app.containerd-export.gzip.tar');
		const paths = layers[11]!.changes.map(change => change.path);
		expect(paths).toContain('/srv/names/ünïcødé-文件.txt');
		expect(paths).toContain('/srv/names/file with spaces.txt');
		expect(paths).toContain(
			'/srv/names/a-directory-name-that-is-long-enough/to-push-the-path-of-the-file-below-past-100-bytes/ustar-prefix.txt',
		);
		expect(paths.some(path => path.length > 112 && path.endsWith('pax-needed.txt'))).toBe(true);
	});

	test('deleting the 1 MiB download makes it wasted and reclaimable', async () => {
		const analysis = await analyzePath('real/small-app.oci-archive.gzip.tar');
		expect(analysis.inefficiencies[0]).toEqual({path: '/tmp/download/blob.bin', count: 2, cumulativeBytes: 1048576});
		expect(analysis.reclaimable[0]).toEqual({path: '/tmp/download/blob.bin', copies: 1, bytes: 1048576});
		// The removed /usr/share/sample-doc files and the opaque-hidden /opt/app files are reclaimable too.
		expect(analysis.reclaimable.map(item => item.path)).toEqual(
			expect.arrayContaining(['/usr/share/sample-doc/changelog.txt', '/opt/app/lib/util.sh', '/srv/docs/notes.txt']),
		);
	});

	test('multi-platform index: platform selection and a clear error without it', async () => {
		const amd = await analyzePath('real/small-multiarch.oci-archive.tar', {platform: 'linux/amd64'});
		expect(amd.image.platform).toBe('linux/amd64');
		await expect(analyzePath('real/small-multiarch.oci-archive.tar')).rejects.toThrow(/choose one with --image or --platform: .*linux\/amd64.*linux\/arm64/);
		await expect(analyzePath('real/small-multiarch.oci-archive.tar', {platform: 'linux/s390x'})).rejects.toThrow(/no image for platform linux\/s390x/);
	});

	test('multi-image archive: --image picks by full or short name, and lists the choices otherwise', async () => {
		const b = await analyzePath('real/multi-image.docker-save.tar', {image: 'multi-b'});
		expect(b.image.tags).toContain('localhost/fixtures/multi-b:latest');
		expect(b.layers[1]!.changes.some(change => change.kind === 'removed' && change.path === '/home/app')).toBe(true);
		await expect(analyzePath('real/multi-image.docker-archive.tar')).rejects.toThrow(/multi-a:latest.*multi-b:1.0/);
		await expect(analyzePath('real/multi-image.docker-archive.tar', {image: 'nope:1'})).rejects.toThrow(/no image named nope:1/);
	});
});
