/**
Canonical key names: what the key table, the config files and the status bar speak.
Printable keys are themselves (`k`, `G`, `/`, `?`); others are lower-case names with an optional modifier:
`up`, `pgdn`, `home`, `enter`, `esc`, `tab`, `shift+tab`, `space`, `backspace`, `ctrl+a`, `ctrl+space`, `ctrl+/`, `alt+x`.
*/

/** The subset of Ink's `Key` the router reads (kept structural so pure code need not import Ink). */
export type KeyFlags = {
	readonly upArrow: boolean;
	readonly downArrow: boolean;
	readonly leftArrow: boolean;
	readonly rightArrow: boolean;
	readonly pageUp: boolean;
	readonly pageDown: boolean;
	readonly home: boolean;
	readonly end: boolean;
	readonly return: boolean;
	readonly escape: boolean;
	readonly ctrl: boolean;
	readonly shift: boolean;
	readonly tab: boolean;
	readonly backspace: boolean;
	readonly delete: boolean;
	readonly meta: boolean;
};

/** Turns one Ink keypress into its canonical name; undefined for pasted text and keys we do not name. */
export function keyNameOf(input: string, key: KeyFlags): string | undefined {
	if (key.upArrow) return 'up';
	if (key.downArrow) return 'down';
	if (key.leftArrow) return 'left';
	if (key.rightArrow) return 'right';
	if (key.pageUp) return 'pgup';
	if (key.pageDown) return 'pgdn';
	if (key.home) return 'home';
	if (key.end) return 'end';
	if (key.return) return 'enter';
	if (key.tab) return key.shift ? 'shift+tab' : 'tab';
	if (key.backspace || key.delete) return 'backspace';
	if (key.escape && input === '') return 'esc';
	if (key.ctrl) {
		// Ctrl+Space sends NUL, which Ink reads as ctrl + '`'.
		if (input === '`' || input === '@' || input === ' ') return 'ctrl+space';
		return input.length === 1 ? `ctrl+${input.toLowerCase()}` : undefined;
	}
	// Ctrl+/ and Ctrl+_ send 0x1f, which Ink passes through as text.
	if (input === '\u001F') return 'ctrl+/';
	if (input === ' ') return 'space';
	if (key.meta && input.length === 1) return `alt+${input}`;
	if (input.length === 1 && input >= ' ') return input;
	return undefined;
}

const aliases: Record<string, string> = {
	pageup: 'pgup',
	pagedown: 'pgdn',
	'page-up': 'pgup',
	'page-down': 'pgdn',
	escape: 'esc',
	return: 'enter',
	'ctrl+m': 'enter',
	'ctrl+i': 'tab',
	'ctrl+h': 'backspace',
	'ctrl+[': 'esc',
	'ctrl+slash': 'ctrl+/',
	'ctrl+_': 'ctrl+/',
	'ctrl+@': 'ctrl+space',
	'ctrl+2': 'ctrl+space',
	'ctrl+backslash': 'ctrl+\\',
	backtab: 'shift+tab',
	uparrow: 'up',
	downarrow: 'down',
	leftarrow: 'left',
	rightarrow: 'right',
	arrowup: 'up',
	arrowdown: 'down',
	arrowleft: 'left',
	arrowright: 'right',
	slash: '/',
	question: '?',
	del: 'backspace',
	delete: 'backspace',
	spacebar: 'space',
	' ': 'space',
	'meta+': 'alt+',
};

const named = new Set([
	'up', 'down', 'left', 'right', 'pgup', 'pgdn', 'home', 'end', 'enter', 'esc', 'tab', 'shift+tab', 'space', 'backspace',
]);

/**
Reads one key as a config file writes it (dive's `ctrl+a`, `pgdn`, `ctrl+slash`, or ours: `G`, `/`, `alt+x`).
Returns undefined for a key we cannot name.
*/
export function parseKeyName(spec: string): string | undefined {
	const raw = spec.trim();
	if (raw.length === 1) return raw === ' ' ? 'space' : raw;
	let name = raw.toLowerCase().replace(/\s+/g, '').replace(/^control\+/, 'ctrl+').replace(/^(meta|option)\+/, 'alt+');
	name = aliases[name] ?? name;
	if (named.has(name)) return name;
	const modified = /^(ctrl|alt)\+(.+)$/.exec(name);
	if (modified) {
		const [, modifier, rest] = modified;
		if (modifier === 'ctrl' && rest === 'space') return 'ctrl+space';
		if (rest!.length === 1) {
			// Alt keeps the case the user wrote (alt+X differs from alt+x); Ctrl has no case.
			const original = raw.slice(raw.length - 1);
			return modifier === 'alt' ? `alt+${original}` : `ctrl+${rest}`;
		}
	}
	return undefined;
}

/** Reads a dive-style list: `"ctrl+f, ctrl+slash"`. Unknown keys are returned separately so the caller can warn. */
export function parseKeyList(spec: string | readonly string[]): {keys: string[]; unknown: string[]} {
	const parts = typeof spec === 'string' ? spec.split(',') : spec;
	const keys: string[] = [];
	const unknown: string[] = [];
	for (const part of parts) {
		if (part.trim() === '' && part !== ' ') continue;
		const name = parseKeyName(part);
		if (name) {
			if (!keys.includes(name)) keys.push(name);
		} else {
			unknown.push(part.trim());
		}
	}
	return {keys, unknown};
}

const displayNames: Record<string, string> = {
	up: '↑',
	down: '↓',
	left: '←',
	right: '→',
	pgup: 'PgUp',
	pgdn: 'PgDn',
	home: 'Home',
	end: 'End',
	enter: 'Enter',
	esc: 'Esc',
	tab: 'Tab',
	'shift+tab': 'S-Tab',
	space: 'Space',
	backspace: 'Bksp',
	'ctrl+space': '^Space',
};

/** How the status bar and help show a key: `^A`, `Tab`, `Space`, `/`. */
export function displayKey(name: string): string {
	const fixed = displayNames[name];
	if (fixed) return fixed;
	if (name.startsWith('ctrl+')) return `^${name.slice(5).toUpperCase()}`;
	if (name.startsWith('alt+')) return `M-${name.slice(4)}`;
	return name;
}
