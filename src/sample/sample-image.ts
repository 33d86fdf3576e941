import {dir, file, hardlink, opaque, streamedFile, symlink, whiteout} from './entries.js';
import type {EntryDescription, ImageDescription, LayerDescription} from './image-description.js';
import {writeImageArchive, type ArchiveSummary} from './image-writer.js';
import {pseudoRandomChunks} from './pseudo-random.js';
import * as text from './sample-texts.js';

/** Sizes of the binary files, so tests can reason about wasted bytes without reading our own output. */
export const sampleSizes = {
	busybox: 263_378,
	muslLoader: 98_304,
	python: 196_608,
	apkIndex: 180_000,
	pythonTarball: 150_000,
	cacheDb: 131_072,
	pyc: 2_345,
	pipCache: 40_000,
} as const;

const binary = (path: string, seed: number, size: number, attributes: Pick<EntryDescription, 'mode' | 'uid' | 'gid'> = {}) =>
	streamedFile(path, size, pseudoRandomChunks(seed, size), attributes);

const applets = ['sh', 'ls', 'cat', 'echo', 'mkdir', 'rm', 'ln', 'chmod', 'chown', 'sed', 'grep', 'mv', 'cp'];

const base: LayerDescription = {
	createdBy: '/bin/sh -c #(nop) ADD file:6f1e0c4b2a9d87e35c1f0b7a3d2e9c8f4b6a1d0e7c3f2b9a8d5e4c1b0a9f8e7d in / ',
	entries: [
		dir('bin'),
		binary('bin/busybox', 1, sampleSizes.busybox, {mode: 0o755}),
		...applets.map((name) => symlink(`bin/${name}`, '/bin/busybox')),
		dir('dev'),
		dir('etc'),
		file('etc/group', text.group),
		file('etc/hostname', 'greeter\n'),
		file('etc/hosts', text.hosts),
		file('etc/os-release', text.osRelease),
		file('etc/passwd', text.passwd),
		dir('home'),
		dir('home/app', {mode: 0o750, uid: 1000, gid: 1000}),
		dir('lib'),
		binary('lib/ld-musl-x86_64.so.1', 2, sampleSizes.muslLoader, {mode: 0o755}),
		symlink('lib/libc.musl-x86_64.so.1', 'ld-musl-x86_64.so.1'),
		dir('proc'),
		dir('root', {mode: 0o700}),
		dir('sys'),
		dir('tmp', {mode: 0o1777}),
		dir('var'),
		dir('var/cache'),
		dir('var/cache/apk'),
	],
};

const buildLog = Array.from({length: 40}, (_, i) => `[${String(i + 1).padStart(2, '0')}/40] compiling Modules/module${i}.c\n`).join('');

