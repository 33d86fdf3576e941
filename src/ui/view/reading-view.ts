import {progressBytes} from '../../format/progress-bytes.js';
import {readingText} from './details-view.js';
import {displayWidth, seg, type Line} from './line.js';
import type {Theme} from './theme.js';

/** Bytes of the input read so far, and in all when known (the loader's progress). */
export type ReadProgress = {readonly bytesRead: number; readonly totalBytes: number | undefined};

/** How far the read has got: `3 of 12 layers read · 1.2 GB of 4.5 GB (27%)`, shorter forms for narrow terminals. */
function readingTexts(progress: ReadProgress | undefined, shown: number, layerCount: number): string[] {
	const layers = `${shown} of ${layerCount} layers read`;
	const read = progress?.bytesRead ?? 0;
	const total = progress?.totalBytes;
	const percent = total ? ` (${Math.floor(Math.min(1, read / total) * 100)}%)` : '';
	const bytes = total ? `${progressBytes(read)} of ${progressBytes(total)}${percent}` : `${progressBytes(read)} read`;
	return [
		`${layers} · ${bytes} · the reclaimable figures and hints follow when every layer is read`,
		`${layers} · ${bytes} · figures follow`,
		`${layers} · ${bytes}`,
		`${shown}/${layerCount} layers${percent}`,
	];
}

/**
The answer line while the image is still being read (in place of "Most reclaimable…", which needs every layer): what
has been read so far. It stays until the analysis is complete.
*/
export function readingLine(progress: ReadProgress | undefined, shown: number, layerCount: number, width: number, theme: Theme): Line {
	const head = 'Reading… ';
	const texts = readingTexts(progress, shown, layerCount);
	const text = texts.find(candidate => displayWidth(head) + displayWidth(candidate) <= width) ?? texts.at(-1)!;
	return [seg(head, theme.accent), seg(text, theme.label)];
}

/** The Hints view while the image is read: the hints need every layer. */
export function readingHintsLines(shown: number, layerCount: number, theme: Theme): Line[] {
	return [[seg('Hints: ', theme.label), seg(readingText, theme.dim)], [], [seg(`The hints need every layer of the image; ${shown} of ${layerCount} layers have been read so far.`)]];
}
