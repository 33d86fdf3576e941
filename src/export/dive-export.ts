import type {Analysis, Change, LayerAnalysis} from '../core/analysis-types.js';
import {eachChange} from '../core/change-list.js';
import {diveFileList} from './dive-file-list.js';
import {plainRecords} from './marshal-indent.js';
import type {Hint} from '../core/hints/hint-types.js';
import type {ExportChange, ExportDocument, ExportHint, ExportImage, ExportLayer} from './export-types.js';

export const exportSchemaVersion = 1;

/**
Large lists are written straight from the analysis: records whose keys are already in export order are passed as
they are, the others are mapped one item at a time while the writer asks for them.
*/
function* mapLazily<T, R>(items: Iterable<T>, map: (item: T) => R): Generator<R> {
	for (const item of items) yield map(item);
}

/**
A copy of `path` that leaves `path` as it is. A change's absolute path is a rope (`/` and its entry's path) until
something reads its characters; reading them (the escape check of the JSON writer) would replace the rope's insides
with a flat copy that the analysis then keeps, some 60 bytes a change. The copy made here is garbage once written.
*/
function detachedCopy(path: string): string {
	return ` ${path}`.slice(1);
}

function exportChange(change: Change): ExportChange {
	const base = {
		path: detachedCopy(change.path),
		kind: change.kind,
		type: change.type,
		size: change.size,
		mode: change.mode,
		uid: change.uid,
		gid: change.gid,
		linkTarget: change.linkTarget,
	};
	return change.kind === 'modified' ? {...base, fields: change.fields ?? []} : base;
}

/**
A layer's record. `fileList` and `changes` are getters: the writer builds each layer's lists only while it writes
that layer, so a 200k-file image never holds every export record at once.
*/
function exportLayer(analysis: Analysis, layer: LayerAnalysis, position: number): ExportLayer {
	const modelLayer = analysis.model.layers[position];
	return {
		index: layer.index,
		id: layer.id,
		digestId: layer.diffId,
		sizeBytes: layer.sizeBytes,
		command: layer.command,
		get fileList() {
			return plainRecords(diveFileList(modelLayer?.entries ?? []));
		},
		createdBy: layer.createdBy,
		created: modelLayer?.created ?? '',
		blob: layer.blob,
		compression: layer.compression,
		entryCount: layer.entryCount,
		added: {count: layer.added.count, bytes: layer.added.bytes},
		modified: {count: layer.modified.count, bytes: layer.modified.bytes},
		removed: {count: layer.removed.count, bytes: layer.removed.bytes},
		reclaimableBytes: layer.reclaimableBytes,
		hidden: layer.hidden,
		get changes() {
			// One record at a time: the analysis's changes are not all made into records for the export.
			return plainRecords(mapLazily(eachChange(layer), exportChange));
		},
	};
}

function exportImage(analysis: Analysis): ExportImage {
	const {image} = analysis;
	return {
		sizeBytes: image.sizeBytes,
		inefficientBytes: image.wastedBytes,
		efficiencyScore: image.efficiencyScore,
		get fileReference() {
			return plainRecords(mapLazily(analysis.inefficiencies, item => ({count: item.count, sizeBytes: item.cumulativeBytes, file: item.path})));
		},
		name: image.name,
		tags: image.tags,
		format: image.format,
		configDigest: image.configDigest,
		platform: image.platform,
		layerCount: image.layerCount,
		userSizeBytes: image.userSizeBytes,
		baseSizeBytes: image.baseSizeBytes,
		userWastedPercent: Number.isFinite(image.userWastedPercent) ? image.userWastedPercent : null,
		reclaimableBytes: image.reclaimableBytes,
		userReclaimableBytes: image.userReclaimableBytes,
		finalFileCount: image.finalFileCount,
		reclaimable: analysis.reclaimable,
	};
}

/**
dive's `--json` document for an analysis, plus layerlens's additions (see `ExportDocument`). Pure; the file lists
are rebuilt from the model's entries the way dive builds its layer trees.
*/
export function toDiveExport(analysis: Analysis): ExportDocument {
	return {
		schemaVersion: exportSchemaVersion,
		layer: analysis.layers.map((layer, position) => exportLayer(analysis, layer, position)),
		image: exportImage(analysis),
		hints: analysis.hints.hints.map(exportHint),
		hintTotals: analysis.hints.totals,
		hintSavableBytes: analysis.hints.savableBytes,
	};
}

/** A hint lists at most this many paths in the export. */
export const exportHintPaths = 50;

function exportHint(hint: Hint): ExportHint {
	return {
		kind: hint.kind,
		severity: hint.severity,
		bytes: hint.bytes,
		layer: hint.layer,
		layers: hint.layers,
		paths: hint.paths.length > exportHintPaths ? hint.paths.slice(0, exportHintPaths) : hint.paths,
		count: hint.count,
		message: hint.message,
		fix: hint.fix,
	};
}
