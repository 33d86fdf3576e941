import picomatch from 'picomatch';
import {parseWhiteout} from '../core/paths.js';
import type {GateImage, GateRule, MatchedPath, Verdict} from './gate-types.js';
import {pathLimit} from './gate-types.js';
import {humanizeBytes} from '../format/humanize-bytes.js';

/** A path test for a glob on absolute paths (`**`, `*`, `?`, `{a,b}`, `[...]`; dotfiles match too). */
export function pathMatcher(pattern: string): (path: string) => boolean {
	const test = picomatch(pattern, {dot: true});
	// Every match starts with the glob's literal prefix: a string compare rules most paths out before the regex.
	const {base} = picomatch.scan(pattern);
	const prefix = base.includes('\\') ? '' : base;
	return prefix === '' ? test : path => path.startsWith(prefix) && test(path);
}

/** `/a/b` → `/a`; `/a` → '' (the root). */
function parentPath(path: string): string {
	return path.slice(0, Math.max(0, path.lastIndexOf('/')));
}

const byPath = (a: MatchedPath, b: MatchedPath) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
const largestFirst = (a: MatchedPath, b: MatchedPath) => b.bytes - a.bytes || byPath(a, b);

function listed(matches: MatchedPath[], order: (a: MatchedPath, b: MatchedPath) => number) {
	matches.sort(order);
	return {paths: matches.slice(0, pathLimit), pathCount: matches.length};
}

function plural(count: number, one: string, many: string): string {
	return `${count} ${count === 1 ? one : many}`;
}

/**
`budgets`: the regular files of the final image that the glob matches, directly or through a matched directory
above them, must not hold more than the threshold. Lists them largest first.
*/
export function checkBudget(rule: GateRule, image: GateImage): Verdict {
	const matches = pathMatcher(rule.pattern!);
	const dirMatch = new Map<string, boolean>([['', false]]);
	const within = (dir: string): boolean => {
		const pending: string[] = [];
		let current = dir;
		let known = dirMatch.get(current);
		while (known === undefined) {
			if (matches(current)) {
				known = true;
				break;
			}
			pending.push(current);
			current = parentPath(current);
			known = dirMatch.get(current);
		}
		for (const path of pending) dirMatch.set(path, known);
		if (known && !dirMatch.has(current)) dirMatch.set(current, true);
		return known;
	};
	const found: MatchedPath[] = [];
	let total = 0;
	for (const file of image.finalFiles().values()) {
		if (file.type !== 'file') continue;
		if (!matches(file.path) && !within(parentPath(file.path))) continue;
		found.push({path: file.path, bytes: file.size, layer: file.layer});
		total += file.size;
	}
	const {paths, pathCount} = listed(found, largestFirst);
	const largest = paths.slice(0, 3).map(path => `${path.path} (${humanizeBytes(path.bytes)})`);
	const holds = `${rule.pattern} holds ${humanizeBytes(total)} (${total} bytes) in ${plural(pathCount, 'file', 'files')}`;
	const tail = largest.length > 0 ? `; largest: ${largest.join(', ')}` : '';
	const violated = total > rule.threshold!;
	return {
		violated,
		actual: total,
		message: violated ? `${holds}, over the budget of ${rule.value}${tail}` : `${holds}, within ${rule.value}${tail}`,
		paths,
		pathCount,
	};
}

/** `deny`: no path of the final image may match. */
export function checkDeny(rule: GateRule, image: GateImage): Verdict {
	const matches = pathMatcher(rule.pattern!);
	const found: MatchedPath[] = [];
	for (const file of image.finalFiles().values()) {
		if (matches(file.path)) found.push({path: file.path, bytes: file.size, layer: file.layer});
	}
	const {paths, pathCount} = listed(found, byPath);
	return {
		violated: pathCount > 0,
		actual: pathCount,
		message:
			pathCount > 0
				? `${plural(pathCount, 'path', 'paths')} of the final image ${pathCount === 1 ? 'matches' : 'match'} ${rule.pattern}`
				: `no path of the final image matches ${rule.pattern}`,
		paths,
		pathCount,
	};
}

/** `denyInAnyLayer`: no layer may store a matching path, even one a later layer deletes (it still ships). */
export function checkDenyInAnyLayer(rule: GateRule, image: GateImage): Verdict {
	const matches = pathMatcher(rule.pattern!);
	const found: MatchedPath[] = [];
	for (const layer of image.analysis.model.layers) {
		for (const entry of layer.entries) {
			if (entry.path === '' || parseWhiteout(entry.path)) continue;
			const path = `/${entry.path}`;
			if (matches(path)) found.push({path, bytes: entry.size, layer: layer.index});
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
