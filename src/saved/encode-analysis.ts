import type {Analysis, ChangeKind, ImageSummary} from '../core/analysis-types.js';
import type {HintKind, HintSeverity} from '../core/hints/hint-types.js';
import type {ArchiveFormat, EntryType, Layer} from '../core/model.js';
import {layerHeader, type LayerHeader} from '../core/layer-header.js';
import {encodeStrings, numberSection, StringTable, type Section} from './columns.js';
import type {SavedSource} from './saved-format.js';

/**
Schema 3 (and 2 before it): the analysis itself, so reopening is a decode. A JSON manifest holds everything that is
one per image, layer or hint; every per-path record is stored column by column in typed arrays, its strings as
references into a string table. Schema 3 stores them in two parts, each with its own string table:
- the front: what the explorer's first screen shows besides the manifest (hidden copies, inefficiencies,
  reclaimable paths, hint paths): small, so that screen waits for little;
- the rest: the layer entries, the changes and the final filesystem (the trees, the export, comparisons).
Schema 2 had one part with one table. Built from the public analysis types only (src/core/analysis-types.ts,
model.ts), never from the analyser's internal structures.
*/

export const entryTypes: readonly EntryType[] = ['file', 'dir', 'symlink', 'hardlink', 'char', 'block', 'fifo'];
export const changeKinds: readonly ChangeKind[] = ['added', 'modified', 'removed'];

/** A number JSON cannot hold (the ratio 0/0 is NaN, x/0 Infinity) is written as its name. */
export type SavedNumber = number | 'NaN' | 'Infinity' | '-Infinity';

export type SavedModelLayer = Omit<Layer, 'entries'> & {readonly entryCount: number};

export type SavedAnalysisLayer = LayerHeader & {
	readonly entryCount: number;
	readonly changeCount: number;
	readonly added: {readonly count: number; readonly bytes: number};
	readonly modified: {readonly count: number; readonly bytes: number};
	readonly removed: {readonly count: number; readonly bytes: number};
	readonly reclaimableBytes: number;
	readonly hiddenCount: number;
};

export type SavedHint = {
	readonly kind: HintKind;
	readonly severity: HintSeverity;
	readonly bytes: number;
	readonly layer: number;
	readonly layers: readonly number[];
	/** How many of the `hint.path` column's references are this hint's paths (in hint order). */
	readonly pathCount: number;
	readonly count: number;
	readonly message: string;
	readonly fix: string;
};

/** One part's data: its string table's text, then its number sections. */
export type SavedPart = {
	/** How the string table's text is stored: UTF-8, or UTF-16LE when a string is not well-formed Unicode. */
	readonly textEncoding: 'utf8' | 'utf16le';
	/** Byte length of the text section (the first section of the part's data). */
	readonly textBytes: number;
	/** The number sections that follow the text, in order: [name, kind, count]. */
	readonly sections: ReadonlyArray<readonly [string, string, number]>;
};

/** The manifest line of a schema 2 or 3 file: its own fields describe the front part (schema 2: the only part). */
export type SavedManifest = SavedPart & {
	readonly image: {
		readonly name: string;
		readonly tags: readonly string[];
		readonly format: ArchiveFormat;
		readonly configDigest: string;
		readonly platform: string;
		readonly source: SavedSource;
	};
	readonly modelLayers: readonly SavedModelLayer[];
	readonly summary: {readonly [K in keyof ImageSummary]: ImageSummary[K] extends number ? SavedNumber : ImageSummary[K]};
	readonly layers: readonly SavedAnalysisLayer[];
	/** The distinct `fields` lists of modified changes; the `change.fields` column holds 1 + an index here, 0 for none. */
	readonly fieldSets: ReadonlyArray<readonly string[]>;
	readonly hints: readonly SavedHint[];
	readonly hintTotals: Readonly<Record<HintKind, number>>;
	readonly savableBytes: number;
	/** Schema 3: the rest part (entries, changes, final filesystem), the third gzip member. */
	readonly rest?: SavedPart;
};

/** A part as written: its text and sections. */
export type EncodedPart = {readonly text: Buffer; readonly sections: readonly Section[]};

export type EncodedAnalysis = {readonly manifest: SavedManifest; readonly front: EncodedPart; readonly rest: EncodedPart};

/** Collects one part's columns and strings. */
function partWriter() {
	const table = new StringTable();
	const sections: Section[] = [];
	return {
		table,
		column: (name: string, values: ArrayLike<number>) => void sections.push(numberSection(name, values)),
		finish(): {readonly encoded: EncodedPart; readonly info: SavedPart} {
			const {text, lengths} = encodeStrings(table.strings);
			sections.push(numberSection('string.length', lengths));
			const textEncoding = /\p{Surrogate}/u.test(text) ? 'utf16le' : 'utf8';
			const buffer = Buffer.from(text, textEncoding);
			return {
				encoded: {text: buffer, sections},
				info: {textEncoding, textBytes: buffer.length, sections: sections.map(section => [section.name, section.kind, section.values.length] as const)},
			};
		},
	};
}

