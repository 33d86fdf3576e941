import {mkdtemp, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, expect, test} from 'vitest';
import {evaluate} from '../../src/ci/evaluate.js';
import {renderReport} from '../../src/ci/report.js';
import {resolveRules} from '../../src/ci/resolve-rules.js';
import {openSavedAnalysis} from '../../src/cli/open-image.js';
import type {Analysis} from '../../src/core/analysis-types.js';
import {analyze} from '../../src/core/analyze.js';
import {toDiveExport} from '../../src/export/dive-export.js';
import {marshalIndent} from '../../src/export/marshal-indent.js';
import {withAllDigests} from '../../src/loader/fill-digests.js';
import {savedSourceOf, writeSaved} from '../../src/saved/write-saved.js';
import {describeWithFixtures} from '../helpers/fixtures.js';
import {loadPath} from '../helpers/load-fixture.js';

const fixtures: Array<[string, {image?: string; platform?: string}]> = [
	['dive/test-docker-image.tar', {}],
	['dive/test-kaniko-image.tar', {}],
	['dive/test-oci-uncompressed-image.tar', {}],
	['dive/test-oci-gzip-image.tar', {}],
	['dive/test-oci-zstd-image.tar', {}],
	['dive/test-oci-estargz-image.tar', {}],
	['real/small-app.docker-archive.tar', {}],
	['real/small-app.docker-save.tar', {}],
	['real/small-app.containerd-export.uncompressed.tar', {}],
	['real/small-app.containerd-export.gzip.tar', {}],
	['real/small-app.oci-archive.gzip.tar', {}],
	['real/small-app.oci-archive.uncompressed.tar', {}],
	['real/small-app.oci-archive.zstd.tar', {}],
	['real/small-app.docker-archive.tar.gz', {}],
	['real/small-multiarch.oci-archive.tar', {platform: 'linux/arm64'}],
	['real/multi-image.docker-archive.tar', {image: 'multi-b:1.0'}],
	['real/multi-image.docker-save.tar', {image: 'multi-a'}],
];

/** The first bytes of files that may hold a credential are not saved (the hints computed from them are). */
function withoutHeads(analysis: Analysis): Analysis {
	const layers = analysis.model.layers.map(layer => ({...layer, entries: layer.entries.map(({head: _head, ...entry}) => entry)}));
	return {...analysis, model: {...analysis.model, layers}};
}

describeWithFixtures('saved analysis round trip on every fixture', () => {
	let dir = '';
	beforeAll(async () => {
		dir = await mkdtemp(path.join(tmpdir(), 'layerlens-saved-'));
	});
	afterAll(async () => {
		await rm(dir, {recursive: true, force: true});
	});

	test.each(fixtures)('%s: the reopened analysis exports and reports exactly as the live one', async (name, select) => {
		const live = await loadPath(name, select);
		const liveAnalysis = analyze(live.model);
		const target = path.join(dir, `${path.basename(name)}.lla`);
		const complete = await withAllDigests(live.model, live.content);
		const completeAnalysis = analyze(complete);
		await writeSaved(target, completeAnalysis, await savedSourceOf(live.source, live.locations), 'layerlens test');
		const reopened = await openSavedAnalysis(target);
		expect(reopened).toBeDefined();
		// Schema 2 holds the analysis: it is decoded, not recomputed, and equals the live one field for field.
		const saved = reopened!.analysis!;
		expect(saved).toBeDefined();
		expect(saved).toEqual(withoutHeads(completeAnalysis));
		// Opened early, as the explorer does, it is the same analysis once the rest is read.
		const early = (await openSavedAnalysis(target, {early: true}))!;
		await early.complete!();
		expect(early.analysis).toEqual(saved);
		expect(marshalIndent(toDiveExport(saved))).toBe(marshalIndent(toDiveExport(liveAnalysis)));
		const rules = resolveRules({flags: {lowestEfficiency: '0.95', highestWastedBytes: '1kB', highestUserWastedPercent: '0.2'}}).rules;
		expect(renderReport(saved, evaluate(saved, rules))).toBe(renderReport(liveAnalysis, evaluate(liveAnalysis, rules)));
		// Every regular file carries a digest, so the file can be compared later without its archive.
		for (const layer of reopened!.model.layers) for (const entry of layer.entries) if (entry.type === 'file') expect(entry.digest).toMatch(/^[0-9a-f]{16}$/);
		expect(reopened!.content.available).toBe(true);
	});
});
