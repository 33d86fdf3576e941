import type {Analysis, Change, ChangedField, FinalFilesystem, HiddenCopy, ImageSummary, Inefficiency, LayerAnalysis, Reclaimable} from '../core/analysis-types.js';
import {hintKinds, type Hint, type HintKind} from '../core/hints/hint-types.js';
import type {EntryType, ImageModel, Layer, LayerEntry} from '../core/model.js';
import {layerHeader} from '../core/layer-header.js';
import {align, columnKinds, sectionByteLength, sectionValues, StringReader, type ColumnKind, type NumberArray, type SectionInfo} from './columns.js';
import {changeKinds, entryTypes, type SavedManifest, type SavedNumber, type SavedPart} from './encode-analysis.js';
import {checkImage, SavedFormatError, type SavedSource} from './saved-format.js';

export type DecodedAnalysis = {
	readonly analysis: Analysis;
	readonly source: SavedSource;
	/**
	Decodes and checks the rest part (schema 3) now, if no reader of the layers' entries or changes or of the final
	filesystem has yet; throws a SavedFormatError on damage. Schema 2's one part is checked before decodeAnalysis returns.
	*/
	readonly complete: () => void;
};

/** One part read back: its number sections and its string table. */
type Part = {readonly columns: Columns; readonly strings: StringReader};

/** What the rest part holds, made into what reads its records (every column checked). */
type RestReaders = {
	readonly entries: (start: number, length: number) => LayerEntry[];
	readonly changes: (start: number, length: number) => Change[];
	readonly final: () => FinalFilesystem;
};

