import {opaqueMarker, whiteoutPrefix} from './model.js';

/**
Go's `path.Clean` applied to a tar name, then made relative: `./a//b/../c/` becomes `a/c`, `/` becomes ''.
Leading `..` components are dropped, so a hostile `../../etc/passwd` stays inside the image root.
*/
export function cleanEntryPath(name: string): string {
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
	const name = baseName(path);
	if (!name.startsWith(whiteoutPrefix)) return undefined;
	if (name === opaqueMarker) return {kind: 'opaque', dir: parentOf(path)};
	if (name.startsWith('.wh..wh.')) return undefined; // Other AUFS metadata (.wh..wh.plnk, .wh..wh.aufs): not a deletion.
	return {kind: 'whiteout', target: joinPath(parentOf(path), name.slice(whiteoutPrefix.length))};
}
