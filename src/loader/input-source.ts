import {createReadStream} from 'node:fs';
import {stat} from 'node:fs/promises';
import {PassThrough, type Readable} from 'node:stream';
import {InputError} from './errors.js';
import type {Collected, Tick} from './collected.js';
import {directoryEntries, tarEntries, type OuterEntry} from './outer-entries.js';

/** Where an image comes from: a file, an OCI layout directory, stdin, or an engine's `save` output. */
export type InputSource = {
	/** How the input is named in messages. */
	readonly display: string;
	readonly kind: 'file' | 'directory' | 'stdin' | 'engine' | 'registry';
	/** The path on disk, for files and directories. */
	readonly path: string | undefined;
	/** Bytes in the input when known (files), for progress. */
	readonly size: number | undefined;
	/** Whether the input can be read again (to view or extract a file later). */
	readonly reopenable: boolean;
	/** Opens the input and iterates its archive entries. */
	entries(onBytes?: (bytes: number) => void): AsyncGenerator<OuterEntry>;
	/** Sources that are not one archive (a registry) gather the image's parts themselves. */
	collect?(tick: Tick): Promise<Collected>;
	/** Opens one blob (`blobs/sha256/<hex>`) on its own, to read file content back. */
	openBlob?(blob: string): Readable;
};

export async function openInput(spec: string, stdin: Readable): Promise<InputSource> {
	const engine = /^(docker|podman):\/\/(.+)$/.exec(spec);
	if (engine) return engineSource(engine[1] as 'docker' | 'podman', engine[2]!);
	if (spec === '-') {
		let used = false;
		return {
			display: 'stdin',
			kind: 'stdin',
			path: undefined,
			size: undefined,
			reopenable: false,
			entries(onBytes) {
				if (used) throw new InputError('stdin can be read only once');
				used = true;
				return tarEntries(counted(stdin, onBytes));
			},
		};
	}
	const info = await stat(spec).catch((error: NodeJS.ErrnoException) => {
		throw new InputError(error.code === 'ENOENT' ? 'no such file or directory' : `cannot read (${error.code ?? error.message})`);
	});
	if (info.isDirectory()) {
		return {
			display: spec,
			kind: 'directory',
			path: spec,
			size: undefined,
			reopenable: true,
			entries: () => directoryEntries(spec),
		};
	}
	return {
		display: spec,
		kind: 'file',
		path: spec,
		size: info.size,
		reopenable: true,
		entries: onBytes => tarEntries(counted(createReadStream(spec, {highWaterMark: 1024 * 1024}), onBytes)),
	};
}

function counted(stream: Readable, onBytes?: (bytes: number) => void): Readable {
	if (onBytes) stream.on('data', (chunk: Buffer) => onBytes(chunk.length));
	return stream;
}

/** `docker save NAME` / `podman save NAME`, streamed straight into the loader without a temporary file. */
function engineSource(engine: 'docker' | 'podman', name: string): InputSource {
	if (name.startsWith('-')) throw new InputError(`an image name cannot start with "-" (it would reach ${engine} as an option)`);
	return {
		display: `${engine}://${name}`,
		kind: 'engine',
		path: undefined,
		size: undefined,
		reopenable: true,
		entries(onBytes) {
			// node:child_process (with net and dgram under it) loads only for an engine's image, not with the program.
			const child = process.getBuiltinModule('node:child_process').spawn(engine, engine === 'podman' ? ['image', 'save', name] : ['save', name], {
				stdio: ['ignore', 'pipe', 'pipe'],
			});
			let errorText = '';
			child.stderr.on('data', (chunk: Buffer) => {
				errorText = (errorText + chunk.toString()).slice(-2000);
			});
			// The stream ends only once the engine has exited well, so a failed save is reported as the engine's error.
			const output = new PassThrough();
			child.stdout.pipe(output, {end: false});
			child.on('error', (error: NodeJS.ErrnoException) => {
				output.destroy(new InputError(error.code === 'ENOENT' ? `${engine} is not installed or not on PATH` : error.message));
			});
			child.on('close', code => {
				if (code === 0) {
					output.end();
					return;
				}
				const last = errorText.trim().split('\n').at(-1) ?? '';
				output.destroy(new InputError(`${engine} save failed (exit ${code ?? 'signal'})${last ? `: ${last}` : ''}`));
			});
			output.on('close', () => {
				if (child.exitCode === null) child.kill();
			});
			return tarEntries(counted(output, onBytes));
		},
	};
}