/**
A schema 2 or 3 file's data read back into the analysis: `manifest` is the parsed manifest line, `data` every byte
after it in its gzip member (the front part, schema 2's only part: the string table's text, then the number
sections). `rest` gives schema 3's rest part when first needed. Everything is checked against the counts the
manifest declares; anything a writer of these schemas would not produce is a SavedFormatError.
*/
export function decodeAnalysis(manifestValue: unknown, data: Uint8Array, rest?: () => Uint8Array): DecodedAnalysis {
	const manifest = checkManifest(manifestValue);
	const front = readPart(manifest, data);
	const {columns, strings} = front;
	if (manifest.rest !== undefined && rest === undefined) throw new SavedFormatError('the rest of the analysis is missing');
	const restPart = manifest.rest === undefined ? () => front : () => readPart(manifest.rest!, rest!());
	let readers: RestReaders | undefined;
	const restReaders = () => (readers ??= restReadersOf(manifest, restPart()));
	// Schema 2: its one part is checked on open, as it always was.
	if (manifest.rest === undefined) restReaders();
	const {source, ...imageFields} = manifest.image;

	let at = 0;
	const modelLayers = manifest.modelLayers.map(({entryCount: count, ...layer}): Layer => {
		const start = at;
		at += count;
		// The explorer never reads the layers' own entries (the export, history and comparisons do): made when first read.
		return lazily({...layer} as Omit<Layer, 'entries'>, 'entries', () => restReaders().entries(start, count));
	});
	const model: ImageModel = {...imageFields, layers: modelLayers};

	const hidden = readHidden(columns, strings, total(manifest.layers.map(layer => layer.hiddenCount)), manifest.layers.length);
	let changeAt = 0;
	let hiddenAt = 0;
	const layers = manifest.layers.map((layer): LayerAnalysis => {
		const start = changeAt;
		changeAt += layer.changeCount;
		// A layer's changes are made when first read: the explorer's first screen reads those of the layers up to the selected one.
		return lazily(
			{
				...layerHeader(layer),
				entryCount: layer.entryCount,
				added: layer.added,
				modified: layer.modified,
				removed: layer.removed,
				reclaimableBytes: layer.reclaimableBytes,
				hidden: hidden.slice(hiddenAt, (hiddenAt += layer.hiddenCount)),
			},
			'changes',
			() => restReaders().changes(start, layer.changeCount),
		);
	});

	const inefficiencyCount = columns.count('inefficiency.path');
	const inefficiencyPath = columns.get('inefficiency.path', inefficiencyCount);
	const inefficiencyCopies = columns.ints('inefficiency.count', inefficiencyCount);
	const cumulative = columns.ints('inefficiency.cumulativeBytes', inefficiencyCount);
	const inefficiencies = new Array<Inefficiency>(inefficiencyCount);
	for (let i = 0; i < inefficiencyCount; i++) inefficiencies[i] = {path: strings.get(inefficiencyPath[i]!), count: inefficiencyCopies[i]!, cumulativeBytes: cumulative[i]!};

	const reclaimableCount = columns.count('reclaimable.path');
	const reclaimablePath = columns.refs('reclaimable.path', reclaimableCount, strings);
	const copies = columns.ints('reclaimable.copies', reclaimableCount);
	const reclaimableBytes = columns.ints('reclaimable.bytes', reclaimableCount);
	// Checked now, made when first read: the explorer never reads the list (the export and the CI rules do).
	const reclaimable = (): Reclaimable[] => {
		const list = new Array<Reclaimable>(reclaimableCount);
		for (let i = 0; i < reclaimableCount; i++) list[i] = {path: strings.get(reclaimablePath[i]!), copies: copies[i]!, bytes: reclaimableBytes[i]!};
		return list;
	};

	const hintPaths = columns.get('hint.path', total(manifest.hints.map(hint => hint.pathCount)));
	let pathAt = 0;
	const hints = manifest.hints.map(({pathCount, ...hint}): Hint => {
		const paths: string[] = [];
		for (let end = pathAt + pathCount; pathAt < end; pathAt++) paths.push(strings.get(hintPaths[pathAt]!));
		return {kind: hint.kind, severity: hint.severity, bytes: hint.bytes, layer: hint.layer, layers: hint.layers, paths, count: hint.count, message: hint.message, fix: hint.fix};
	});

	const {summary} = manifest;
	const image: ImageSummary = {
		name: summary.name,
		tags: summary.tags,
		format: summary.format,
		configDigest: summary.configDigest,
		platform: summary.platform,
		layerCount: numberOf(summary.layerCount),
		sizeBytes: numberOf(summary.sizeBytes),
		userSizeBytes: numberOf(summary.userSizeBytes),
		baseSizeBytes: numberOf(summary.baseSizeBytes),
		efficiencyScore: numberOf(summary.efficiencyScore),
		wastedBytes: numberOf(summary.wastedBytes),
		userWastedPercent: numberOf(summary.userWastedPercent),
		reclaimableBytes: numberOf(summary.reclaimableBytes),
		userReclaimableBytes: numberOf(summary.userReclaimableBytes),
		finalFileCount: numberOf(summary.finalFileCount),
	};
	const fields = {image, layers, inefficiencies, reclaimable: [] as Reclaimable[], hints: {hints, totals: manifest.hintTotals, savableBytes: manifest.savableBytes}, model};
	const analysis: Analysis = lazily(
		lazily(fields, 'reclaimable', reclaimable),
		'final',
		() => restReaders().final(),
	);
	return {analysis, source, complete: () => void restReaders()};
}

/** A part's string table and sections, checked against what its record in the manifest declares. */
function readPart(info: SavedPart, data: Uint8Array): Part {
	const columns = readSections(info, data);
	const textBytes = data.subarray(0, info.textBytes);
	const text = Buffer.from(textBytes.buffer, textBytes.byteOffset, textBytes.byteLength).toString(info.textEncoding);
	return {columns, strings: StringReader.decode(text, columns.get('string.length', columns.count('string.length')))};
}

/** Checks every column of the entries, the changes and the final filesystem, and returns what makes their records. */
function restReadersOf(manifest: SavedManifest, {columns, strings}: Part): RestReaders {
	const entries = entryReader(columns, strings, total(manifest.modelLayers.map(layer => layer.entryCount)));
	const changes = changeReader(columns, strings, manifest, total(manifest.layers.map(layer => layer.changeCount)));
	const final = finalReader(columns, strings, manifest.layers.length);
	if (numberOf(manifest.summary.finalFileCount) !== final.count) throw new SavedFormatError('the final file count does not match the final filesystem');
	return {entries, changes, final: final.read};
}