const layers: LayerDescription[] = [
	base,
	{
		createdBy: 'RUN /bin/sh -c apk add python3 && python3 -m pip install tomli-w && mkdir -p /tmp/build && wget -qO /tmp/build/python-3.12.tar.xz https://example.invalid/python-3.12.tar.xz # buildkit',
		entries: [
			dir('root', {mode: 0o700}),
			dir('root/.cache'),
			dir('root/.cache/pip'),
			dir('root/.cache/pip/http-v2'),
			binary('root/.cache/pip/http-v2/tomli_w-1.0.0-py3-none-any.whl.body', 8, sampleSizes.pipCache),
			dir('tmp', {mode: 0o1777}),
			dir('tmp/build'),
			file('tmp/build/build.log', buildLog),
			binary('tmp/build/python-3.12.tar.xz', 5, sampleSizes.pythonTarball),
			dir('usr'),
			dir('usr/bin'),
			binary('usr/bin/python3.12', 3, sampleSizes.python, {mode: 0o755}),
			hardlink('usr/bin/python3', 'usr/bin/python3.12', {mode: 0o755}),
			symlink('usr/bin/python', 'python3'),
			dir('usr/lib'),
			dir('usr/lib/python3.12'),
			file('usr/lib/python3.12/site.py', '"""Site-specific configuration (layerlens sample stub)."""\nENABLE_USER_SITE = False\n'),
			dir('var'),
			dir('var/cache'),
			dir('var/cache/apk'),
			binary('var/cache/apk/APKINDEX.tar.gz', 4, sampleSizes.apkIndex),
		],
	},
	{
		createdBy: 'COPY app/ /srv/app/ # buildkit',
		entries: [
			dir('srv'),
			dir('srv/app'),
			file('srv/app/.env', text.dotEnv),
			file('srv/app/.env.example', text.dotEnvExample),
			file('srv/app/README.md', text.readme),
			file('srv/app/main.py', text.mainPy),
			dir('srv/app/config'),
			file('srv/app/config/settings.toml', text.settingsDebug),
			dir('srv/app/data'),
			binary('srv/app/data/cache.db', 6, sampleSizes.cacheDb),
			dir('srv/app/static'),
			file('srv/app/static/index.html', text.oldIndexHtml),
			file('srv/app/static/logo.svg', text.logoSvg),
		],
	},
	{
		createdBy: 'RUN /bin/sh -c python3 -m compileall -q /srv/app # buildkit',
		entries: [dir('srv'), dir('srv/app'), dir('srv/app/__pycache__'), binary('srv/app/__pycache__/main.cpython-312.pyc', 7, sampleSizes.pyc)],
	},
	{
		createdBy: 'RUN /bin/sh -c sed -i -e \'s/debug = true/debug = false/\' -e \'s/"trace"/"info"/\' /srv/app/config/settings.toml # buildkit',
		entries: [dir('srv'), dir('srv/app'), dir('srv/app/config'), file('srv/app/config/settings.toml', text.settingsRelease)],
	},
	{
		createdBy: 'RUN /bin/sh -c chmod 0755 /srv/app/main.py # buildkit',
		entries: [dir('srv'), dir('srv/app'), file('srv/app/main.py', text.mainPy, {mode: 0o755})],
	},
	{
		createdBy: 'RUN /bin/sh -c chown -R app:app /srv/app/data # buildkit',
		entries: [dir('srv'), dir('srv/app'), dir('srv/app/data', {uid: 1000, gid: 1000}), binary('srv/app/data/cache.db', 6, sampleSizes.cacheDb, {uid: 1000, gid: 1000})],
	},
	{
		createdBy: 'RUN /bin/sh -c rm -rf /tmp/build /var/cache/apk/APKINDEX.tar.gz /srv/app/.env # buildkit',
		entries: [
			dir('srv'),
			dir('srv/app'),
			whiteout('srv/app/.env'),
			dir('tmp', {mode: 0o1777}),
			whiteout('tmp/build'),
			dir('var'),
			dir('var/cache'),
			dir('var/cache/apk'),
			whiteout('var/cache/apk/APKINDEX.tar.gz'),
		],
	},
	{
		createdBy: 'RUN /bin/sh -c rm -rf /srv/app/static && mkdir /srv/app/static && cp /tmp/index.html /srv/app/static/ # buildkit',
		entries: [dir('srv'), dir('srv/app'), dir('srv/app/static'), opaque('srv/app/static'), file('srv/app/static/index.html', text.indexHtml)],
	},
	{
		createdBy: 'RUN /bin/sh -c printf \'1.4.2\\n\' > /srv/app/VERSION && mkdir -p /usr/share/greeter && ln /srv/app/VERSION /usr/share/greeter/VERSION && cp /srv/app/README.md /usr/share/greeter/ && ln -s /srv/app/main.py /usr/local/bin/greeter # buildkit',
		entries: [
			dir('srv'),
			dir('srv/app'),
			file('srv/app/VERSION', '1.4.2\n'),
			dir('usr'),
			dir('usr/local'),
			dir('usr/local/bin'),
			symlink('usr/local/bin/greeter', '/srv/app/main.py'),
			dir('usr/share'),
			dir('usr/share/greeter'),
			file('usr/share/greeter/README.md', text.readme),
			hardlink('usr/share/greeter/VERSION', 'srv/app/VERSION'),
		],
	},
];

/** The image `npm start` opens: a small Python app on a tiny base, one lesson per layer (see its README.md). */
export const sampleImage: ImageDescription = {
	tags: ['localhost/layerlens/greeter:1.4.2'],
	created: '2024-06-01T12:00:00Z',
	config: {
		User: 'app',
		Env: ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', 'PYTHONUNBUFFERED=1'],
		Cmd: ['python3', '/srv/app/main.py'],
		WorkingDir: '/srv/app',
		ExposedPorts: {'8080/tcp': {}},
	},
	layers,
	emptyHistory: [
		{createdBy: '/bin/sh -c #(nop)  CMD ["/bin/sh"]', afterLayer: 0},
		{createdBy: 'ENV PYTHONUNBUFFERED=1', afterLayer: 1},
		{createdBy: 'WORKDIR /srv/app', afterLayer: 1},
		{createdBy: 'USER app', afterLayer: 9},
		{createdBy: 'EXPOSE map[8080/tcp:{}]', afterLayer: 9},
		{createdBy: 'CMD ["python3" "/srv/app/main.py"]', afterLayer: 9},
	],
};

/** Writes the sample as Docker 25+ `docker save` does, with gzip layers (a layout dive cannot read). */
export function writeSampleArchive(target: string, tmpDir: string): Promise<ArchiveSummary> {
	return writeImageArchive(sampleImage, 'docker-oci', target, {compression: 'gzip', compressionLevel: 9, tmpDir});
}