export function encodeAnalysis(analysis: Analysis, source: SavedSource): EncodedAnalysis {
	const rest = partWriter();
	let {table, column} = rest;
	const {model} = analysis;

	const entries = model.layers.flatMap(layer => layer.entries);
	column('entry.path', entries.map(entry => table.ref(entry.path)));
	column('entry.type', entries.map(entry => typeIndex(entry.type)));
	column('entry.typeFlag', entries.map(entry => entry.typeFlag));
	column('entry.size', entries.map(entry => entry.size));
	column('entry.mode', entries.map(entry => entry.mode));
	column('entry.uid', entries.map(entry => entry.uid));
	column('entry.gid', entries.map(entry => entry.gid));
	column('entry.linkTarget', entries.map(entry => table.ref(entry.linkTarget)));
	column('entry.digest', entries.map(entry => table.ref(entry.digest)));

	const fieldSets: string[][] = [];
	const fieldSetIndex = new Map<string, number>();
	const fieldsRef = (fields: readonly string[] | undefined) => {
		if (fields === undefined) return 0;
		const key = fields.join(',');
		let index = fieldSetIndex.get(key);
		if (index === undefined) {
			index = fieldSets.push([...fields]);
			fieldSetIndex.set(key, index);
		}
		return index;
	};
	const changes = analysis.layers.flatMap(layer => layer.changes);
	column('change.path', changes.map(change => table.ref(change.path)));
	column('change.kind', changes.map(change => indexIn(changeKinds, change.kind, 'change kind')));
	column('change.type', changes.map(change => typeIndex(change.type)));
	column('change.size', changes.map(change => change.size));
	column('change.mode', changes.map(change => change.mode));
	column('change.uid', changes.map(change => change.uid));
	column('change.gid', changes.map(change => change.gid));
	column('change.linkTarget', changes.map(change => table.ref(change.linkTarget)));
	column('change.fields', changes.map(change => fieldsRef(change.fields)));

	const {final} = analysis;
	column('final.path', Array.from(final.paths, path => table.ref(path)));
	column('final.type', Array.from(final.types, type => typeIndex(type)));
	column('final.size', final.sizes);
	column('final.layer', final.layers);

	const front = partWriter();
	({table, column} = front);
	const hidden = analysis.layers.flatMap(layer => layer.hidden);
	column('hidden.path', hidden.map(copy => table.ref(copy.path)));
	column('hidden.bytes', hidden.map(copy => copy.bytes));
	column('hidden.hiddenBy', hidden.map(copy => copy.hiddenBy));

	column('inefficiency.path', analysis.inefficiencies.map(item => table.ref(item.path)));
	column('inefficiency.count', analysis.inefficiencies.map(item => item.count));
	column('inefficiency.cumulativeBytes', analysis.inefficiencies.map(item => item.cumulativeBytes));

	column('reclaimable.path', analysis.reclaimable.map(item => table.ref(item.path)));
	column('reclaimable.copies', analysis.reclaimable.map(item => item.copies));
	column('reclaimable.bytes', analysis.reclaimable.map(item => item.bytes));

	column('hint.path', analysis.hints.hints.flatMap(hint => hint.paths.map(path => table.ref(path))));

	const frontPart = front.finish();
	const restPart = rest.finish();

	const {image} = analysis;
	const manifest: SavedManifest = {
		image: {name: model.name, tags: model.tags, format: model.format, configDigest: model.configDigest, platform: model.platform, source},
		modelLayers: model.layers.map(({entries: layerEntries, ...layer}) => ({...layer, entryCount: layerEntries.length})),
		summary: {
			...image,
			sizeBytes: savedNumber(image.sizeBytes),
			userSizeBytes: savedNumber(image.userSizeBytes),
			baseSizeBytes: savedNumber(image.baseSizeBytes),
			efficiencyScore: savedNumber(image.efficiencyScore),
			wastedBytes: savedNumber(image.wastedBytes),
			userWastedPercent: savedNumber(image.userWastedPercent),
			reclaimableBytes: savedNumber(image.reclaimableBytes),
			userReclaimableBytes: savedNumber(image.userReclaimableBytes),
		},
		layers: analysis.layers.map(layer => ({
			...layerHeader(layer),
			entryCount: layer.entryCount,
			changeCount: layer.changes.length,
			added: layer.added,
			modified: layer.modified,
			removed: layer.removed,
			reclaimableBytes: layer.reclaimableBytes,
			hiddenCount: layer.hidden.length,
		})),
		fieldSets,
		hints: analysis.hints.hints.map(({paths, ...hint}) => ({...hint, pathCount: paths.length})),
		hintTotals: analysis.hints.totals,
		savableBytes: analysis.hints.savableBytes,
		...frontPart.info,
		rest: restPart.info,
	};
	return {manifest, front: frontPart.encoded, rest: restPart.encoded};
}

export function savedNumber(value: number): SavedNumber {
	if (Number.isNaN(value)) return 'NaN';
	if (value === Infinity) return 'Infinity';
	if (value === -Infinity) return '-Infinity';
	return value;
}

function typeIndex(type: EntryType): number {
	return indexIn(entryTypes, type, 'entry type');
}

function indexIn<T>(list: readonly T[], value: T, what: string): number {
	const index = list.indexOf(value);
	if (index === -1) throw new Error(`cannot save an unknown ${what} ${String(value)}`);
	return index;
}
