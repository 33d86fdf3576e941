import {progressBytes} from '../format/progress-bytes.js';
import type {LoadProgress} from '../loader/load-image.js';
import {displayText} from '../format/display-text.js';

type ProgressStream = {readonly isTTY?: boolean; write(text: string): unknown};

/**
The loading line on stderr: an in-place bar on a terminal, a plain line every 10% (or every 64 MB of unknown total)
otherwise, nothing when quiet.
*/
export function progressReporter(stream: ProgressStream, rawLabel: string, quiet: boolean) {
	// The input's name can hold anything a file name can (an escape sequence, a newline): shown, not obeyed.
	const label = displayText(rawLabel);
	if (quiet) return {update: (_progress: LoadProgress) => {}, done: () => {}};
	let last: LoadProgress | undefined;
	let lastStep = -1;
	let lastLine = '';
	let lastDraw = 0;
	let drawn = false;
	const line = (progress: LoadProgress) => {
		const read = progressBytes(progress.bytesRead);
		const total = progress.totalBytes;
		const layers =
			progress.layersTotal === undefined
				? `${progress.layersRead} layer${progress.layersRead === 1 ? '' : 's'} read`
				: `layer ${progress.layersRead} of ${progress.layersTotal}`;
		if (!total) return `Loading ${label}: ${read}, ${layers}`;
		const fraction = Math.min(1, progress.bytesRead / total);
		const percent = Math.floor(fraction * 100);
		if (!stream.isTTY) return `Loading ${label}: ${percent}% (${read} of ${progressBytes(total)}), ${layers}`;
		const width = 24;
		const filled = Math.round(fraction * width);
		const bar = '█'.repeat(filled) + '░'.repeat(width - filled);
		return `Loading ${label} ${bar} ${String(percent).padStart(3)}%  ${read} / ${progressBytes(total)}  ${layers}`;
	};
	return {
		update(progress: LoadProgress) {
			last = progress;
			if (stream.isTTY) {
				const now = Date.now();
				if (now - lastDraw < 80) return;
				lastDraw = now;
				stream.write(`\r\u001B[2K${line(progress)}`);
				drawn = true;
				return;
			}
			const step = progress.totalBytes
				? Math.floor((progress.bytesRead / progress.totalBytes) * 10)
				: Math.floor(progress.bytesRead / (64 * 1024 * 1024));
			if (step === lastStep) return;
			lastStep = step;
			lastLine = line(progress);
			stream.write(`${lastLine}\n`);
		},
		done() {
			if (drawn) stream.write('\r\u001B[2K');
			else if (!stream.isTTY && last) {
				const final = line({...last, bytesRead: last.totalBytes ?? last.bytesRead});
				if (final !== lastLine) stream.write(`${final}\n`);
			}
		},
	};
}
