import type {Analysis, LayerAnalysis} from '../core/analysis-types.js';
import {changeListOf, eachChange} from '../core/change-list.js';
import {changeListWriter, changesWriter, exportChange} from './changes-writer.js';
import {diveFileList} from './dive-file-list.js';
import {fileListWriter} from './file-list-writer.js';
import {markPlainRecords, plainRecords, selfWritten} from './marshal-indent.js';
import type {Hint} from '../core/hints/hint-types.js';
import type {ExportDocument, ExportHint, ExportImage, ExportLayer} from './export-types.js';

export const exportSchemaVersion = 1;

/**
Large lists are written straight from the analysis: records whose keys are already in export order are passed as
they are, the others are mapped one item at a time while the writer asks for them.
*/
function* mapLazily<T, R>(items: Iterable<T>, map: (item: T) => R): Generator<R> {
	for (const item of items) yield map(item);
}

/**
A layer's record. `fileList` and `changes` are getters: the writer builds each layer's lists only while it writes
that layer, so a 200k-file image never holds every export record at once. Both lists write themselves straight from
the analysis (see `fileListWriter`, `changesWriter`); iterating them gives their records.
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
			const entries = modelLayer?.entries ?? [];
			return selfWritten(() => diveFileList(entries), fileListWriter(entries));
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
		hidden: markPlainRecords(layer.hidden),
		get changes() {
			// Written from the analysis's change list when the layer has one (no records made), else one record at a time.
			const list = changeListOf(layer);
			return selfWritten(() => mapLazily(eachChange(layer), exportChange), list === undefined ? changesWriter(eachChange(layer)) : changeListWriter(list));
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
		// Plain records ({path, copies, bytes}), like `hidden`: each written in one step.
		reclaimable: markPlainRecords(analysis.reclaimable),
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