/**
`object` with `key` added as an enumerable property computed on first read (then a plain value): readers, spreads,
JSON and deep equality see an ordinary property.
*/
function lazily<T extends object, K extends string, V>(object: T, key: K, compute: () => V): T & {readonly [P in K]: V} {
	return Object.defineProperty(object, key, {
		enumerable: true,
		configurable: true,
		get(this: T) {
			const value = compute();
			Object.defineProperty(this, key, {value, enumerable: true, configurable: true, writable: false});
			return value;
		},
	}) as T & {readonly [P in K]: V};
}

/** Checks every entry column now (so damage is found on open), and returns what makes a range of entries. */
function entryReader(columns: Columns, strings: StringReader, count: number): (start: number, length: number) => LayerEntry[] {
	const path = columns.refs('entry.path', count, strings);
	const type = columns.enums('entry.type', count, entryTypes.length);
	const typeFlag = columns.ints('entry.typeFlag', count);
	const size = columns.ints('entry.size', count);
	const mode = columns.ints('entry.mode', count);
	const uid = columns.ints('entry.uid', count);
	const gid = columns.ints('entry.gid', count);
	const linkTarget = columns.refs('entry.linkTarget', count, strings);
	const digest = columns.refs('entry.digest', count, strings);
	return (start, length) => {
		const entries = new Array<LayerEntry>(length);
		for (let j = 0; j < length; j++) {
			const i = start + j;
			entries[j] = {
				path: strings.get(path[i]!),
				type: entryTypes[type[i]!]!,
				typeFlag: typeFlag[i]!,
				size: size[i]!,
				mode: mode[i]!,
				uid: uid[i]!,
				gid: gid[i]!,
				linkTarget: strings.get(linkTarget[i]!),
				digest: strings.get(digest[i]!),
			};
		}
		return entries;
	};
}

/** Checks every change column now, and returns what makes a range of changes. */
function changeReader(columns: Columns, strings: StringReader, manifest: SavedManifest, count: number): (start: number, length: number) => Change[] {
	const path = columns.refs('change.path', count, strings);
	const kind = columns.enums('change.kind', count, changeKinds.length);
	const type = columns.enums('change.type', count, entryTypes.length);
	const size = columns.ints('change.size', count);
	const mode = columns.ints('change.mode', count);
	const uid = columns.ints('change.uid', count);
	const gid = columns.ints('change.gid', count);
	const linkTarget = columns.refs('change.linkTarget', count, strings);
	const fieldSets = manifest.fieldSets as ReadonlyArray<readonly ChangedField[]>;
	const fields = columns.enums('change.fields', count, fieldSets.length + 1);
	return (start, length) => {
		const changes = new Array<Change>(length);
		for (let j = 0; j < length; j++) {
			const i = start + j;
			const change = {
				path: strings.get(path[i]!),
				kind: changeKinds[kind[i]!]!,
				type: entryTypes[type[i]!]!,
				size: size[i]!,
				mode: mode[i]!,
				uid: uid[i]!,
				gid: gid[i]!,
				linkTarget: strings.get(linkTarget[i]!),
			};
			const set = fields[i]!;
			changes[j] = set === 0 ? change : {...change, fields: fieldSets[set - 1]!};
		}
		return changes;
	};
}

function readHidden(columns: Columns, strings: StringReader, count: number, layerCount: number): HiddenCopy[] {
	const path = columns.get('hidden.path', count);
	const bytes = columns.ints('hidden.bytes', count);
	const hiddenBy = columns.ints('hidden.hiddenBy', count, -1);
	const hidden = new Array<HiddenCopy>(count);
	for (let i = 0; i < count; i++) {
		if (hiddenBy[i]! >= layerCount) throw new SavedFormatError('a hidden copy names a layer the image does not have');
		hidden[i] = {path: strings.get(path[i]!), bytes: bytes[i]!, hiddenBy: hiddenBy[i]!};
	}
	return hidden;
}

