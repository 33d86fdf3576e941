import picomatch from 'picomatch';
import type {FinalFilesystem} from '../core/analysis-types.js';
import {parentOf, parseWhiteout} from '../core/paths.js';
import {humanizeBytes} from '../format/humanize-bytes.js';
import {pathLimit, type GateImage, type GateRule, type MatchedPath, type Verdict} from './gate-types.js';

/**
A test for a glob on absolute paths (`**`, `*`, `?`, `{a,b}`, `[...]`; dotfiles match too), applied to the model's
relative paths (`etc/passwd` for `/etc/passwd`): the glob's leading `/` is dropped instead of adding one to every path.
*/
export function pathMatcher(pattern: string): (relativePath: string) => boolean {
	const glob = pattern.startsWith('/') ? pattern.slice(1) : pattern;
	// The compiled regex itself: picomatch's matcher function adds per-call work that shows on 200,000 paths.
	const regex = picomatch.makeRe(glob, {dot: true});
	// Every match starts with the glob's literal prefix: a string compare rules most paths out before the regex.
	const {base} = picomatch.scan(glob);
	const prefix = base.includes('\\') ? '' : base;
	return prefix === '' ? path => regex.test(path) : path => path.startsWith(prefix) && regex.test(path);
}

const byPath = (a: MatchedPath, b: MatchedPath) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
const largestFirst = (a: MatchedPath, b: MatchedPath) => b.bytes - a.bytes || byPath(a, b);

function plural(count: number, one: string, many: string): string {
	return `${count} ${count === 1 ? one : many}`;
}

/** Whether a directory or one above it matches, each directory tested once. */
function dirMatcher(matches: (path: string) => boolean): (dir: string) => boolean {
	const known = new Map<string, boolean>([['', false]]);
	return dir => {
		const pending: string[] = [];
		let current = dir;
		let result = known.get(current);
		while (result === undefined) {
			if (matches(current)) {
				result = true;
				known.set(current, true);
				break;
			}
			pending.push(current);
			current = parentOf(current);
			result = known.get(current);
		}
		for (const path of pending) known.set(path, result);
		return result;
	};
}

/** The `pathLimit` largest of a stream of matches, kept sorted; no array of every match. */
function largestKeeper() {
	const kept: MatchedPath[] = [];
	return {
		kept,
		offer(path: string, bytes: number, layer: number) {
			if (kept.length === pathLimit && bytes <= kept[pathLimit - 1]!.bytes) return;
			kept.push({path: `/${path}`, bytes, layer});
			kept.sort(largestFirst);
			if (kept.length > pathLimit) kept.pop();
		},
	};
}

/**
`budgets`: the regular files of the final image that the glob matches, directly or through a matched directory
above them, must not hold more than the threshold. Lists the largest first.
*/
export function checkBudget(rule: GateRule, image: GateImage): Verdict {
	const matches = pathMatcher(rule.pattern!);
	const within = dirMatcher(matches);
	const {paths, types, sizes, layers}: FinalFilesystem = image.analysis.final;
	const largest = largestKeeper();
	let total = 0;
	let count = 0;
	for (let i = 0; i < paths.length; i++) {
		if (types[i] !== 'file') continue;
		const path = paths[i]!;
		if (!matches(path) && !within(parentOf(path))) continue;
		total += sizes[i]!;
		count++;
		largest.offer(path, sizes[i]!, layers[i]!);
	}
	const top = largest.kept.slice(0, 3).map(path => `${path.path} (${humanizeBytes(path.bytes)})`);
	const holds = `${rule.pattern} holds ${humanizeBytes(total)} (${total} bytes) in ${plural(count, 'file', 'files')}`;
	const tail = top.length > 0 ? `; largest: ${top.join(', ')}` : '';
	const violated = total > rule.threshold!;
	return {
		violated,
		actual: total,
		message: violated ? `${holds}, over the budget of ${rule.value}${tail}` : `${holds}, within ${rule.value}${tail}`,
		paths: largest.kept,
		pathCount: count,
	};
}

function listed(found: MatchedPath[], order: (a: MatchedPath, b: MatchedPath) => number) {
	found.sort(order);
	return {paths: found.slice(0, pathLimit), pathCount: found.length};
}

/** `deny`: no path of the final image may match. */
export function checkDeny(rule: GateRule, image: GateImage): Verdict {
	const matches = pathMatcher(rule.pattern!);
	const {paths, sizes, layers}: FinalFilesystem = image.analysis.final;
	const found: MatchedPath[] = [];
	for (let i = 0; i < paths.length; i++) {
		if (matches(paths[i]!)) found.push({path: `/${paths[i]!}`, bytes: sizes[i]!, layer: layers[i]!});
	}
	const {paths: shown, pathCount} = listed(found, byPath);
	return {
		violated: pathCount > 0,
		actual: pathCount,
		message:
			pathCount > 0
				? `${plural(pathCount, 'path', 'paths')} of the final image ${pathCount === 1 ? 'matches' : 'match'} ${rule.pattern}`
				: `no path of the final image matches ${rule.pattern}`,
		paths: shown,
		pathCount,
	};
}

/** `denyInAnyLayer`: no layer may store a matching path, even one a later layer deletes (it still ships). */
export function checkDenyInAnyLayer(rule: GateRule, image: GateImage): Verdict {
	const matches = pathMatcher(rule.pattern!);
	const found: MatchedPath[] = [];
	for (const layer of image.analysis.model.layers) {
		for (const entry of layer.entries) {
			if (entry.path === '' || !matches(entry.path) || parseWhiteout(entry.path)) continue;
			found.push({path: `/${entry.path}`, bytes: entry.size, layer: layer.index});
		}
	}
	const {paths, pathCount} = listed(found, (a, b) => a.layer - b.layer || byPath(a, b));
	const layers = [...new Set(found.map(match => match.layer))].sort((a, b) => a - b);
	return {
		violated: pathCount > 0,
		actual: pathCount,
		message:
			pathCount > 0
				? `${plural(pathCount, 'path', 'paths')} matching ${rule.pattern} ${pathCount === 1 ? 'is' : 'are'} stored in ${layers.length === 1 ? 'layer' : 'layers'} ${layers.join(', ')}`
				: `no layer stores a path matching ${rule.pattern}`,
		paths,
		pathCount,
	};
}
