import {opaqueMarker, whiteoutPrefix} from './model.js';

/**
Go's `path.Clean` applied to a tar name, then made relative: `./a//b/../c/` becomes `a/c`, `/` becomes ''.
Leading `..` components are dropped, so a hostile `../../etc/passwd` stays inside the image root.
*/
export function cleanEntryPath(name: string): string {
	if (isClean(name)) return name;
	const out: string[] = [];
	for (const part of name.split('/')) {
		if (part === '' || part === '.') continue;
		if (part === '..') {
			out.pop();
			continue;
		}
		out.push(part);
	}
	return out.join('/');
}

/** Already what cleanEntryPath returns: no leading or trailing `/`, no empty, `.` or `..` component (most tar names). */
function isClean(name: string): boolean {
	if (name === '' || name.charCodeAt(0) === 47 || name.charCodeAt(name.length - 1) === 47) return name === '';
	let start = 0;
	for (;;) {
		const slash = name.indexOf('/', start);
		const end = slash === -1 ? name.length : slash;
		const length = end - start;
		if (length === 0) return false;
		if (name.charCodeAt(start) === 46 && (length === 1 || (length === 2 && name.charCodeAt(start + 1) === 46))) return false;
		if (slash === -1) return true;
		start = slash + 1;
	}
}

export function splitPath(path: string): string[] {
	return path === '' ? [] : path.split('/');
}

export function parentOf(path: string): string {
	const slash = path.lastIndexOf('/');
	return slash === -1 ? '' : path.slice(0, slash);
}

export function baseName(path: string): string {
	return path.slice(path.lastIndexOf('/') + 1);
}

/** Whether the last component of `path` starts with `prefix`, without making a string of it. */
export function hasNamePrefix(path: string, prefix: string): boolean {
	return path.startsWith(prefix, path.lastIndexOf('/') + 1);
}

export function joinPath(parent: string, name: string): string {
	return parent === '' ? name : `${parent}/${name}`;
}

/** `etc/passwd` → `/etc/passwd`. */
export function absolute(path: string): string {
	return `/${path}`;
}

export type Whiteout = {readonly kind: 'whiteout'; readonly target: string} | {readonly kind: 'opaque'; readonly dir: string};

/** Reads an OCI whiteout name: `.wh.<name>` removes `<name>`, `.wh..wh..opq` makes its directory opaque. */
export function parseWhiteout(path: string): Whiteout | undefined {
	// Most names are no whiteout: tell so without cutting the name out (one string fewer per entry and call).
	if (!hasNamePrefix(path, whiteoutPrefix)) return undefined;
	const name = baseName(path);
	if (name === opaqueMarker) return {kind: 'opaque', dir: parentOf(path)};
	if (name.startsWith('.wh..wh.')) return undefined; // Other AUFS metadata (.wh..wh.plnk, .wh..wh.aufs): not a deletion.
	return {kind: 'whiteout', target: joinPath(parentOf(path), name.slice(whiteoutPrefix.length))};
}
