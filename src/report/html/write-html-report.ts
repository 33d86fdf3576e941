import {once} from 'node:events';
import {createWriteStream} from 'node:fs';
import {renderHtmlReport} from './render-html.js';
import type {ReportInput} from './report-input.js';
import {readTreemapLibrary} from './treemap-library.js';

/** Writes the HTML report to `target` (truncated first), chunk by chunk, honouring back-pressure. */
export async function writeHtmlReport(input: ReportInput, target: string): Promise<void> {
	const treemapLibrary = await readTreemapLibrary();
	const out = createWriteStream(target, {flags: 'w'});
	try {
		await once(out, 'open');
		for (const chunk of renderHtmlReport(input, {treemapLibrary})) {
			if (!out.write(chunk)) await once(out, 'drain');
		}
		out.end();
		await once(out, 'finish');
	} catch (error) {
		out.destroy();
		throw error;
	}
}
