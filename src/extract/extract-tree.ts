import {constants} from 'node:fs';
import {link, lstat, mkdir, open, realpath, stat, symlink} from 'node:fs/promises';
import path from 'node:path';
import type {Readable} from 'node:stream';
import {pipeline} from 'node:stream/promises';
import type {TreeNode} from '../core/compare-tree.js';
import {cleanEntryPath} from '../core/paths.js';
import type {ContentSource} from '../loader/content-source.js';
import {clearSpot, createFileInside, ensureDirs, isSafeName, joinInside} from './safe-path.js';

export type ExtractResult = {
	/** Absolute path of what was written for the selected node. */
	readonly written: string;
	readonly files: number;
	readonly dirs: number;
	readonly links: number;
	readonly bytes: number;
	/** Files and links already in the target that were kept (`existing: 'skip'`). */
	readonly kept: number;
	readonly skipped: readonly {readonly path: string; readonly reason: string}[];
};

/** Extraction could not start (no content, or the target is unusable). */
export class ExtractError extends Error {
	override readonly name = 'ExtractError';
}

type Planned = {readonly node: TreeNode; readonly names: readonly string[]};

/** What to do where the target directory already has something at a path being extracted. */
export type OnExisting = 'overwrite' | 'skip';

export type ExtractOptions = {
	readonly existing?: OnExisting;
	/** Called after each directory, file or link with how many of them are done, of how many. */
	readonly onProgress?: (done: number, total: number) => void;
	/** Stops the extract before its next item (an ExtractError says so); what was written stays. */
	readonly signal?: AbortSignal;
};
/**
`mkdir -p` one directory at a time from the top. Node's recursive mkdir loops forever where a filesystem answers
ENOENT to a create in a directory that exists (under /proc); this fails there with the system's code.
*/
async function makeTargetDir(targetDir: string): Promise<void> {
	const absolute = path.resolve(targetDir);
	const parts = absolute.split(path.sep).filter(Boolean);
	for (let i = 1; i <= parts.length; i++) {
		const prefix = path.sep + parts.slice(0, i).join(path.sep);
		try {
			await mkdir(prefix);
		} catch (error) {
			const code = (error as NodeJS.ErrnoException).code;
			if (code !== 'EEXIST') throw new ExtractError(`cannot create ${targetDir}: ${code ?? reason(error)} at ${prefix}`);
			const info = await stat(prefix).catch(() => undefined);
			if (!info?.isDirectory()) throw new ExtractError(`cannot create ${targetDir}: ${prefix} is not a directory`);
		}
	}
}

/** PATH_MAX of Linux, counting the terminating NUL: no longer path can be created or opened. */
const maxPathBytes = 4096;

/** How many bytes a path relative to `root` may have (after `root/`) and still be one the system accepts. */
function roomUnder(root: string): number {
	return maxPathBytes - 1 - Buffer.byteLength(root) - 1;
}

type Plan = {
	readonly topName: string;
	readonly dirs: Planned[];
	readonly files: Planned[];
	readonly links: Planned[];
	readonly skipped: {path: string; reason: string}[];
};

/**
What extracting `node` writes, relative to the target directory. Below the selected node, removed paths are left out
(they are not in the layer's view); the selected node itself may be a removed file, whose last copy is written.
*/
function plan(node: TreeNode, room: number): Plan {
	const skipped: {path: string; reason: string}[] = [];
	const dirs: Planned[] = [];
	const files: Planned[] = [];
	const links: Planned[] = [];
	const walk = (current: TreeNode, names: readonly string[], bytes: number) => {
		if (current.diff === 'removed' && current !== node) return;
		if (bytes > room) {
			// The system cannot create it (and a tree this deep would cost depth² checks): said once, not descended.
			skipped.push({path: current.path, reason: `path too long (${bytes} bytes under the target; at most ${room} fit in ${maxPathBytes})`});
			return;
		}
		const planned = {node: current, names};
		if (current.type === 'dir') dirs.push(planned);
		else if (current.type === 'file' || current.type === 'hardlink') files.push(planned);
		else if (current.type === 'symlink') links.push(planned);
		else skipped.push({path: current.path, reason: `${current.type} not extracted`});
		for (const child of current.children) {
			if (!isSafeName(child.name)) {
				skipped.push({path: child.path, reason: 'unsafe name'});
				continue;
			}
			walk(child, [...names, child.name], bytes + 1 + Buffer.byteLength(child.name));
		}
	};
	const topName = node.path === '/' ? 'rootfs' : node.name;
	if (!isSafeName(topName)) throw new ExtractError(`refusing the unsafe name ${JSON.stringify(topName)}`);
	walk(node, [topName], Buffer.byteLength(topName));
	return {topName, dirs, files, links, skipped};
}

