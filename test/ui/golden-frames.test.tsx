import {existsSync, mkdirSync, readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {cleanup} from 'ink-testing-library';
import {afterEach, expect, test} from 'vitest';
import {describeWithFixtures} from '../helpers/fixtures.js';
import {press} from '../helpers/press.js';
import {renderExplorer} from './render-explorer.js';

/**
Whole frames, compared line for line with the files in test/ui/golden/, so that a layout change anywhere on screen is
seen. dive's own test image: its content never changes. After an intended layout change, review the new frames with
`UPDATE_GOLDEN=1 npx vitest run test/ui/golden-frames.test.tsx` and `git diff test/ui/golden/`.
*/
const goldenDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'golden');
const update = process.env['UPDATE_GOLDEN'] === '1';

afterEach(() => cleanup());

function matchGolden(name: string, frame: string) {
	const file = path.join(goldenDir, `${name}.txt`);
	if (update) {
		mkdirSync(goldenDir, {recursive: true});
		writeFileSync(file, `${frame}\n`);
		return;
	}
	expect(existsSync(file), `${file} is missing: write it with UPDATE_GOLDEN=1 and review it`).toBe(true);
	expect(`${frame}\n`).toBe(readFileSync(file, 'utf8'));
}

const views: ReadonlyArray<readonly [string, readonly string[]]> = [
	['layers-and-tree', []],
	['image-details', ['l', 'l']],
	['help', ['?']],
];

describeWithFixtures('whole frames of dive/test-docker-image.tar', () => {
	for (const size of [{columns: 80, rows: 24}, {columns: 120, rows: 40}]) {
		for (const [view, input] of views) {
			test(`${view} at ${size.columns}x${size.rows}`, async () => {
				const {stdin, frame} = await renderExplorer('dive/test-docker-image.tar', {size});
				if (input.length > 0) await press(stdin, ...input);
				const text = frame();
				// The explorer leaves the terminal's last line free (a full-height frame would scroll the terminal).
				expect(text.split('\n')).toHaveLength(size.rows - 1);
				expect(Math.max(...text.split('\n').map(line => [...line].length))).toBeLessThanOrEqual(size.columns);
				matchGolden(`${view}-${size.columns}x${size.rows}`, text);
			});
		}
	}
});
