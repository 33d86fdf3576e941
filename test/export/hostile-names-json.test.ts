import {writeFileSync} from 'node:fs';
import path from 'node:path';
import {expect, test} from 'vitest';
import {rawTar} from '../helpers/raw-tar.js';
import {runCli} from '../helpers/run-cli.js';
import {tempDir} from '../helpers/temp-dir.js';
import {ociArchiveAround} from '../helpers/zstd-bomb.js';
import {runTool} from '../helpers/run-tool.js';

/** A PAX header whose `path` record holds these exact bytes (not necessarily UTF-8), then the file it names. */
function paxNamed(name: Buffer, data: string): Buffer {
	const body = Buffer.concat([Buffer.from(' path='), name, Buffer.from('\n')]);
	let length = body.length + 1;
	while (String(length).length + body.length !== length) length = String(length).length + body.length;
	const record = Buffer.concat([Buffer.from(String(length)), body]);
	return Buffer.concat([rawTar([{name: 'PaxHeaders/x', type: 'x', data: record}], false), rawTar([{name: 'placeholder', data}], false)]);
}

test('names no text can hold (a UTF-16 surrogate as UTF-8 bytes, stray bytes) and markup: the export stays valid JSON, escaped as Go escapes it', async () => {
	const layer = Buffer.concat([
		paxNamed(Buffer.from('n/a\u0001\u007fb'), 'a'), // (a NUL is refused, as Go refuses it: test/cli/go-tar-rules.test.ts)
		paxNamed(Buffer.from([0x73, 0x2f, 0xed, 0xa0, 0x80, 0x78]), 'b'), // s/ + the UTF-8 form of U+D800 + x
		paxNamed(Buffer.from([0x62, 0x2f, 0xff, 0xc3, 0x28]), 'c'), // b/ + a byte UTF-8 never uses + a cut 2-byte sequence
		rawTar([{name: 'e/\u001b]52;c;aGk=\u0007<\u2028>&\u202e', data: 'd'}, {name: 'l', type: '2', linkname: '\u001b[2J</script>\u2029'}]),
	]);
	const dir = tempDir('layerlens-json-names-');
	const image = path.join(dir, 'image.tar');
	writeFileSync(image, await ociArchiveAround(layer, 'application/vnd.oci.image.layer.v1.tar'));
	const run = await runCli(['-q', '--json', '-', image]);
	expect(run.code, run.stderr).toBe(0);
	// Two real consumers: JavaScript's JSON.parse and jq.
	const doc = JSON.parse(run.stdout) as {layer: Array<{changes: Array<{path: string; linkTarget: string}>}>};
	const viaJq = runTool('jq', ['-c', '[.layer[0].changes[] | [.path, .linkTarget]]'], run.stdout);
	const changes = doc.layer[0]!.changes.map(change => [change.path, change.linkTarget]);
	expect(JSON.parse(viaJq)).toEqual(changes);
	expect(changes).toEqual([
		['/b', ''],
		['/b/\uFFFD\uFFFD(', ''],
		['/e', ''],
		['/e/\u001b]52;c;aGk=\u0007<\u2028>&\u202e', ''],
		['/l', '\u001b[2J</script>\u2029'],
		['/n', ''],
		['/n/a\u0001\u007fb', ''],
		['/s', ''],
		['/s/\uFFFD\uFFFD\uFFFDx', ''],
	]);
	// Go's encoding/json: controls as \u00XX, <, >, & and U+2028/U+2029 escaped (dive-behavior.md), no raw control byte.
	expect(run.stdout).toContain('"/e/\\u001b]52;c;aGk=\\u0007\\u003c\\u2028\\u003e\\u0026\u202e"');
	expect(run.stdout).toContain('"linkTarget": "\\u001b[2J\\u003c/script\\u003e\\u2029"');
	expect(run.stdout).toContain('"/n/a\\u0001\u007fb"');
	expect(run.stdout).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u2028\u2029]/);
});
