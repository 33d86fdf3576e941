import {stat} from 'node:fs/promises';
import type {ImageModel} from '../core/model.js';
import type {BlobLocation} from '../loader/collected.js';
import {createContentSource, type ContentSource} from '../loader/content-source.js';
import {openInput} from '../loader/input-source.js';
import type {SavedSource} from './saved-format.js';

/**
File content for a reopened analysis: read from the original archive when it is still at its recorded path with
the same size and modification time; otherwise unavailable, with the reason.
*/
export async function savedContent(source: SavedSource, model: ImageModel, stdin: NodeJS.ReadableStream): Promise<ContentSource> {
	const reason = await whyUnavailable(source);
	if (reason !== undefined) return unavailable(reason);
	const input = await openInput(source.path, stdin as never);
	const locations = new Map<string, BlobLocation>(source.locations.map(([name, file, offset, size]) => [name, {file, offset, size}]));
	return createContentSource(input, model, locations);
}

async function whyUnavailable(source: SavedSource): Promise<string | undefined> {
	if (source.kind === 'registry') {
		const reference = source.display.startsWith('registry://') ? source.display : `registry://${source.display}`;
		return `the analysis was saved from ${reference} and holds no file content: open the image live with 'layerlens ${reference}'`;
	}
	if (source.kind === 'engine') {
		return `the analysis was saved from ${source.display} and holds no file content: open the image live with 'layerlens ${source.display}'`;
	}
	if (source.kind === 'stdin' || source.path === '') {
		return `the analysis was saved from ${source.display}, which cannot be read again: save it from an archive file ('layerlens --save PATH ARCHIVE') to view and extract files later`;
	}
	let info;
	try {
		info = await stat(source.path);
	} catch {
		return `the original archive ${source.path} is gone`;
	}
	if (info.size !== source.size || info.mtimeMs !== source.mtimeMs) {
		return `the original archive ${source.path} has changed since the analysis was saved (size or modification time differ)`;
	}
	return undefined;
}

function unavailable(reason: string): ContentSource {
	return {
		available: false,
		unavailableReason: reason,
		forEachEntry: () => Promise.reject(new Error(reason)),
	};
}
