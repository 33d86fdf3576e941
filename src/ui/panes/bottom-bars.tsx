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
		return [seg(`Extracting ${overlay.path} (layer ${overlay.layer}) into ${overlay.target}…${progress}${after}`, theme.accent)];
	}
	if (overlay.confirm) {
		const {existing, first} = overlay.confirm;
		const what = existing === 1 ? `${first} exists` : `${existing} files exist in ${overlay.target} (${first}, …)`;
		return [seg(`${what}: `, {...theme.error, inverse: true}), seg(' o overwrite  s skip existing  c cancel', theme.label)];
	}
	const label = seg(`Extract ${overlay.path} (layer ${overlay.layer}) into: `, {...theme.label, inverse: true});
	// The default directory shows as a placeholder: the first key typed starts a new path, Enter alone takes it.
	if (overlay.input === '') return [label, seg(' ▏'), seg(`${overlay.placeholder} (default)`, theme.dim)];
	// A relative or ~ path shows where it lands.
	const where = overlay.target !== overlay.input.trim() ? `  → ${overlay.target}` : '';
	return [label, seg(` ${overlay.input}▏`), seg(where, theme.dim)];
}

export type BarsProps = {readonly state: UiState; readonly bindings: readonly Binding[]; readonly width: number; readonly theme: Theme};

/** The bar above the status line (filter or extract prompt) and the status line itself. */
export function BottomBars({state, bindings, width, theme}: BarsProps) {
	const {overlay, filter} = state;
	const bar = overlay.kind === 'extract' ? extractLine(overlay, theme) : filter.open || filter.editing ? filterLine(filter, theme) : undefined;
	return (
		<>
			{bar ? <LineView line={bar} width={width} /> : null}
			<LineView line={statusLine(bindings, state, width, theme)} width={width} />
		</>
	);
}