/** Checks the final filesystem's columns now, and returns its size and what makes its arrays. */
function finalReader(columns: Columns, strings: StringReader, layerCount: number): {readonly count: number; read(): FinalFilesystem} {
	const count = columns.count('final.path');
	const path = columns.refs('final.path', count, strings);
	const type = columns.enums('final.type', count, entryTypes.length);
	const size = columns.ints('final.size', count);
	const layer = columns.enums('final.layer', count, layerCount);
	return {
		count,
		read() {
			const paths = new Array<string>(count);
			const types = new Array<EntryType>(count);
			for (let i = 0; i < count; i++) {
				paths[i] = strings.get(path[i]!);
				types[i] = entryTypes[type[i]!]!;
			}
			return {paths, types, sizes: Array.from(size), layers: Array.from(layer)};
		},
	};
}

type Columns = {
	/** How many values the named section holds. */
	count(name: string): number;
	/** The named section, which must hold `count` values. */
	get(name: string, count: number): NumberArray;
	/** The named section checked to hold only safe integers of at least `min` (0 unless told). */
	ints(name: string, count: number, min?: number): NumberArray;
	/** The named section checked to hold only indices below `limit`. */
	enums(name: string, count: number, limit: number): NumberArray;
	/** The named section checked to hold only references into `strings`. */
	refs(name: string, count: number, strings: StringReader): NumberArray;
};

function readSections(part: SavedPart, data: Uint8Array): Columns {
	const byName = new Map<string, {kind: ColumnKind; values: NumberArray}>();
	let at = align(part.textBytes);
	for (const info of part.sections as readonly SectionInfo[]) {
		const length = sectionByteLength(info);
		if (at + length > data.length) throw new SavedFormatError('truncated saved analysis (a section ends early)');
		byName.set(info[0], {kind: info[1], values: sectionValues(info[1], data.subarray(at, at + length))});
		at = align(at + length);
	}
	if (at < data.length) throw new SavedFormatError('data after the last section');
	const section = (name: string) => {
		const found = byName.get(name);
		if (!found) throw new SavedFormatError(`the section ${name} is missing`);
		return found;
	};
	const get = (name: string, count: number) => {
		const {values} = section(name);
		if (values.length !== count) throw new SavedFormatError(`the section ${name} holds ${values.length} values, not ${count}`);
		return values;
	};
	return {
		count: name => section(name).values.length,
		get,
		ints(name, count, min = 0) {
			const values = get(name, count);
			const {kind} = section(name);
			if (kind === 'f64' || kind === 'i32') {
				for (const value of values) if (!Number.isSafeInteger(value) || value < min) throw new SavedFormatError(`the section ${name} holds a number out of range`);
			}
			return values;
		},
		enums(name, count, limit) {
			const values = get(name, count);
			if (!indicesBelow(values, section(name).kind, limit)) throw new SavedFormatError(`the section ${name} holds an unknown value`);
			return values;
		},
		refs(name, count, strings) {
			const values = get(name, count);
			if (!indicesBelow(values, section(name).kind, strings.refLimit)) throw new SavedFormatError(`the section ${name} refers past the string table`);
			return values;
		},
	};
}

/** Whether every value is an index below `limit`: unsigned integer kinds need only their largest value checked. */
function indicesBelow(values: NumberArray, kind: ColumnKind, limit: number): boolean {
	let max = 0;
	if (kind === 'f64' || kind === 'i32') {
		for (let i = 0; i < values.length; i++) {
			const value = values[i]!;
			if (!Number.isInteger(value) || value < 0) return false;
			if (value > max) max = value;
		}
	} else {
		for (let i = 0; i < values.length; i++) if (values[i]! > max) max = values[i]!;
	}
	return values.length === 0 || max < limit;
}

function total(counts: readonly number[]): number {
	return counts.reduce((sum, count) => sum + count, 0);
}

function numberOf(value: SavedNumber): number {
	if (typeof value === 'number') return value;
	return Number(value);
}

