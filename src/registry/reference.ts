/** An image reference resolved the way docker resolves it: registry host, repository, and a tag or a digest. */
export type ImageReference = {
	/** The registry as users write it (`docker.io`, `ghcr.io`, `127.0.0.1:5000`). */
	readonly registry: string;
	readonly repository: string;
	readonly tag: string | undefined;
	readonly digest: string | undefined;
};

const component = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';
const repositoryPattern = new RegExp(`^${component}(?:/${component})*$`);
const tagPattern = /^\w[\w.-]{0,127}$/;
const digestPattern = /^sha256:[a-f0-9]{64}$|^sha512:[a-f0-9]{128}$/;
const hostPattern = /^(?:\[[0-9a-fA-F:.]+\]|[a-zA-Z0-9](?:[a-zA-Z0-9.-]*[a-zA-Z0-9])?)(?::\d{1,5})?$/;

export const dockerHub = 'docker.io';

/**
Parses `nginx`, `nginx:1.27`, `org/app@sha256:…`, `ghcr.io/org/app:tag`, `127.0.0.1:5000/app`. As in docker, the first
part is a registry only when it has a `.` or a `:` or is `localhost`; otherwise the image is on Docker Hub, and a
one-part name gets the `library/` prefix. Returns undefined for text that is not a reference.
*/
export function parseReference(text: string): ImageReference | undefined {
	let rest = text;
	let digest: string | undefined;
	const at = rest.indexOf('@');
	if (at >= 0) {
		digest = rest.slice(at + 1);
		rest = rest.slice(0, at);
		if (!digestPattern.test(digest)) return undefined;
	}
	let tag: string | undefined;
	const colon = rest.lastIndexOf(':');
	if (colon > rest.lastIndexOf('/')) {
		tag = rest.slice(colon + 1);
		rest = rest.slice(0, colon);
		if (!tagPattern.test(tag)) return undefined;
	}
	const slash = rest.indexOf('/');
	const first = slash < 0 ? '' : rest.slice(0, slash);
	const hasHost = first !== '' && (first.includes('.') || first.includes(':') || first === 'localhost');
	let registry = hasHost ? first : dockerHub;
	let repository = hasHost ? rest.slice(slash + 1) : rest;
	if (hasHost && !hostPattern.test(registry)) return undefined;
	if (registry === 'index.docker.io' || registry === 'registry-1.docker.io') registry = dockerHub;
	if (registry === dockerHub && !repository.includes('/')) repository = `library/${repository}`;
	if (!repositoryPattern.test(repository) || repository.length > 255) return undefined;
	return {registry, repository, tag: digest === undefined && tag === undefined ? 'latest' : tag, digest};
}

/** The reference written out in full: `docker.io/library/nginx:1.27`, `host/app@sha256:…`. */
export function formatReference(reference: ImageReference): string {
	const base = `${reference.registry}/${reference.repository}`;
	if (reference.digest) return `${base}${reference.tag ? `:${reference.tag}` : ''}@${reference.digest}`;
	return `${base}:${reference.tag ?? 'latest'}`;
}

/** What the manifest endpoint is asked for: the digest when there is one, else the tag. */
export function manifestTarget(reference: ImageReference): string {
	return reference.digest ?? reference.tag ?? 'latest';
}

/** The host that serves the API: Docker Hub's is not `docker.io` itself. */
export function apiHost(registry: string): string {
	return registry === dockerHub ? 'registry-1.docker.io' : registry;
}

/** Plain HTTP is used only for the local machine, or when the user says so (`--insecure`). */
export function isLocalHost(registry: string): boolean {
	const host = registry.replace(/:\d+$/, '').replace(/^\[|\]$/g, '');
	return host === 'localhost' || /^127\.\d+\.\d+\.\d+$/.test(host) || host === '::1';
}
