import {render} from 'ink-testing-library';
import {App} from '../../src/ui/app/app.js';
import {createModel, type ExplorerModel} from '../../src/ui/app/explorer-model.js';
import {buildKeyMap, type KeyOverrides} from '../../src/ui/keys/key-map.js';
import {initialState, type InitialOptions} from '../../src/ui/state/ui-state.js';
import type {Size} from '../../src/ui/view/layout.js';
import {makeTheme} from '../../src/ui/view/theme.js';
import {loadPath} from '../helpers/load-fixture.js';
import {analyze} from '../../src/core/analyze.js';

export type RenderOptions = {
	readonly size?: Size;
	readonly initial?: InitialOptions;
	readonly keys?: KeyOverrides;
	readonly extractDir?: string;
	readonly env?: Record<string, string | undefined>;
};

const models = new Map<string, Promise<ExplorerModel>>();

/** The explorer on a fixture archive, at a fixed terminal size (ink-testing-library has no rows). */
export async function renderExplorer(fixture: string, options: RenderOptions = {}) {
	const key = `${fixture}|${JSON.stringify(options.keys ?? {})}|${options.extractDir ?? ''}`;
	if (!models.has(key)) {
		models.set(
			key,
			loadPath(fixture).then(({model, content}) =>
				createModel(analyze(model), content, buildKeyMap(options.keys), makeTheme(false), options.extractDir ?? process.cwd()),
			),
		);
	}
	const model = await models.get(key)!;
	let quit = 0;
	const result = render(
		<App
			model={model}
			initial={initialState(options.initial)}
			size={options.size ?? {columns: 120, rows: 40}}
			env={options.env ?? {}}
			onQuit={() => (quit += 1)}
		/>,
	);
	await new Promise(resolve => setTimeout(resolve, 10));
	return {...result, model, quits: () => quit, frame: () => result.lastFrame() ?? ''};
}

/** The tree pane's line for a name (the part right of the left column). */
export function treeLine(frame: string, name: string, leftWidth = 49): string | undefined {
	return frame
		.split('\n')
		.map(line => [...line].slice(leftWidth).join(''))
		.find(line => new RegExp(`[─⊕] ${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}( |$)`).test(line));
}
