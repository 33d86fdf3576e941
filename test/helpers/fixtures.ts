import {existsSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {describe, test} from 'vitest';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Where the shared fixtures live: `$LAYERLENS_FIXTURES` (set by .ci/run), else `../shared/fixtures`. */
export const fixturesRoot = process.env['LAYERLENS_FIXTURES'] ?? path.resolve(repoRoot, '../shared/fixtures');

export const haveFixtures = existsSync(path.join(fixturesRoot, 'dive', 'test-docker-image.tar'));

export function fixturePath(relative: string): string {
	return path.join(fixturesRoot, relative);
}

if (!haveFixtures) {
	console.warn(
		`layerlens tests: shared fixtures not found at ${fixturesRoot}; tests that read real archives are not run. ` +
			'Set LAYERLENS_FIXTURES or place the shared/ folder beside the project.',
	);
}

/**
A describe block for tests that read the shared fixtures. In CI (CI=true) missing fixtures are an error, so a green
run always means the real archives were read; elsewhere (a fresh checkout without ../shared) the block is reported
as skipped, its name saying why, next to the warning above.
*/
export function describeWithFixtures(name: string, body: () => void): void {
	if (haveFixtures) {
		describe(name, body);
		return;
	}
	if (process.env['CI'] === 'true') {
		describe(name, () => {
			throw new Error(`shared fixtures missing at ${fixturesRoot} (CI requires them)`);
		});
		return;
	}
	// The body is not run: it may read the fixtures while collecting its tests.
	describe.skip(`${name} (needs the shared fixtures, not found at ${fixturesRoot})`, () => {
		test('reads the shared fixtures', () => {});
	});
}

export {repoRoot};
