import {mkdtempSync, readdirSync, readFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {describe, expect, test} from 'vitest';
import {checkContract, runFuzz} from '../../src/fuzz/run-fuzz.js';

const casesDir = path.join(import.meta.dirname, '../fuzz-cases');
const cases = readdirSync(casesDir).filter(name => name.endsWith('.bin'));
const work = mkdtempSync(path.join(tmpdir(), 'layerlens-fuzz-cases-'));
const limits = {timeoutMs: 30_000, rssLimitBytes: 1024 ** 3};

describe('every input the fuzzer ever found keeps the contract (exit 0 with JSON, or exit 2 with one line)', () => {
	test('there are cases to replay', () => {
		expect(cases.length).toBeGreaterThan(0);
	});
	for (const name of cases) {
		test(name, async () => {
			const way = name.split('.').slice(1, -1).join('.') as 'file' | 'stdin' | 'tar.gz';
			expect(['file', 'stdin', 'tar.gz']).toContain(way);
			expect(await checkContract(readFileSync(path.join(casesDir, name)), way, work, limits)).toBeUndefined();
		});
	}
});

describe('a short fixed-seed fuzz pass (npm run fuzz runs long ones)', () => {
	test('seed 2026: no finding', {timeout: 300_000}, async () => {
		const found: string[] = [];
		const result = await runFuzz({seed: 2026, iterations: 16, concurrency: 2, timeoutMs: 30_000, log: line => found.push(line)});
		expect(result.iterations).toBe(16);
		expect(found).toEqual([]);
		expect(result.findings).toEqual([]);
	});
});
