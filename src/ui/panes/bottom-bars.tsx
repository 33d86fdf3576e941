import type {Binding} from '../keys/key-map.js';
import type {FilterState, Overlay, UiState} from '../state/ui-state.js';
import {seg, type Line} from '../view/line.js';
import {statusLine} from '../view/status-view.js';
import type {Theme} from '../view/theme.js';
import {LineView} from './lines-view.js';

/** dive's filter bar: `Path Filter: <text>`, with the regex error, if any, beside it. */
export function filterLine(filter: FilterState, theme: Theme): Line {
	const cursor = filter.editing ? '▏' : '';
	const line: Line = [seg('Path filter (regex): ', {...theme.label, inverse: true}), seg(` ${filter.text}${cursor}`)];
	if (filter.error) return [...line, seg(`  ✗ ${filter.error} (${filter.pattern ? `still filtering by /${filter.pattern}/` : 'no filter in force'})`, theme.error)];
	return line;
}

export function extractLine(overlay: Extract<Overlay, {kind: 'extract'}>, theme: Theme): Line {
	if (overlay.running) {
		const progress = overlay.progress ? ` ${overlay.progress.done} of ${overlay.progress.total} items` : '';
		const after = overlay.cancelling ? ' — cancelling…' : ' — Esc cancels';
		return [seg(`Extracting ${overlay.path} (layer ${overlay.layer})…${progress}${after}`, theme.accent)];
	}
	const label = seg(`Extract ${overlay.path} (layer ${overlay.layer}) into: `, {...theme.label, inverse: true});
	// The default directory shows as a placeholder: the first key typed starts a new path, Enter alone takes it.
	if (overlay.input === '') return [label, seg(' ▏'), seg(`${overlay.placeholder} (default)`, theme.dim)];
	return [label, seg(` ${overlay.input}▏`)];
}

export type BarsProps = {readonly state: UiState; readonly bindings: readonly Binding[]; readonly width: number; readonly theme: Theme};

/** The bar above the status line (filter or extract prompt) and the status line itself. */
export function BottomBars({state, bindings, width, theme}: BarsProps) {
	const {overlay, filter} = state;
	const bar = overlay.kind === 'extract' ? extractLine(overlay, theme) : filter.open || filter.editing ? filterLine(filter, theme) : undefined;
	return (
		<>
			{bar ? <LineView line={bar} /> : null}
			<LineView line={statusLine(bindings, state, width, theme)} />
		</>
	);
}
