import {dir, file, hardlink, whiteout, type ImageDescription} from '../../helpers/image-builder.js';

/** Content of `n` bytes made of one repeated character: sizes below are counted by hand from these. */
export const bytesOf = (char: string, n: number) => char.repeat(n);

export const pemKey = `-----BEGIN OPENSSH PRIVATE KEY-----\n${'b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ'.repeat(10)}\n-----END OPENSSH PRIVATE KEY-----\n`;
export const tlsKey = `-----BEGIN PRIVATE KEY-----\n${'MIIEvQIBADANBgkqhkiG9w0BAQEFAASC'.repeat(8)}\n-----END PRIVATE KEY-----\n`;
export const envWithToken = 'APP_ENV=production\nAPI_TOKEN=9f8e7d6c5b4a39281706f5e4d3c2b1a0\n';
export const envExample = '# copy to .env\nAPP_ENV=development\nAPI_TOKEN=\nDB_PASSWORD=changeme\nSECRET_KEY=<your secret key>\n';

/** One case per hint kind, and the negative cases beside them; the expected numbers are worked out in the test. */
export const wasteImage: ImageDescription = {
	tags: ['hints:test'],
	layers: [
		{
			createdBy: '/bin/sh -c #(nop) ADD file:base in / ',
			entries: [
				dir('etc'),
				file('etc/app.conf', bytesOf('a', 2000)),
				file('etc/owned.conf', bytesOf('b', 2000)),
				file('etc/touched.conf', bytesOf('c', 2000)),
				dir('opt'),
				file('opt/tool.bin', bytesOf('t', 5000), {mode: 0o755}),
				dir('srv'),
				file('srv/data.txt', bytesOf('d', 3000)),
				dir('var'),
				dir('var/lib'),
				dir('var/lib/apt'),
				dir('var/lib/apt/lists'),
				file('var/lib/apt/lists/lock'),
				file('var/lib/apt/lists/deb.debian.org_debian_dists_bookworm_InRelease', bytesOf('r', 4000)),
			],
		},
		{createdBy: 'RUN /bin/sh -c chmod 0600 /etc/app.conf # buildkit', entries: [dir('etc'), file('etc/app.conf', bytesOf('a', 2000), {mode: 0o600})]},
		{createdBy: 'RUN /bin/sh -c chown 1000:1000 /etc/owned.conf # buildkit', entries: [dir('etc'), file('etc/owned.conf', bytesOf('b', 2000), {uid: 1000, gid: 1000})]},
		{
			createdBy: 'RUN /bin/sh -c touch /etc/touched.conf # buildkit',
			entries: [dir('etc'), file('etc/touched.conf', bytesOf('c', 2000), {mtime: new Date('2025-01-01T00:00:00Z')})],
		},
		{
			createdBy: 'COPY . /srv/app # buildkit',
			entries: [
				dir('root', {mode: 0o700}),
				dir('root/.ssh', {mode: 0o700}),
				file('root/.ssh/id_rsa', pemKey, {mode: 0o600}),
				dir('srv/app'),
				file('srv/app/.env', envWithToken),
				file('srv/app/.env.example', envExample),
				dir('srv/tls'),
				file('srv/tls/server.key', tlsKey),
				file('srv/tls/server.crt', '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n'),
			],
		},
		{createdBy: 'RUN /bin/sh -c rm /root/.ssh/id_rsa # buildkit', entries: [dir('root/.ssh', {mode: 0o700}), whiteout('root/.ssh/id_rsa')]},
		{
			createdBy: 'RUN /bin/sh -c ln /opt/tool.bin /opt/tool-link && cp /opt/tool.bin /usr/bin/tool-copy # buildkit',
			entries: [dir('opt'), hardlink('opt/tool-link', 'opt/tool.bin', {mode: 0o755}), dir('usr'), dir('usr/bin'), file('usr/bin/tool-copy', bytesOf('t', 5000), {mode: 0o755})],
		},
		{createdBy: 'RUN /bin/sh -c generate > /srv/data.txt # buildkit', entries: [dir('srv'), file('srv/data.txt', bytesOf('e', 3000))]},
		{
			createdBy: 'COPY assets/ /srv/ # buildkit',
			entries: [
				dir('srv'),
				file('srv/a.bin', bytesOf('z', 4096)),
				file('srv/b.bin', bytesOf('z', 4096)),
				file('srv/x.txt', bytesOf('s', 500)),
				file('srv/y.txt', bytesOf('s', 500)),
				// Same size and same first 4 KiB at two paths, different after: not duplicates.
				file('srv/p.bin', `${bytesOf('q', 5000)}A`),
				file('srv/q.bin', `${bytesOf('q', 5000)}B`),
				dir('tmp'),
				file('tmp/build.tar', bytesOf('k', 10000)),
			],
		},
		{createdBy: 'RUN /bin/sh -c rm /tmp/build.tar # buildkit', entries: [dir('tmp'), whiteout('tmp/build.tar')]},
	],
};