/** Checks the manifest line: every field the decoder reads, with its type. */
function checkManifest(value: unknown): SavedManifest {
	const manifest = value as SavedManifest | undefined;
	const isObject = (object: unknown): object is Record<string, unknown> => typeof object === 'object' && object !== null && !Array.isArray(object);
	const counts = (object: unknown, keys: readonly string[]) => isObject(object) && keys.every(key => Number.isSafeInteger(object[key]) && (object[key] as number) >= 0);
	const strings = (object: unknown, keys: readonly string[]) => isObject(object) && keys.every(key => typeof object[key] === 'string');
	if (
		!isObject(manifest) ||
		!isObject(manifest.image) ||
		!Array.isArray(manifest.modelLayers) ||
		!Array.isArray(manifest.layers) ||
		!isObject(manifest.summary) ||
		!Array.isArray(manifest.fieldSets) ||
		!Array.isArray(manifest.hints) ||
		!isObject(manifest.hintTotals) ||
		typeof manifest.savableBytes !== 'number' ||
		!isPart(manifest) ||
		(manifest.rest !== undefined && !isPart(manifest.rest))
	) {
		throw new SavedFormatError('the manifest record is incomplete');
	}
	// The model's image and layer records have schema 1's shape: checked the same way.
	checkImage({...manifest.image, layers: manifest.modelLayers});
	if (manifest.layers.length !== manifest.modelLayers.length) throw new SavedFormatError('the analysis and the model have different layer counts');
	manifest.layers.forEach((layer, index) => {
		if (
			layer?.index !== index ||
			!strings(layer, ['id', 'diffId', 'blob', 'command', 'createdBy', 'compression']) ||
			!counts(layer, ['sizeBytes', 'entryCount', 'changeCount', 'reclaimableBytes', 'hiddenCount']) ||
			!counts(layer.added, ['count', 'bytes']) ||
			!counts(layer.modified, ['count', 'bytes']) ||
			!counts(layer.removed, ['count', 'bytes'])
		) {
			throw new SavedFormatError(`layer analysis record ${index} is incomplete`);
		}
	});
	const summaryNumber = (item: unknown) => typeof item === 'number' || item === 'NaN' || item === 'Infinity' || item === '-Infinity';
	const {summary} = manifest;
	if (
		!strings(summary, ['name', 'format', 'configDigest', 'platform']) ||
		!Array.isArray(summary.tags) ||
		!(['layerCount', 'sizeBytes', 'userSizeBytes', 'baseSizeBytes', 'efficiencyScore', 'wastedBytes', 'userWastedPercent', 'reclaimableBytes', 'userReclaimableBytes', 'finalFileCount'] as const).every(key => summaryNumber(summary[key]))
	) {
		throw new SavedFormatError('the image summary record is incomplete');
	}
	if (!manifest.fieldSets.every(set => Array.isArray(set) && set.every(field => typeof field === 'string'))) throw new SavedFormatError('a change field list is malformed');
	manifest.hints.forEach((hint, index) => {
		if (
			!hintKinds.includes(hint?.kind) ||
			!['info', 'warn', 'high'].includes(hint.severity) ||
			!strings(hint, ['message', 'fix']) ||
			!counts(hint, ['bytes', 'pathCount', 'count']) ||
			!Number.isSafeInteger(hint.layer) ||
			!Array.isArray(hint.layers) ||
			!hint.layers.every((layer: unknown) => Number.isSafeInteger(layer))
		) {
			throw new SavedFormatError(`hint record ${index} is incomplete`);
		}
	});
	if (!hintKinds.every((kind: HintKind) => typeof manifest.hintTotals[kind] === 'number')) throw new SavedFormatError('the hint totals are incomplete');
	for (const info of [...manifest.sections, ...(manifest.rest?.sections ?? [])]) {
		if (!Array.isArray(info) || typeof info[0] !== 'string' || !columnKinds.includes(info[1] as ColumnKind) || !Number.isSafeInteger(info[2]) || info[2] < 0) {
			throw new SavedFormatError('a section record is malformed');
		}
	}
	return manifest;
}

/** Whether a part's record has its fields (its sections are checked one by one afterwards). */
function isPart(value: unknown): value is SavedPart {
	const part = value as Partial<SavedPart> | null;
	return (
		typeof part === 'object' &&
		part !== null &&
		(part.textEncoding === 'utf8' || part.textEncoding === 'utf16le') &&
		Number.isSafeInteger(part.textBytes) &&
		part.textBytes! >= 0 &&
		Array.isArray(part.sections)
	);
}
