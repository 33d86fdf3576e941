import {baseName, hasNamePrefix} from '../paths.js';

/**
Which files look like credentials. Some names are secrets by themselves (SSH private keys, `.git-credentials`,
`.netrc`, `.aws/credentials`); others only with content that holds a token (`.env`, `.npmrc`, `.pypirc`,
`.docker/config.json` with `auths`) or a PEM private key. The loader records the first bytes (`LayerEntry.head`) of
small files whose names `mayHoldSecret` accepts; the rules below read only those bytes.
*/

/** The loader peeks at files up to this size… */
export const secretPeekMaxSize = 64 * 1024;
/** …and keeps at most this many of their first bytes. */
export const secretPeekBytes = 4096;

const sshKeyNames = new Set(['id_rsa', 'id_dsa', 'id_ecdsa', 'id_ed25519', 'id_ecdsa_sk', 'id_ed25519_sk']);
const alwaysNames = new Set(['.git-credentials', '.netrc', '_netrc']);
const keyExtensions = /\.(?:pem|key|p8|pk8|ppk|keystore)$/i;
const keyishName = /(?:private|secret|credential|token)/i;

const isEnvName = (name: string) => name === '.env' || name.startsWith('.env.') || name.endsWith('.env');

/** Whether a file's name makes its first bytes worth recording (the loader asks, for files up to `secretPeekMaxSize`). */
export function mayHoldSecret(path: string): boolean {
	const name = baseName(path);
	return (
		sshKeyNames.has(name) ||
		alwaysNames.has(name) ||
		isEnvName(name) ||
		name === '.npmrc' ||
		name === '.pypirc' ||
		path.endsWith('.aws/credentials') ||
		path.endsWith('.docker/config.json') ||
		keyExtensions.test(name) ||
		keyishName.test(name)
	);
}

const pemPrivateKey = /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----/;

// Token formats that are secrets wherever they appear.
const knownTokens = [
	/\bgh[pousr]_[A-Za-z0-9]{30,}/, // GitHub
	/\bgithub_pat_[A-Za-z0-9_]{30,}/,
	/\bglpat-[A-Za-z0-9_-]{20,}/, // GitLab
	/\b(?:AKIA|ASIA)[A-Z0-9]{16}\b/, // AWS access key id
	/\bxox[abposr]-[A-Za-z0-9-]{10,}/, // Slack
	/\bsk-[A-Za-z0-9_-]{20,}/, // OpenAI-style
	/\bsk_live_[A-Za-z0-9]{16,}/, // Stripe
	/\bnpm_[A-Za-z0-9]{30,}/, // npm
	/\bpypi-[A-Za-z0-9_-]{30,}/, // PyPI
];

const secretKey = /(?:token|secret|passw(?:or)?d|pwd|api[_-]?key|access[_-]?key|private[_-]?key|auth|credential)/i;
const placeholder = /^(?:|changeme|change[-_]me|example|sample|dummy|placeholder|todo|tbd|none|null|nil|xxx+|\*+|\.\.\.+|<[^>]*>|\$\{?[A-Za-z_][A-Za-z0-9_]*\}?|your[-_ ].*|replace[-_ ].*|my[-_ ].*)$/i;

/** A `KEY=value` (or `key = value`, `key: value`) line whose key says secret and whose value is not a placeholder. */
function assignsSecret(text: string, keyPattern: RegExp): boolean {
	for (const line of text.split(/\r?\n/)) {
		const match = /^\s*(?:export\s+)?([^=:#\s][^=:]*?)\s*[=:]\s*(.*?)\s*$/.exec(line);
		if (!match) continue;
		const value = match[2]!.replace(/^(['"])(.*)\1$/, '$2').trim();
		if (keyPattern.test(match[1]!) && value.length >= 6 && !placeholder.test(value)) return true;
	}
	return false;
}

const hasKnownToken = (text: string) => knownTokens.some(token => token.test(text));

/**
Whether `secretKindOf(path, undefined)` can name the file: false for most paths, told without cutting the name out
(the secret hints ask of every file of every layer, and most have no recorded first bytes).
*/
export function mayBeSecretByName(path: string): boolean {
	return (
		hasNamePrefix(path, 'id_') ||
		hasNamePrefix(path, '.git-credentials') ||
		hasNamePrefix(path, '.netrc') ||
		hasNamePrefix(path, '_netrc') ||
		path.endsWith('.aws/credentials')
	);
}

/** What the file is, when it looks like a credential; undefined otherwise. `head` is what the loader recorded. */
export function secretKindOf(path: string, head: string | undefined): string | undefined {
	const name = baseName(path);
	if (sshKeyNames.has(name)) return 'SSH private key';
	if (name === '.git-credentials') return 'git credentials';
	if (name === '.netrc' || name === '_netrc') return 'netrc login';
	if (path.endsWith('.aws/credentials')) return 'AWS credentials';
	if (head === undefined) return undefined;
	if (pemPrivateKey.test(head)) return 'PEM private key';
	if (path.endsWith('.docker/config.json')) {
		return /"auths"\s*:\s*\{/.test(head) && /"(?:auth|identitytoken|registrytoken)"\s*:\s*"[^"]+"/.test(head) ? 'Docker registry login' : undefined;
	}
	if (name === '.npmrc') return /_auth(?:Token)?\s*=\s*(?!\$\{)\S{6,}|_password\s*=\s*(?!\$\{)\S+/.test(head) || hasKnownToken(head) ? 'npm token' : undefined;
	if (name === '.pypirc') return assignsSecret(head, /^(?:password|token)$/i) || hasKnownToken(head) ? 'PyPI password' : undefined;
	if (isEnvName(name)) return assignsSecret(head, secretKey) || hasKnownToken(head) ? '.env file with tokens' : undefined;
	return hasKnownToken(head) ? 'access token' : undefined;
}