/** Whether something (of any kind, a link included) is at `file`. */
async function occupied(file: string): Promise<boolean> {
	return lstat(file).then(
		() => true,
		() => false,
	);
}

/**
The files and links that extracting `node` into `targetDir` would replace: how many, and the first one. Nothing is
created; a target that does not exist yet has none.
*/
export async function existingTargets(node: TreeNode, targetDir: string): Promise<{readonly count: number; readonly first: string | undefined}> {
	const root = await realpath(targetDir).catch(() => undefined);
	if (root === undefined) return {count: 0, first: undefined};
	const {files, links} = plan(node, roomUnder(root));
	let count = 0;
	let first: string | undefined;
	for (const item of [...files, ...links]) {
		const at = joinInside(root, item.names);
		if (await occupied(at)) {
			count++;
			first ??= at;
		}
	}
	return {count, first};
}

/**
Writes `node` (a file, link or whole directory) as its tree shows it — the selected layer's view — into `targetDir`,
as `targetDir/<name>` (the root directory as `targetDir/rootfs`). Content is streamed from each file's own layer (a
removed file's from the layer that wrote its last copy). Nothing is ever written outside `targetDir`: names are
checked one by one, no path is followed through a symbolic link, and the archive's links are created last, as links,
never followed. Devices and fifos are skipped. With `existing: 'skip'`, what is already there is kept.
*/
export async function extractTree(node: TreeNode, content: ContentSource, targetDir: string, options: ExtractOptions = {}): Promise<ExtractResult> {
	if (!content.available) throw new ExtractError(content.unavailableReason || 'file content is not available');
	await makeTargetDir(targetDir);
	const root = await realpath(targetDir);
	const {topName, dirs, files: planned, links: plannedLinks, skipped} = plan(node, roomUnder(root));
	const verified = new Set<string>();
	let kept = 0;
	const keep = async (items: readonly Planned[]) => {
		if (options.existing !== 'skip') return items;
		const out: Planned[] = [];
		for (const item of items) {
			if (await occupied(joinInside(root, item.names))) kept++;
			else out.push(item);
		}
		return out;
	};
	const files = await keep(planned);
	const links = await keep(plannedLinks);

	const total = dirs.length + files.length + links.length;
	let done = 0;
	const step = (count = 1) => {
		if (options.signal?.aborted) throw new ExtractError(`cancelled after ${done} of ${total} items (what was written stays)`);
		done += count;
		options.onProgress?.(done, total);
	};
	let madeDirs = 0;
	for (const dir of dirs) {
		step();
		try {
			await ensureDirs(root, dir.names, dir.node.mode, verified);
			madeDirs++;
		} catch (error) {
			skipped.push({path: dir.node.path, reason: reason(error)});
		}
	}
	const {written: fileCount, bytes} = await writeFiles(root, verified, files, content, skipped, step);
	let madeLinks = 0;
	for (const link of links) {
		step();
		try {
			await ensureDirs(root, link.names.slice(0, -1), 0o755, verified);
			const at = joinInside(root, link.names);
			await clearSpot(at);
			await symlink(link.node.linkTarget, at);
			madeLinks++;
		} catch (error) {
			skipped.push({path: link.node.path, reason: reason(error)});
		}
	}
	return {written: joinInside(root, [topName]), files: fileCount, dirs: madeDirs, links: madeLinks, bytes, kept, skipped};
}

