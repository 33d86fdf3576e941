import {existsSync} from 'node:fs';
import type {Readable} from 'node:stream';
import {describeProblem, InputError} from '../loader/errors.js';
import {openInput, type InputSource} from '../loader/input-source.js';
import {parseReference, formatReference, type ImageReference} from '../registry/reference.js';
import type {CliOptions} from './args.js';

/** What finding an image's source needs from the command line. */
export type SourceOptions = Pick<CliOptions, 'image' | 'select'> & Partial<Pick<CliOptions, 'insecure' | 'pull' | 'source'>>;
import type {Engine} from './engine-lookup.js';

/**
Opens what the `<image>` argument names: `registry://REF` straight from the registry; a path, `-`, `docker://` or
`podman://` as before (`--pull` pulls a missing engine image first); and, like dive, a bare image name that is not an
existing path (`nginx:1.27`) from docker, else podman, else the registry with docker's defaults.
*/
export async function openSource(options: SourceOptions, stdin: Readable): Promise<InputSource> {
	const spec = options.image;
	const registry = /^registry:\/\/(.+)$/.exec(spec);
	if (registry) return fromRegistry(registry[1]!, options, spec);
	const engine = /^(docker|podman):\/\/(.+)$/.exec(spec);
	if (engine && options.pull) await pullIfMissing(engine[1] as Engine, engine[2]!);
	if (engine || spec === '-' || options.source === 'docker-archive' || existsSync(spec) || looksLikePath(spec)) return openInput(spec, stdin);
	const reference = parseReference(spec);
	if (!reference) return openInput(spec, stdin);
	return lookUp(spec, reference, options, stdin);
}

async function lookUp(spec: string, reference: ImageReference, options: SourceOptions, stdin: Readable): Promise<InputSource> {
	const looked: string[] = ['no such file or directory'];
	// The engine lookup (node:child_process) loads only for a name that is not a file.
	const {engineHasImage} = await import('./engine-lookup.js');
	for (const engine of ['docker', 'podman'] as const) {
		const answer = await engineHasImage(engine, spec);
		if (answer.found) return openInput(`${engine}://${spec}`, stdin);
		looked.push(answer.note);
	}
	try {
		return await fromRegistry(spec, options, spec, reference);
	} catch (error) {
		looked.push(`registry ${formatReference(reference)} (${describeProblem(error)})`);
		throw new InputError(`no image of that name; looked in: ${looked.join('; ')}`);
	}
}

async function fromRegistry(text: string, options: SourceOptions, display: string, parsed?: ImageReference): Promise<InputSource> {
	const reference = parsed ?? parseReference(text);
	if (!reference) throw new InputError('not an image reference (expected HOST/REPOSITORY[:TAG][@sha256:DIGEST])');
	// The registry client loads only for registry images.
	const [{openRegistrySource}, {hostPlatform}] = await Promise.all([import('../registry/registry-source.js'), import('../registry/resolve-image.js')]);
	return openRegistrySource(reference, {
		env: process.env,
		insecure: options.insecure === true,
		platform: options.select.platform,
		hostPlatform: hostPlatform(process.arch),
		display,
	});
}

async function pullIfMissing(engine: Engine, name: string): Promise<void> {
	if (name.startsWith('-')) return;
	const {engineHasImage, pullImage} = await import('./engine-lookup.js');
	if ((await engineHasImage(engine, name)).found) return;
	const status = await pullImage(engine, name, process.stderr);
	if (status === 'ENOENT') throw new InputError(`${engine} is not installed or not on PATH`);
	if (status !== 0) throw new InputError(`${engine} pull ${name} failed (exit ${status})`);
}

/** Names users type for files: those get "no such file" rather than an image lookup. */
function looksLikePath(spec: string): boolean {
	return /^\.{0,2}\//.test(spec) || /\.(tar|tgz|tar\.gz|tar\.zst|oci)$/i.test(spec);
}