/** Streams every planned file from its layer's tar, one pass per layer; a hard link takes its target's bytes. */
async function writeFiles(
	root: string,
	verified: Set<string>,
	files: readonly Planned[],
	content: ContentSource,
	skipped: {path: string; reason: string}[],
	step: (count?: number) => void,
): Promise<{written: number; bytes: number}> {
	const byLayer = new Map<number, Map<string, Planned[]>>();
	for (const file of files) {
		// Named as the loader names tar entries (one path cleaner: core/paths.ts), so a hard link finds its target.
		const source = cleanEntryPath(file.node.type === 'hardlink' ? file.node.linkTarget : file.node.path);
		let wanted = byLayer.get(file.node.layer);
		if (!wanted) byLayer.set(file.node.layer, (wanted = new Map()));
		wanted.set(source, [...(wanted.get(source) ?? []), file]);
	}
	let written = 0;
	let bytes = 0;
	for (const [layer, wanted] of byLayer) {
		const pending = new Map(wanted);
		try {
			await content.forEachEntry(layer, path => pending.has(path), async (entry, body) => {
				const targets = pending.get(entry.path) ?? [];
				pending.delete(entry.path);
				step(targets.length);
				let first: Planned | undefined;
				for (const target of targets) {
					try {
						bytes += first ? await linkOne(root, verified, target, first) : await writeOne(root, verified, target, body);
						first ??= target;
						written++;
					} catch (error) {
						skipped.push({path: target.node.path, reason: reason(error)});
					}
				}
				// Whatever happened, the body must be drained or the layer's tar stops.
				body.resume();
			});
		} catch (error) {
			if (error instanceof ExtractError) throw error;
			for (const targets of pending.values()) for (const target of targets) skipped.push({path: target.node.path, reason: reason(error)});
			pending.clear();
		}
		for (const [source, targets] of pending) {
			for (const target of targets) {
				// A hard link may name a file a lower layer stored: its bytes come from the nearest layer below that has it.
				if (target.node.type === 'hardlink' && layer > 0) {
					step();
					const found = await fromLowerLayer(root, verified, target, source, layer, content);
					if (found !== undefined) {
						bytes += found;
						written++;
						continue;
					}
				}
				skipped.push({path: target.node.path, reason: `not found in layer ${layer}`});
				if (target.node.type !== 'hardlink' || layer === 0) step();
			}
		}
	}
	return {written, bytes};
}

/** Writes a hard link's bytes from the nearest layer below `layer` whose tar holds `source`; undefined if none does. */
async function fromLowerLayer(root: string, verified: Set<string>, target: Planned, source: string, layer: number, content: ContentSource): Promise<number | undefined> {
	for (let lower = layer - 1; lower >= 0; lower--) {
		let size: number | undefined;
		await content.forEachEntry(lower, path => path === source && size === undefined, async (_entry, body) => {
			size = await writeOne(root, verified, target, body);
		});
		if (size !== undefined) return size;
	}
	return undefined;
}

/** Streams one file's bytes from the tar into a fresh file inside `root`. */
async function writeOne(root: string, verified: Set<string>, target: Planned, body: Readable): Promise<number> {
	const handle = await createFileInside(root, target.names, target.node.mode, verified);
	try {
		await handle.chmod(target.node.mode & 0o777);
	} catch (error) {
		await handle.close();
		throw error;
	}
	let size = 0;
	body.on('data', (chunk: Buffer) => (size += chunk.length));
	// The write stream owns the handle from here on and closes it, on success or failure.
	await pipeline(body, handle.createWriteStream());
	return size;
}

/**
Another name for bytes already written (hard links to one entry): a hard link to the first file, made inside `root`
(link() does not follow a symbolic link at its source); where the filesystem refuses, a copy. Returns bytes written.
*/
async function linkOne(root: string, verified: Set<string>, target: Planned, first: Planned): Promise<number> {
	await ensureDirs(root, target.names.slice(0, -1), 0o755, verified);
	const at = joinInside(root, target.names);
	await clearSpot(at);
	try {
		await link(joinInside(root, first.names), at);
		return 0;
	} catch {
		return copyOne(root, verified, target, first);
	}
}

/** The copy `linkOne` falls back to, never following links. */
async function copyOne(root: string, verified: Set<string>, target: Planned, first: Planned): Promise<number> {
	const source = await open(joinInside(root, first.names), constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0));
	let size = 0;
	try {
		const handle = await createFileInside(root, target.names, target.node.mode, verified);
		await handle.chmod(target.node.mode & 0o777).catch(async (error: unknown) => {
			await handle.close();
			throw error;
		});
		const from = source.createReadStream();
		from.on('data', chunk => (size += chunk.length));
		await pipeline(from, handle.createWriteStream());
	} catch (error) {
		await source.close().catch(() => {});
		throw error;
	}
	return size;
}

function reason(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}

